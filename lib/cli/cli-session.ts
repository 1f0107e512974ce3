import type { Observable } from 'rxjs';
import type { Bar } from '../bars/bar.js';
import type { ContractDetails } from '../contracts/contract-details.js';
import type { SymbolMatch } from '../contracts/symbol-match.js';
import type { BarSeries } from '../history/bar-series.js';
import type { BarsOptions, HistoricalBarsOptions } from '../history/historical-options.js';
import type { SymbolOrContract } from '../requests/contract-key.js';
import type { SessionHealth } from '../monitoring/health.js';
import type { IbSession } from '../session/ib-session.js';
import type { DepthOptions } from '../streams/depth/depth-options.js';
import type { RealTimeBarsOptions } from '../streams/real-time-bars/real-time-bars-options.js';
import type { TickByTick, TickByTickType } from '../streams/tick-by-tick/tick-by-tick.js';
import type { OrderBook } from '../streams/depth/order-book.js';
import type { Tick } from '../ticks/tick.js';
import type { QuoteView } from './render/quote-view.js';

/** The connection as the CLI shows it (mapped from the session's typed connection state). */
export interface ConnectionSummary {
  /** `idle`: not connected by choice (no subscriptions), never a connection attempt under way. */
  readonly phase: 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'link-lost' | 'closed';
  /** Successful reconnects so far. */
  readonly reconnects: number;
  /** Extra words for the status line (server version, farm status, last disconnect reason …). */
  readonly detail?: string | undefined;
}

/**
 * What the CLI commands use of an `IbSession` (a narrow port, so commands can be driven by a fake in
 * specs). `openSession` in ib-session-port.ts adapts the real session.
 */
export interface CliSession {
  readonly marketData$: (symbol: string) => Observable<QuoteView>;
  readonly ticks$: (symbol: string) => Observable<Tick>;
  readonly snapshot: (symbol: string, options: { readonly timeoutMs: number }) => Promise<QuoteView>;
  /** Every contract TWS matches (see `IbSession.contractDetails`). */
  readonly contractDetails: (contract: SymbolOrContract) => Promise<readonly ContractDetails[]>;
  /** Symbols matching a pattern (see `IbSession.searchSymbols`). */
  readonly searchSymbols: (pattern: string) => Promise<readonly SymbolMatch[]>;
  /** The bars of a span (see `IbSession.historicalBars`). */
  readonly historicalBars: (contract: SymbolOrContract, options: HistoricalBarsOptions) => Promise<readonly Bar[]>;
  /** Bars kept up to date (see `IbSession.bars$`). */
  readonly bars$: (symbol: string, options: BarsOptions) => Observable<BarSeries>;
  /** The market depth book (see `IbSession.depth$`); absent in fakes without depth. */
  readonly depth$?: (contract: SymbolOrContract, options: DepthOptions) => Observable<OrderBook>;
  /** 5-second bars (see `IbSession.realTimeBars$`); absent in fakes without them. */
  readonly realTimeBars$?: (symbol: string, options: RealTimeBarsOptions) => Observable<Bar>;
  /** Tick-by-tick data (see `IbSession.tickByTick$`); absent where the session has none (NATS, fakes). */
  readonly tickByTick$?: (symbol: string, type: TickByTickType) => Observable<TickByTick>;
  readonly connection$: Observable<ConnectionSummary>;
  /** Health snapshots (see `IbSession.health$`; a remote session's come from its server); absent in fakes. */
  readonly health$?: Observable<SessionHealth> | undefined;
  /**
   * Errors that prevent any connection (the gateway unreachable, client id in use) — emitted only
   * while the session has never been connected; the command then ends with exit 2.
   */
  readonly fatal$: Observable<Error>;
  readonly close: () => Promise<void>;
  /** The real session behind the port (undefined for fakes): for monitoring (health$, metrics). */
  readonly ibSession?: IbSession | undefined;
}

/** The data calls an `IbSession` and a `RemoteSession` have alike (the same signatures). */
export type SessionDataSource = Pick<
  IbSession,
  'marketData$' | 'ticks$' | 'snapshot' | 'contractDetails' | 'searchSymbols' | 'historicalBars' | 'bars$' | 'depth$' | 'realTimeBars$' | 'tickByTick$' | 'health$'
>;

/** The CLI port's data calls, each delegated to `source` (an `IbSession` or a `RemoteSession`). */
export function sessionDataCalls(source: SessionDataSource): Pick<
  CliSession,
  'marketData$' | 'ticks$' | 'snapshot' | 'contractDetails' | 'searchSymbols' | 'historicalBars' | 'bars$' | 'depth$' | 'realTimeBars$' | 'tickByTick$' | 'health$'
> {
  return {
    marketData$: (symbol) => source.marketData$(symbol),
    ticks$: (symbol) => source.ticks$(symbol),
    snapshot: (symbol, options) => source.snapshot(symbol, options),
    contractDetails: (contract) => source.contractDetails(contract),
    searchSymbols: (pattern) => source.searchSymbols(pattern),
    historicalBars: (contract, options) => source.historicalBars(contract, options),
    bars$: (symbol, options) => source.bars$(symbol, options),
    depth$: (contract, options) => source.depth$(contract, options),
    realTimeBars$: (symbol, options) => source.realTimeBars$(symbol, options),
    tickByTick$: (symbol, type) => source.tickByTick$(symbol, type),
    health$: source.health$,
  };
}
