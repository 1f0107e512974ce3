import { refreshOption, restrictTicks } from './feed-fanout.js';
import { FeedHistory } from './feed-history.js';
import type { OptionComputationMode } from './option-computation.js';
import { chainSpecFor } from './option-chains.js';
import { OptionModel } from './option-model.js';
import { RandomWalk } from './random-walk.js';
import type { ContractUniverse } from './contract-universe.js';
import type { OptionFeedState, Subscription, SymbolFeed } from './sim-context.js';
import { SimSecType, type SimContract, type SimSecTypeName } from './sim-contract.js';
import { SymbolBook } from './sim-tick.js';
import { PRICE_FIELDS, SIZE_FIELDS, type TickField } from './tick-ids.js';
import { hashString } from './universe.js';

const ALL_FIELDS: ReadonlySet<TickField> = new Set([...PRICE_FIELDS, ...SIZE_FIELDS]);
/** Hashes are 32-bit: dividing by this staggers the feeds' engine phases in [0, 1). */
const UINT32_RANGE = 2 ** 32;

/**
 * The fields each kind of contract reports, roughly as TWS: forex has quotes but no trades
 * (no last, last size or volume); an index has a value but no quotes, sizes or volume.
 */
export const MARKET_FIELDS: Readonly<Record<SimSecTypeName, ReadonlySet<TickField>>> = {
  [SimSecType.STK]: ALL_FIELDS,
  [SimSecType.FUT]: ALL_FIELDS,
  [SimSecType.OPT]: ALL_FIELDS,
  [SimSecType.CASH]: new Set<TickField>(['bid', 'bidSize', 'ask', 'askSize', 'high', 'low', 'close', 'open']),
  [SimSecType.IND]: new Set<TickField>(['last', 'high', 'low', 'close', 'open']),
};

/** What the feeds need from the simulator. */
export interface FeedEnvironment {
  readonly seed: number;
  /** True when ticks come from a replay instead of random walks. */
  readonly replaying: boolean;
  now(): number;
  optionComputationMode(): OptionComputationMode;
}

/**
 * The market of every contract someone asked for, created on first use (keyed by conId): a
 * random walk for stocks, forex, indices and futures (none when replaying); for an option, a
 * model that follows its underlying's feed (created with it).
 */
export class FeedRegistry {
  private readonly feeds = new Map<number, SymbolFeed>();

  constructor(
    private readonly universe: ContractUniverse,
    private readonly env: FeedEnvironment,
  ) {}

  /** Every feed created so far. */
  get all(): ReadonlyMap<number, SymbolFeed> {
    return this.feeds;
  }

  /** The feed of a contract, created on first use. */
  get(contract: SimContract): SymbolFeed {
    const existing = this.feeds.get(contract.conId);
    if (existing) return existing;
    const walk = this.env.replaying || contract.secType === SimSecType.OPT
      ? undefined
      : new RandomWalk({ symbol: contract.seedKey, price: contract.price, dailyVolume: contract.dailyVolume }, this.env.seed, contract.minTick);
    const feed: SymbolFeed = {
      contract,
      book: new SymbolBook(),
      walk,
      option: this.optionState(contract),
      fields: MARKET_FIELDS[contract.secType],
      dependents: new Set<SymbolFeed>(),
      history: new FeedHistory(contract, this.env.seed, () => this.env.now()),
      due: hashString(contract.seedKey) / UINT32_RANGE,
      subscribers: new Set<Subscription>(),
      observers: new Set(),
    };
    this.feeds.set(contract.conId, feed);
    for (const tick of restrictTicks(feed.fields, walk?.initial() ?? [])) feed.book.apply(tick);
    if (feed.option) {
      feed.option.underlying.dependents.add(feed);
      refreshOption(feed);
    }
    feed.history.arm(this.env.now(), feed.book);
    return feed;
  }

  private optionState(contract: SimContract): OptionFeedState | undefined {
    const underlyingContract = this.universe.get(contract.underConId);
    const spec = chainSpecFor(contract.underSymbol);
    if (contract.secType !== SimSecType.OPT || !underlyingContract || !spec) return undefined;
    return {
      model: new OptionModel(contract, spec, underlyingContract.price, this.env.seed),
      underlying: this.get(underlyingContract),
      computations: new Map(),
      sequence: 0,
      initialized: false,
      now: () => this.env.now(),
      mode: () => this.env.optionComputationMode(),
    };
  }
}
