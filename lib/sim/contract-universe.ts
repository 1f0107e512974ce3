import type { RequestedContract } from './client-requests.js';
import { matchesRequest } from './contract-match.js';
import { DUAL_LISTED_SYMBOL, DUAL_LISTINGS, ES_INDEX, EUR_USD, SPX, esFutures, secondListing } from './listings.js';
import { OPTION_CHAIN_SPECS, OPTION_EXCHANGES, optionChain } from './option-chains.js';
import { SimSecType, stockContract, type SimContract } from './sim-contract.js';
import { DEFAULT_UNIVERSE, syntheticInstrument, type SimInstrument } from './universe.js';

/** TWS returns at most this many symbolSamples. */
export const MAX_SYMBOL_SAMPLES = 16;

/** One row of reqSecDefOptParams: the options of one underlying on one exchange and trading class. */
export interface SimOptionParams {
  readonly exchange: string;
  readonly underlyingConId: number;
  readonly tradingClass: string;
  readonly multiplier: string;
  /** `YYYYMMDD`, ascending. */
  readonly expirations: readonly string[];
  /** Ascending. */
  readonly strikes: readonly number[];
}

/** What the universe is built from. */
export interface UniverseSpec {
  /** Stock symbols (default: DEFAULT_UNIVERSE plus the dual-listed TWIN); unknown ones are synthetic. */
  readonly symbols?: readonly string[] | undefined;
  /** Extra stock symbols (e.g. from a replay file), added when missing. */
  readonly extraSymbols?: readonly string[];
  /** Stocks that get a second listing on another primary exchange (ambiguous by symbol). */
  readonly ambiguous?: ReadonlySet<string>;
  /** "Today": futures and option expiries follow from it. */
  readonly today: Date;
}

const NON_DERIVATIVES: ReadonlySet<string> = new Set([SimSecType.STK, SimSecType.IND, SimSecType.CASH]);

/** The stock listings of a symbol: the known one(s), else a synthetic one. */
const listingsOf = (symbol: string): SimInstrument[] => {
  if (symbol === DUAL_LISTED_SYMBOL) return [...DUAL_LISTINGS];
  const known = DEFAULT_UNIVERSE.find((i) => i.symbol === symbol);
  return [known ?? syntheticInstrument(symbol)];
};

/** Made-up conIds come from hashes: a clash moves the later contract to the next free id. */
const withUniqueConIds = (contracts: readonly SimContract[]): SimContract[] => {
  const taken = new Set<number>();
  return contracts.map((c) => {
    let conId = c.conId;
    while (taken.has(conId)) conId += 1;
    taken.add(conId);
    return conId === c.conId ? c : { ...c, conId };
  });
};

/** Builds the contracts: stocks, the dual listing, EUR.USD, SPX, ES index and futures, and option chains. */
export const buildContractUniverse = (spec: UniverseSpec): ContractUniverse => {
  const defaults = [...DEFAULT_UNIVERSE.map((i) => i.symbol), DUAL_LISTED_SYMBOL];
  const symbols = [...new Set([...(spec.symbols ?? defaults), ...(spec.extraSymbols ?? [])].map((s) => s.toUpperCase()))];
  const stocks: SimContract[] = [];
  for (const symbol of symbols) {
    const listings = listingsOf(symbol);
    listings.forEach((inst, i) => stocks.push(stockContract(inst, i === 0 ? symbol : `${symbol}@${inst.primaryExch}`)));
    const first = listings[0];
    if (first && listings.length === 1 && spec.ambiguous?.has(symbol)) {
      const second = secondListing(first);
      stocks.push(stockContract(second, `${symbol}@${second.primaryExch}`));
    }
  }
  const options = OPTION_CHAIN_SPECS.flatMap((chain) => {
    const underlying = stocks.find((s) => s.symbol === chain.underlying);
    return underlying ? optionChain(underlying, chain, spec.today) : [];
  });
  return new ContractUniverse(withUniqueConIds([...stocks, EUR_USD, SPX, ES_INDEX, ...esFutures(spec.today), ...options]));
};

/** The simulator's contracts, looked up as TWS looks them up. */
export class ContractUniverse {
  private readonly byConId = new Map<number, SimContract>();

  /** Throws when two contracts share a conId. */
  constructor(readonly contracts: readonly SimContract[]) {
    for (const c of contracts) {
      if (this.byConId.has(c.conId)) throw new Error(`simulator universe: duplicate conId ${c.conId} (${c.localSymbol})`);
      this.byConId.set(c.conId, c);
    }
  }

  get(conId: number): SimContract | undefined {
    return this.byConId.get(conId);
  }

  /** Every contract a request names (see matchesRequest), in universe order. */
  find(query: RequestedContract): SimContract[] {
    if (query.conId > 0) {
      const c = this.byConId.get(query.conId);
      return c ? [c] : [];
    }
    return this.contracts.filter((c) => matchesRequest(c, query));
  }

  /** The first stock listing of a symbol (replayed ticks are by symbol). */
  stock(symbol: string): SimContract | undefined {
    const upper = symbol.toUpperCase();
    return this.contracts.find((c) => c.secType === SimSecType.STK && c.symbol === upper);
  }

  /**
   * reqMatchingSymbols: stocks, indices and forex whose symbol starts with the pattern or whose
   * long name contains it (case-insensitive); exact symbols first, then prefixes, then names; at
   * most 16.
   */
  search(pattern: string): SimContract[] {
    const p = pattern.trim().toUpperCase();
    if (p === '') return [];
    const candidates = this.contracts.filter((c) => NON_DERIVATIVES.has(c.secType));
    const exact = candidates.filter((c) => c.symbol === p);
    const prefix = candidates.filter((c) => c.symbol !== p && c.symbol.startsWith(p));
    const named = candidates.filter((c) => !c.symbol.startsWith(p) && c.longName.toUpperCase().includes(p));
    return [...exact, ...prefix, ...named].slice(0, MAX_SYMBOL_SAMPLES);
  }

  /** Security types of the derivatives listed on a contract (`['OPT']`, `['FUT']`, `[]`). */
  derivativeSecTypes(c: SimContract): string[] {
    return [...new Set(this.contracts.filter((d) => d.underConId === c.conId).map((d) => d.secType))];
  }

  /** The options whose underlying is `underConId`. */
  optionsOn(underConId: number): SimContract[] {
    return this.contracts.filter((c) => c.secType === SimSecType.OPT && c.underConId === underConId);
  }

  /** reqSecDefOptParams rows of an underlying: one per exchange and trading class; [] when it has no options. */
  optionParams(underConId: number): SimOptionParams[] {
    const byClass = new Map<string, SimContract[]>();
    for (const o of this.optionsOn(underConId)) byClass.set(o.tradingClass, [...(byClass.get(o.tradingClass) ?? []), o]);
    return [...byClass].flatMap(([tradingClass, opts]) => {
      const expirations = [...new Set(opts.map((o) => o.lastTradeDate))].sort();
      const strikes = [...new Set(opts.map((o) => o.strike))].sort((a, b) => a - b);
      const multiplier = opts[0]?.multiplier ?? '';
      return OPTION_EXCHANGES.map((exchange) => ({ exchange, underlyingConId: underConId, tradingClass, multiplier, expirations, strikes }));
    });
  }
}
