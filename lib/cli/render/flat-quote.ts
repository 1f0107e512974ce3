import type { QuoteView } from './quote-view.js';

/**
 * The flat quote `ib-rx snapshot --json` prints, one object per line (DESIGN.md): `high`/`low` are
 * the day high/low, `close` is yesterday's close, `volume` the day volume; absent values are null;
 * `lastUpdate` is an ISO-8601 time; `simulated: true` only when the data came from the simulator.
 */
export interface FlatQuote {
  readonly symbol: string;
  readonly bid: number | null;
  readonly ask: number | null;
  readonly last: number | null;
  readonly bidSize: number | null;
  readonly askSize: number | null;
  readonly lastSize: number | null;
  readonly high: number | null;
  readonly low: number | null;
  readonly open: number | null;
  readonly close: number | null;
  readonly volume: number | null;
  readonly marketDataType: string | null;
  readonly lastUpdate: string | null;
  readonly simulated?: true;
}

/** The line printed for a symbol that failed: its error's class name, IB code (or null) and message. */
export interface FailedQuote {
  readonly symbol: string;
  readonly error: { readonly name: string; readonly code: number | null; readonly message: string };
}

const orNull = (value: number | undefined): number | null =>
  value === undefined || !Number.isFinite(value) ? null : value;

/** Maps a market state to the flat quote. */
export function toFlatQuote(state: QuoteView, options: { readonly simulated?: boolean } = {}): FlatQuote {
  const quote: FlatQuote = {
    symbol: state.symbol,
    bid: orNull(state.bid),
    ask: orNull(state.ask),
    last: orNull(state.last),
    bidSize: orNull(state.bidSize),
    askSize: orNull(state.askSize),
    lastSize: orNull(state.lastSize),
    high: orNull(state.currentHigh),
    low: orNull(state.currentLow),
    open: orNull(state.open),
    close: orNull(state.prevClose),
    volume: orNull(state.dayVolume),
    marketDataType: state.marketDataType ?? null,
    lastUpdate: state.lastUpdate === undefined ? null : new Date(state.lastUpdate).toISOString(),
  };
  return options.simulated === true ? { ...quote, simulated: true } : quote;
}

/** Maps a symbol's failure to the flat error line; `code` is the IB error code when the error has one. */
export function toFailedQuote(symbol: string, error: unknown): FailedQuote {
  const err = error instanceof Error ? error : new Error(String(error));
  const code: unknown = (err as { code?: unknown }).code;
  return {
    symbol,
    error: { name: err.name, code: typeof code === 'number' ? code : null, message: err.message },
  };
}
