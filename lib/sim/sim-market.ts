import { buildContractUniverse, type ContractUniverse } from './contract-universe.js';
import { fanOut } from './feed-fanout.js';
import { FeedRegistry } from './feeds.js';
import type { OptionComputationMode } from './option-computation.js';
import type { ResolvedSimOptions } from './options.js';
import type { ReplayRecord, ReplayTickRecord } from './replay-format.js';
import { TickEngine } from './tick-engine.js';

const DAY_MS = 86_400_000;

/**
 * The simulated market: the contracts, their feeds, the engine that walks them, the market's
 * clock (the wall clock moved to the `marketTime` option, or to the `today` option's date) and the option computation mode.
 * `flowing()` tells whether data may reach clients (link, farm, stall faults).
 */
export class SimMarket {
  readonly universe: ContractUniverse;
  readonly feeds: FeedRegistry;
  readonly engine: TickEngine;
  /** How option computation ticks are filled (switchable at run time). */
  computationMode: OptionComputationMode;
  /** The `marketTime` / `today` option minus the wall clock (0 without them). */
  private readonly dateOffsetMs: number;

  constructor(
    options: ResolvedSimOptions,
    replayRecords: readonly ReplayRecord[] | undefined,
    private readonly flowing: () => boolean,
  ) {
    this.computationMode = options.optionComputation;
    const wallNow = Date.now();
    this.dateOffsetMs = options.marketTime !== undefined
      ? options.marketTime - wallNow
      : options.today ? options.today.getTime() - (wallNow - (wallNow % DAY_MS)) : 0;
    this.universe = buildContractUniverse({
      symbols: options.symbols,
      extraSymbols: (replayRecords ?? []).map((r) => r.symbol),
      ambiguous: options.ambiguous,
      today: new Date(wallNow + this.dateOffsetMs),
    });
    this.feeds = new FeedRegistry(this.universe, {
      seed: options.seed,
      replaying: replayRecords !== undefined,
      now: () => this.marketNow(),
      optionComputationMode: () => this.computationMode,
    });
    this.engine = new TickEngine(this.feeds.all, replayRecords ? 0 : options.rateHz, flowing);
  }

  /** The market's clock, ms. */
  marketNow(): number {
    return Date.now() + this.dateOffsetMs;
  }

  /** Delivers one replayed tick to its stock's feed (kept in the book while data does not flow). */
  deliver(record: ReplayTickRecord): void {
    const contract = this.universe.stock(record.symbol);
    if (!contract) return;
    const feed = this.feeds.get(contract);
    const tick = { field: record.field, value: record.value };
    if (this.flowing()) fanOut(feed, [tick]);
    else feed.book.apply(tick);
  }
}
