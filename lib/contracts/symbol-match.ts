import type { ContractDescription, SecType } from '@stoqey/ib';

/** One answer of a symbol search (`reqMatchingSymbols`): a stock, index, forex pair … and what derivatives it has. */
export interface SymbolMatch {
  readonly conId: number;
  readonly symbol: string;
  readonly secType: SecType;
  /** The listing exchange (`NASDAQ`, `NYSE` …); `undefined` when TWS gives none (forex). */
  readonly primaryExchange: string | undefined;
  readonly currency: string;
  /** Security types of the derivatives listed on it (`['OPT', 'WAR']`). */
  readonly derivativeSecTypes: readonly SecType[];
  /** TWS's description (the long name), from server version 176; else `undefined`. */
  readonly description: string | undefined;
}

const text = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
};

/** One `@stoqey/ib` contract description → a {@link SymbolMatch} (`undefined` when it names no contract). */
export function toSymbolMatch(description: ContractDescription): SymbolMatch | undefined {
  const c = description.contract;
  if (c?.conId === undefined || c.symbol === undefined) return undefined;
  return {
    conId: c.conId,
    symbol: c.symbol,
    secType: c.secType as SecType,
    primaryExchange: text(c.primaryExch),
    currency: c.currency ?? '',
    derivativeSecTypes: [...(description.derivativeSecTypes ?? [])],
    description: text(c.description),
  };
}
