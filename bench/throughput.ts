import type { Feed } from './feed.js';
import { type ClientFactory, type Variant, openClient, pause, untilQuiet } from './socket-run.js';
import { median, ratio, rotate, round, spread } from './stats.js';

export interface ThroughputOptions {
  readonly feed: Feed;
  readonly clients: Partial<Record<Variant, ClientFactory>>;
  readonly symbols: readonly string[];
  /** Measured runs per variant (alternating order). */
  readonly rounds: number;
  /** Tick frames in the measured burst. */
  readonly burst: number;
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
  /** Callbacks the user got per tick message (events, updates, ticks or states). */
  readonly deliveriesPerMsg: number | null;
}

export interface ThroughputResult {
  readonly symbols: number;
  readonly burst: number;
  readonly variants: Partial<Record<Variant, VariantThroughput>>;
  /** `<variant>VsRaw`, `<variant>VsNext`: median over rounds of the ratio within each round. */
  readonly ratios: Record<string, number | null>;
  /** The same keys as ratios of the medians (less robust to load drifting between rounds). */
  readonly ratiosOfMedians: Record<string, number | null>;
}

/** Share of the burst's deliveries between the two stamps (skips the tail's small irregularities). */
const MEASURED_SHARE = 0.99;
/** Silence that ends a burst. */
const QUIET_MS = 250;

/**
 * One run: connect, subscribe, one warm-up burst (which also gives deliveries per tick message),
 * then the measured burst: tick messages per second between the meter's two stamps.
 */
const runOnce = async (factory: ClientFactory, options: ThroughputOptions): Promise<{ rate: number; perMsg: number }> => {
  const client = await openClient(factory, options.feed, options.symbols, false);
  try {
    const warmQuiet = untilQuiet(client.meter, 100);
    const warm = await options.feed.command<{ tickFrames: number }>({ cmd: 'burst', n: Math.min(20_000, options.burst) });
    const perMsg = (await warmQuiet) / warm.tickFrames;
    const expected = options.burst * perMsg;
    client.meter.arm(expected * MEASURED_SHARE);
    const quiet = untilQuiet(client.meter, QUIET_MS);
    const { tickFrames } = await options.feed.command<{ tickFrames: number }>({ cmd: 'burst', n: options.burst });
    let deliveries = await quiet;
    // A starved process (shared machine) can pause longer than QUIET_MS mid-burst: wait on.
    for (let extra = 0; Number.isNaN(client.meter.lastMs) && extra < 5; extra++) {
      deliveries += await untilQuiet(client.meter, QUIET_MS, QUIET_MS);
    }
    const { firstMs, lastMs } = client.meter;
    const span = Math.floor(expected * MEASURED_SHARE);
    const seconds = (lastMs - firstMs) / 1000;
    if (!(seconds > 0)) throw new Error(`burst not measured: ${deliveries} of ~${Math.round(expected)} deliveries`);
    return { rate: span / perMsg / seconds, perMsg: deliveries / tickFrames };
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
  const runs = new Map<Variant, number[]>(variants.map((v) => [v, []]));
  const perMsg = new Map<Variant, number[]>(variants.map((v) => [v, []]));
  for (let round_ = options.warmUpRound === true ? -1 : 0; round_ < options.rounds; round_++) {
    for (const variant of rotate(variants, round_ + 1)) {
      const factory = options.clients[variant];
      if (factory === undefined) continue;
      await pause(options.gc);
      const { rate, perMsg: p } = await runOnce(factory, options).catch((error: unknown) => {
        options.log?.(`  ${variant}: run failed: ${error instanceof Error ? error.message : String(error)}`);
        return { rate: Number.NaN, perMsg: Number.NaN };
      });
      if (round_ >= 0) {
        runs.get(variant)?.push(rate);
        perMsg.get(variant)?.push(p);
      }
      options.log?.(`  ${options.symbols.length} sym ${round_ < 0 ? 'warm-up' : `round ${round_ + 1}`} ${variant}: ${Math.round(rate)} msg/s`);
    }
  }
  const result: Partial<Record<Variant, VariantThroughput>> = {};
  for (const variant of variants) {
    const values = (runs.get(variant) ?? []).filter((v) => Number.isFinite(v));
    result[variant] = {
      msgsPerS: round(median(values), 5),
      runs: values.map((v) => Math.round(v)),
      spread: round(spread(values), 3),
      deliveriesPerMsg: round(median(perMsg.get(variant) ?? []), 3),
    };
  }
  // Paired ratios: each round's variant against the same round's baseline (runs seconds apart
  // share the machine's momentary load), then the median over rounds.
  const ratios: Record<string, number | null> = {};
  const ratiosOfMedians: Record<string, number | null> = {};
  for (const variant of variants) {
    for (const base of ['raw', 'next'] as const) {
      if (variant === base || variant === 'raw' || (variant === 'sink' && base === 'next') || result[base] === undefined) continue;
      const key = `${variant}Vs${base === 'raw' ? 'Raw' : 'Next'}`;
      const mine = runs.get(variant) ?? [];
      const theirs = runs.get(base) ?? [];
      const paired = mine.map((v, i) => ratio(v, theirs[i] ?? Number.NaN)).filter((r): r is number => r !== null);
      ratios[key] = round(median(paired), 3);
      ratiosOfMedians[key] = round(ratio(result[variant]?.msgsPerS ?? Number.NaN, result[base].msgsPerS ?? Number.NaN), 3);
    }
  }
  return { symbols: options.symbols.length, burst: options.burst, variants: result, ratios, ratiosOfMedians };
};
