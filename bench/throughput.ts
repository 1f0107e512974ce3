import type { Feed } from './feed.js';
import { type ClientFactory, type Variant, openClient, pause, untilQuiet } from './socket-run.js';
import { median, ratio, rotate, round, spread } from './stats.js';
import { wholeCycles, type TickMix } from './tick-mix.js';

export interface ThroughputOptions {
  readonly feed: Feed;
  readonly clients: Partial<Record<Variant, ClientFactory>>;
  readonly symbols: readonly string[];
  /** Measured runs per variant (alternating order). */
  readonly rounds: number;
  /** Tick frames in the measured burst (the `stock` mix rounds up to whole cycles). */
  readonly burst: number;
  /** What the bursts hold (default `bidask`, see tick-mix.ts). */
  readonly mix?: TickMix;
  /** One uncounted run of every variant first (JIT, caches); each run also has a warm-up burst. */
  readonly warmUpRound?: boolean;
  readonly gc?: () => void;
  readonly log?: (line: string) => void;
}

/** One variant's figures: tick messages per second (median of runs) and deliveries per message. */
export interface VariantThroughput {
  readonly msgsPerS: number | null;
  readonly runs: readonly number[];
  readonly spread: number | null;
  /**
   * Tick messages per second of the client's own CPU time (process CPU between the two stamps):
   * what the client would reach with a core to itself; steadier than `msgsPerS` on a shared machine.
   */
  readonly cpuMsgsPerS: number | null;
  readonly cpuRuns: readonly number[];
  readonly cpuSpread: number | null;
  /** Callbacks the user got per tick message (events, updates, ticks or states). */
  readonly deliveriesPerMsg: number | null;
}

export interface ThroughputResult {
  readonly symbols: number;
  readonly mix: TickMix;
  readonly burst: number;
  readonly variants: Partial<Record<Variant, VariantThroughput>>;
  /**
   * `<variant>VsRaw`, `<variant>VsNext`, `stateVsRawFast`, `stateHealthVsState`: median over rounds
   * of the ratio within each round.
   */
  readonly ratios: Record<string, number | null>;
  /** The same keys as ratios of the medians (less robust to load drifting between rounds). */
  readonly ratiosOfMedians: Record<string, number | null>;
  /** The same keys over `cpuMsgsPerS` (median over rounds of the ratio within each round). */
  readonly cpuRatios: Record<string, number | null>;
}

/** Share of the burst's deliveries between the two stamps (skips the tail's small irregularities). */
const MEASURED_SHARE = 0.99;
/** Silence that ends a burst. */
const QUIET_MS = 250;

interface RunFigures {
  /** Tick messages per second (wall clock). */
  readonly rate: number;
  /** Tick messages per second of the process' CPU time. */
  readonly cpuRate: number;
  readonly perMsg: number;
}
const FAILED: RunFigures = { rate: Number.NaN, cpuRate: Number.NaN, perMsg: Number.NaN };

/**
 * One run: connect, subscribe, one warm-up burst (which also gives deliveries per tick message),
 * then the measured burst: tick messages per second between the meter's two stamps.
 */
const runOnce = async (factory: ClientFactory, options: ThroughputOptions): Promise<RunFigures> => {
  const client = await openClient(factory, options.feed, options.symbols, false);
  const mix = options.mix ?? 'bidask';
  const size = (n: number): number => (mix === 'stock' ? wholeCycles(n) : n);
  try {
    const warmQuiet = untilQuiet(client.meter, 100);
    const warm = await options.feed.command<{ tickFrames: number }>({ cmd: 'burst', n: size(Math.min(20_000, options.burst)), mix });
    const perMsg = (await warmQuiet) / warm.tickFrames;
    const expected = size(options.burst) * perMsg;
    client.meter.arm(expected * MEASURED_SHARE);
    const quiet = untilQuiet(client.meter, QUIET_MS);
    const { tickFrames } = await options.feed.command<{ tickFrames: number }>({ cmd: 'burst', n: size(options.burst), mix });
    let deliveries = await quiet;
    // A starved process (shared machine) can pause longer than QUIET_MS mid-burst: wait on.
    for (let extra = 0; Number.isNaN(client.meter.lastMs) && extra < 5; extra++) {
      deliveries += await untilQuiet(client.meter, QUIET_MS, QUIET_MS);
    }
    const { firstMs, lastMs, firstCpuUs, lastCpuUs } = client.meter;
    const span = Math.floor(expected * MEASURED_SHARE);
    const seconds = (lastMs - firstMs) / 1000;
    if (!(seconds > 0)) throw new Error(`burst not measured: ${deliveries} of ~${Math.round(expected)} deliveries`);
    const messages = span / perMsg;
    return { rate: messages / seconds, cpuRate: messages / ((lastCpuUs - firstCpuUs) / 1e6), perMsg: deliveries / tickFrames };
  } finally {
    await client.close();
  }
};

/**
 * Messages per second of each variant on the same simulator burst, in alternating runs: the
 * variant order rotates every round, the figure is the median of `rounds` runs (a failed run
 * counts as NaN and is left out).
 */
export const benchThroughput = async (options: ThroughputOptions): Promise<ThroughputResult> => {
  const variants = Object.keys(options.clients) as Variant[];
  const runs = new Map<Variant, RunFigures[]>(variants.map((v) => [v, []]));
  for (let round_ = options.warmUpRound === true ? -1 : 0; round_ < options.rounds; round_++) {
    for (const variant of rotate(variants, round_ + 1)) {
      const factory = options.clients[variant];
      if (factory === undefined) continue;
      await pause(options.gc);
      const run = await runOnce(factory, options).catch((error: unknown) => {
        options.log?.(`  ${variant}: run failed: ${error instanceof Error ? error.message : String(error)}`);
        return FAILED;
      });
      if (round_ >= 0) runs.get(variant)?.push(run);
      const label = round_ < 0 ? 'warm-up' : `round ${round_ + 1}`;
      options.log?.(`  ${options.symbols.length} sym ${label} ${variant}: ${Math.round(run.rate)} msg/s (${Math.round(run.cpuRate)} per CPU s)`);
    }
  }
  const wall = (v: Variant): number[] => (runs.get(v) ?? []).map((r) => r.rate);
  const cpu = (v: Variant): number[] => (runs.get(v) ?? []).map((r) => r.cpuRate);
  const result: Partial<Record<Variant, VariantThroughput>> = {};
  for (const variant of variants) {
    const values = wall(variant).filter((v) => Number.isFinite(v));
    const cpuValues = cpu(variant).filter((v) => Number.isFinite(v));
    result[variant] = {
      msgsPerS: round(median(values), 5),
      runs: values.map((v) => Math.round(v)),
      spread: round(spread(values), 3),
      cpuMsgsPerS: round(median(cpuValues), 5),
      cpuRuns: cpuValues.map((v) => Math.round(v)),
      cpuSpread: round(spread(cpuValues), 3),
      deliveriesPerMsg: round(median((runs.get(variant) ?? []).map((r) => r.perMsg)), 3),
    };
  }
  // Paired ratios: each round's variant against the same round's baseline (runs seconds apart
  // share the machine's momentary load), then the median over rounds.
  const ratios: Record<string, number | null> = {};
  const cpuRatios: Record<string, number | null> = {};
  const ratiosOfMedians: Record<string, number | null> = {};
  for (const [variant, base] of ratioPairs(variants)) {
    const key = `${variant}Vs${base.charAt(0).toUpperCase()}${base.slice(1)}`;
    ratios[key] = pairedRatio(wall(variant), wall(base));
    cpuRatios[key] = pairedRatio(cpu(variant), cpu(base));
    ratiosOfMedians[key] = round(ratio(result[variant]?.msgsPerS ?? Number.NaN, result[base]?.msgsPerS ?? Number.NaN), 3);
  }
  return { symbols: options.symbols.length, mix: options.mix ?? 'bidask', burst: options.burst, variants: result, ratios, ratiosOfMedians, cpuRatios };
};

/** The median over rounds of `mine[i] / theirs[i]` (rounds where either failed left out). */
const pairedRatio = (mine: readonly number[], theirs: readonly number[]): number | null =>
  round(median(mine.map((v, i) => ratio(v, theirs[i] ?? Number.NaN)).filter((r): r is number => r !== null)), 3);

/** Variants compared with `raw` and `next`, plus the pairs that isolate one effect. */
const NEXT_COMPARED: ReadonlySet<Variant> = new Set(['ticks', 'state', 'stateNoFast', 'stateHealth']);
const EXTRA_PAIRS: readonly (readonly [Variant, Variant])[] = [['state', 'rawFast'], ['stateHealth', 'state']];

/** `[variant, base]` for every ratio this run can give (both measured). */
const ratioPairs = (variants: readonly Variant[]): (readonly [Variant, Variant])[] => {
  const has = new Set(variants);
  const pairs: (readonly [Variant, Variant])[] = [];
  for (const variant of variants) {
    if (variant !== 'raw' && has.has('raw')) pairs.push([variant, 'raw']);
    if (NEXT_COMPARED.has(variant) && has.has('next')) pairs.push([variant, 'next']);
  }
  return [...pairs, ...EXTRA_PAIRS.filter(([v, b]) => has.has(v) && has.has(b))];
};
