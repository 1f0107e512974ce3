import type { Contract } from '@stoqey/ib';
import type { Observable } from 'rxjs';
import type { OneShotContext } from '../contracts/one-shot-request.js';
import type { HistoricalGovernor } from './historical-governor.js';
import type { HistoricalQuery } from './historical-query.js';
import type { HistoricalPacingRules } from './pacing-rules.js';

/**
 * What historical requests need from their session: the one-shot context (ready signal, routing,
 * ids, sending, clock, `timeoutMs` for the answer, `report` for pacing warnings) plus the
 * connection-wide interruption, socket liveness and the session's historical governor.
 */
export interface HistoryContext extends OneShotContext {
  /** Replays and emits whether data is interrupted connection-wide (socket down, 1100, farm broken). */
  readonly interrupted$: Observable<boolean>;
  /** Whether socket `generation` is still the open one (no cancel is sent to a dead socket). */
  readonly isAlive: (generation: number) => boolean;
  /** Every historical request of the session goes through it. */
  readonly governor: HistoricalGovernor;
  /** The governor's rules (which bars are small; how long to back off after a 162 pacing violation). */
  readonly rules: HistoricalPacingRules;
}

/** One historical request: the contract, its sharing key and label, and the checked query. */
export interface HistoricalRequestSpec {
  /** The contract's label (`AAPL`). */
  readonly symbol: string;
  readonly contract: Contract;
  /** `contractKey(contract)`. */
  readonly contractKey: string;
  readonly query: HistoricalQuery;
}
