// In-process benchmarks of the reactive core (R): reducer cost per tick at history 100 vs 100 000,
// the reducer against a reference mutating ring-buffer reducer, and toTicks → marketState throughput.
// Run directly: node --import tsx bench/state-bench.ts [--quick]
import { IBApiTickType as T } from '@stoqey/ib';
import { from, lastValueFrom, Subject, toArray } from 'rxjs';
import { pathToFileURL } from 'node:url';
import type { IbEvent } from '../lib/connection/ib-event.js';
import { marketState } from '../lib/state/market-state-operator.js';
import type { MarketState } from '../lib/state/market-state.js';
import { initialMarketState, reduceMarketState } from '../lib/state/reduce-market-state.js';
import type { Tick } from '../lib/ticks/tick.js';
import { toTicks } from '../lib/ticks/to-ticks.js';
import { exposeGc } from './gc.js';
import { median, rotate } from './stats.js';

export interface StateBenchResult {
  /** Reducer cost per tick (median of rounds), ns, with the history full and evicting. */
  readonly nsPerTickHistory100: number;
  readonly nsPerTickHistory100k: number;
  /** history 100 000 / history 100 (target ≤ 1.1): median of the ratios within each round (alternating slices). */
  readonly historyCostRatio: number;
  /** Reference: one state object and five Float64Array rings updated in place (no snapshots). */
  readonly nsPerTickRingMutating: number;
  /** Reference: in-place rings plus a fresh scalar snapshot object per tick (history not snapshot-safe). */
  readonly nsPerTickRingSnapshot: number;
  /** reducer (history 10 000) / mutating ring reference (target ≤ 1.5), median of per-round ratios. */
  readonly reducerVsRing: number;
  /** reducer (history 10 000) / ring reference that also allocates a scalar snapshot per tick. */
  readonly reducerVsRingSnapshot: number;
  readonly nsPerTickHistory10k: number;
  /** Raw IbEvents pushed through a Subject → toTicks() → marketState(), ticks (events) per second. */
  readonly pipelineTicksPerS: number;
  readonly pipelineEventsPerS: number;
  readonly ticksPerRound: number;
  readonly rounds: number;
}

export interface StateBenchOptions {
  readonly quick?: boolean;
  readonly log?: (line: string) => void;
}

/**
 * A repeating quote / trade mix as raw events (bid, its size, ask, its synthetic size, trade, its
 * synthetic size, day volume): toTicks turns each 7 events into 7 ticks (no duplicate
 * sizes here), 1 in 7 a trade (a history row).
 */
function eventMix(count: number): IbEvent[] {
  const events: IbEvent[] = [];
  for (let i = 0; events.length < count; i++) {
    const p = 100 + ((i * 7) % 50) / 100;
    const at = { reqId: 1, time: i } as const;
    events.push(
      { type: 'tickPrice', tickType: T.BID, price: p - 0.01, ...at },
      { type: 'tickSize', tickType: T.BID_SIZE, size: 100 + (i % 9), ...at },
      { type: 'tickPrice', tickType: T.ASK, price: p + 0.01, ...at },
      { type: 'tickSize', tickType: T.ASK_SIZE, size: 200 + (i % 7), ...at },
      { type: 'tickPrice', tickType: T.LAST, price: p, ...at },
      { type: 'tickSize', tickType: T.LAST_SIZE, size: 1 + (i % 5), ...at },
      { type: 'tickSize', tickType: T.VOLUME, size: 10_000 + i, ...at },
    );
  }
  return events.slice(0, count);
}

/** Reference: the classic mutating reducer, a single state object and ring buffers. */
class RingReference {
  bid: number | undefined; ask: number | undefined; last: number | undefined;
  bidSize: number | undefined; askSize: number | undefined; lastSize: number | undefined;
  dayVolume: number | undefined; currentHigh: number | undefined; currentLow: number | undefined;
  lastUpdate: number | undefined;
  readonly timestamp: Float64Array; readonly close: Float64Array; readonly high: Float64Array;
  readonly low: Float64Array; readonly volume: Float64Array;
  head = 0; length = 0;
  constructor(readonly capacity: number) {
    this.timestamp = new Float64Array(capacity); this.close = new Float64Array(capacity);
    this.high = new Float64Array(capacity); this.low = new Float64Array(capacity); this.volume = new Float64Array(capacity);
  }
  apply(t: Tick): void {
    this.lastUpdate = t.time;
    switch (t.field) {
      case 'bid': this.bid = t.value; break;
      case 'ask': this.ask = t.value; break;
      case 'bidSize': this.bidSize = t.value; break;
      case 'askSize': this.askSize = t.value; break;
      case 'lastSize': this.lastSize = t.value; break;
      case 'volume': this.dayVolume = t.value; break;
      case 'last': {
        this.last = t.value;
        this.currentHigh = this.currentHigh === undefined || t.value > this.currentHigh ? t.value : this.currentHigh;
        this.currentLow = this.currentLow === undefined || t.value < this.currentLow ? t.value : this.currentLow;
        const i = this.head;
        this.timestamp[i] = t.time; this.close[i] = t.value; this.high[i] = this.currentHigh;
        this.low[i] = this.currentLow; this.volume[i] = this.dayVolume ?? Number.NaN;
        this.head = (i + 1) % this.capacity;
        if (this.length < this.capacity) this.length++;
        break;
      }
      default: break;
    }
  }
  snapshot(): object {
    return { bid: this.bid, ask: this.ask, last: this.last, bidSize: this.bidSize, askSize: this.askSize, lastSize: this.lastSize,
      dayVolume: this.dayVolume, currentHigh: this.currentHigh, currentLow: this.currentLow, lastUpdate: this.lastUpdate,
      timestamp: this.timestamp, close: this.close, high: this.high, low: this.low, volume: this.volume };
  }
}

/** Runs `run` after a full GC and returns its time per item, ns. */
const nsPer = (count: number, run: () => void, collectGarbage: () => void): number => {
  collectGarbage();
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / count;
};

/** Runs every figure; `quick` uses fewer ticks and rounds (for CI smoke runs). */
export async function runStateBench(options: StateBenchOptions = {}): Promise<StateBenchResult> {
  const log = options.log ?? ((): void => undefined);
  const gc = exposeGc();
  const perRound = options.quick === true ? 70_000 : 1_050_000;
  const rounds = options.quick === true ? 3 : 9;
  // 70 000 ticks (fits in cache), replayed perRound / 70 000 times per round.
  const ticks = await lastValueFrom(from(eventMix(70_000)).pipe(toTicks(), toArray()), { defaultValue: [] });
  const passes = Math.round(perRound / ticks.length);
  let sink = 0;

  const reducer = (history: number): (() => void) => {
    let state: MarketState = initialMarketState('BENCH', history);
    const fill = Math.ceil((history * 7) / ticks.length) + 1; // 1 in 7 ticks is a trade: fill past the bound
    for (let r = 0; r < fill; r++) for (const t of ticks) state = reduceMarketState(state, t);
    return () => {
      for (let p = 0; p < passes; p++) for (const t of ticks) state = reduceMarketState(state, t);
      sink += state.close.length;
    };
  };
  const ring = (snapshot: boolean): (() => void) => {
    const reference = new RingReference(10_000);
    return () => {
      let latest: object = reference;
      for (let p = 0; p < passes; p++) {
        for (const t of ticks) {
          reference.apply(t);
          if (snapshot) latest = reference.snapshot();
        }
      }
      sink += reference.length + (latest === reference ? 0 : 1);
    };
  };
  // Every round runs each contestant once, in an order rotated per round, and history 100 and
  // 100 000 back to back in several short alternating slices (A B B A …), so machine drift hits
  // both alike; ratios are taken within a round and their median is reported. Round 0 warms up.
  // A full GC before every timed slice: otherwise a collection owed to earlier allocations (the
  // big event array is live) lands on whichever slice runs next and decides the ratio.
  const contestants = [reducer(100), reducer(100_000), reducer(10_000), ring(false), ring(true)];
  const samples = contestants.map((): number[] => []);
  const historyRatios: number[] = [];
  const ringRatios: number[] = [];
  const ringSnapshotRatios: number[] = [];
  const SLICES = 4;
  for (let r = 0; r <= rounds; r++) {
    const ns = contestants.map(() => 0);
    // history 100 vs 100 000, alternating slices (each slice a full pass set of one contestant).
    for (let slice = 0; slice < SLICES; slice++) {
      const order = (slice + r) % 2 === 0 ? [0, 1] : [1, 0];
      for (const k of order) ns[k] = (ns[k] ?? 0) + nsPer(passes * ticks.length, contestants[k] as () => void, gc) / SLICES;
    }
    for (const k of rotate([2, 3, 4], r)) ns[k] = nsPer(passes * ticks.length, contestants[k] as () => void, gc);
    if (r === 0) continue;
    ns.forEach((v, k) => samples[k]?.push(v));
    const [n100 = Number.NaN, n100k = Number.NaN, n10k = Number.NaN, nRing = Number.NaN, nSnap = Number.NaN] = ns;
    historyRatios.push(n100k / n100);
    ringRatios.push(n10k / nRing);
    ringSnapshotRatios.push(n10k / nSnap);
  }
  const [ns100 = Number.NaN, ns100k = Number.NaN, ns10k = Number.NaN, ringMut = Number.NaN, ringSnap = Number.NaN] = samples.map(median);
  const historyCostRatio = median(historyRatios);
  const reducerVsRing = median(ringRatios);
  const reducerVsRingSnapshot = median(ringSnapshotRatios);
  log(`reducer per tick: history 100 ${ns100.toFixed(1)} ns, 100 000 ${ns100k.toFixed(1)} ns (×${historyCostRatio.toFixed(3)}, median of per-round ratios ${historyRatios.map((x) => x.toFixed(2)).join(' ')}), 10 000 ${ns10k.toFixed(1)} ns`);
  log(`reference ring reducer per tick: mutating ${ringMut.toFixed(1)} ns, with scalar snapshot ${ringSnap.toFixed(1)} ns; reducer(10 000) / mutating ×${reducerVsRing.toFixed(2)}, / snapshot ×${reducerVsRingSnapshot.toFixed(2)}`);

  // Made only now: a million live events would make every full GC of the reducer rounds costly.
  const events = eventMix(perRound);
  const eventSamples: number[] = [];
  let ticksOut = 0;
  for (let r = 0; r < rounds + 1; r++) {
    const events$ = new Subject<IbEvent>();
    let states = 0;
    const sub = events$.pipe(toTicks(), marketState({ symbol: 'BENCH', history: 10_000 })).subscribe({ next: () => (states += 1), error: (e: unknown) => { throw e; } });
    const ns = nsPer(events.length, () => { for (const e of events) events$.next(e); }, gc);
    sub.unsubscribe();
    if (r > 0) eventSamples.push(ns);
    ticksOut = states;
    await Promise.resolve();
  }
  const nsPerEvent = median(eventSamples);
  const eventsPerS = 1e9 / nsPerEvent;
  const ticksPerS = (eventsPerS * ticksOut) / events.length;
  log(`toTicks → marketState: ${Math.round(eventsPerS).toLocaleString('en')} events/s, ${Math.round(ticksPerS).toLocaleString('en')} ticks/s (${ticksOut} states from ${events.length} events)`);
  if (sink === -1) log('');

  return {
    nsPerTickHistory100: ns100,
    nsPerTickHistory100k: ns100k,
    historyCostRatio,
    nsPerTickHistory10k: ns10k,
    nsPerTickRingMutating: ringMut,
    nsPerTickRingSnapshot: ringSnap,
    reducerVsRing,
    reducerVsRingSnapshot,
    pipelineTicksPerS: ticksPerS,
    pipelineEventsPerS: eventsPerS,
    ticksPerRound: perRound,
    rounds,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runStateBench({ quick: process.argv.includes('--quick'), log: (line) => { process.stdout.write(`${line}\n`); } });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
