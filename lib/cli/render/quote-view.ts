/**
 * The part of a `MarketState` the CLI reads. Declared structurally (every field optional) so the
 * renderers stay independent of the state layer's internals; a `MarketState` is assignable to it.
 */
export interface QuoteView {
  readonly symbol: string;
  readonly bid?: number | undefined;
  readonly ask?: number | undefined;
  readonly last?: number | undefined;
  readonly bidSize?: number | undefined;
  readonly askSize?: number | undefined;
  readonly lastSize?: number | undefined;
  readonly open?: number | undefined;
  readonly prevClose?: number | undefined;
  readonly dayVolume?: number | undefined;
  readonly currentHigh?: number | undefined;
  readonly currentLow?: number | undefined;
  /** Time of the last update in epoch milliseconds. */
  readonly lastUpdate?: number | undefined;
  readonly marketDataType?: string | undefined;
  readonly stale?: boolean | undefined;
}
