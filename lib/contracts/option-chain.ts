import type { SecDefOptParamsEvent } from '../connection/ib-event.js';

/** The options of one underlying on one exchange and trading class (`reqSecDefOptParams`). */
export interface OptionChain {
  readonly exchange: string;
  readonly underlyingConId: number;
  readonly tradingClass: string;
  /** Contract multiplier (100 for US equity options); `undefined` when TWS gives none. */
  readonly multiplier: number | undefined;
  /** Expiries `YYYYMMDD`, ascending, no duplicates. */
  readonly expirations: readonly string[];
  /** Strikes, ascending, no duplicates. */
  readonly strikes: readonly number[];
}

/** One `securityDefinitionOptionParameter` row → an {@link OptionChain}, expirations and strikes sorted. */
export function toOptionChain(row: SecDefOptParamsEvent): OptionChain {
  const multiplier = Number(row.multiplier);
  return {
    exchange: row.exchange,
    underlyingConId: row.underlyingConId,
    tradingClass: row.tradingClass,
    multiplier: Number.isFinite(multiplier) && multiplier > 0 ? multiplier : undefined,
    expirations: [...new Set(row.expirations)].sort(),
    strikes: [...new Set(row.strikes)].filter((s) => Number.isFinite(s)).sort((a, b) => a - b),
  };
}

/** Chains sorted by exchange, then trading class (a stable order, whatever order TWS answered in). */
export function sortChains(chains: readonly OptionChain[]): readonly OptionChain[] {
  return [...chains].sort((a, b) => compare(a.exchange, b.exchange) || compare(a.tradingClass, b.tradingClass));
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
