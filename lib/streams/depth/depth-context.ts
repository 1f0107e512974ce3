import type { Contract } from '@stoqey/ib';
import type { Observable } from 'rxjs';
import type { OneShotContext } from '../../contracts/one-shot-request.js';

/**
 * What depth requests need from their session: the request context (ready signal, routing, ids,
 * sending, clock, `report` for pacing warnings) plus the connection-wide interruption, socket
 * liveness and how long to wait before asking again after a 316 (depth halted).
 */
export interface DepthContext extends Omit<OneShotContext, 'timeoutMs'> {
  /** Replays and emits whether data is interrupted connection-wide (socket down, 1100, farm broken). */
  readonly interrupted$: Observable<boolean>;
  /** Whether socket `generation` is still the open one (no cancel is sent to a dead socket). */
  readonly isAlive: (generation: number) => boolean;
  /** After a 316 (depth halted) the request is sent again after this long (a 317 reset: at once). */
  readonly haltedRetryMs: number;
}

/** One depth request: the contract, its label and the checked options. */
export interface DepthRequestSpec {
  /** The contract's label (`AAPL`). */
  readonly symbol: string;
  readonly contract: Contract;
  /** Rows per side (`reqMktDepth`'s numRows). */
  readonly rows: number;
  /** `reqMktDepth`'s (and `cancelMktDepth`'s) isSmartDepth. */
  readonly smart: boolean;
}
