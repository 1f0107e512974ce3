import type { Feed } from './feed.js';
import { type ClientFactory, type Variant, openClient, pause, untilQuiet } from './socket-run.js';
import { median, percentile, ratio, rotate, round } from './stats.js';

export interface LatencyOptions {
  readonly feed: Feed;
  readonly clients: Partial<Record<Variant, ClientFactory>>;
  readonly symbols: readonly string[];
  readonly rounds: number;
  /** Tick messages per second the feed sends (all symbols together). */
  readonly ticksPerSecond: number;
  /** Length of each measured run. */
  readonly durationMs: number;
  readonly gc?: () => void;
  readonly log?: (line: string) => void;
}

export interface VariantLatency {
  /** Medians over runs of each run's percentile, microseconds. */
  readonly p50Us: number | null;
  readonly p99Us: number | null;
  readonly maxUs: number | null;
  readonly samples: number;
  readonly runs: readonly { readonly p50Us: number | null; readonly p99Us: number | null }[];
}

export interface LatencyResult {
  readonly symbols: number;
  readonly ticksPerSecond: number;
  /** Tick messages per second actually written by the feed during the measured runs (median). */
  readonly achievedTicksPerSecond: number | null;
  readonly variants: Partial<Record<Variant, VariantLatency>>;
  /** `<variant>P99VsRaw` (ratio) and `<variant>P50MinusRawUs` (difference) for each variant. */
  readonly ratios: Record<string, number | null>;
}

const WARM_UP_MS = 300;

const runOnce = async (factory: ClientFactory, options: LatencyOptions): Promise<{ samples: number[]; achieved: number }> => {
  const client = await openClient(factory, options.feed, options.symbols, true);
  try {
    await options.feed.command({ cmd: 'pace', perSecond: options.ticksPerSecond, ms: WARM_UP_MS });
    client.latenciesUs.length = 0;
    const { tickFrames, ms } = await options.feed.command<{ tickFrames: number; ms: number }>({
      cmd: 'pace',
      perSecond: options.ticksPerSecond,
      ms: options.durationMs,
    });
    await untilQuiet(client.meter, 50, 50);
    return { samples: [...client.latenciesUs], achieved: (tickFrames * 1000) / ms };
  } finally {
    await client.close();
  }
};

/**
 * Latency from the feed writing a LAST tick to the client holding it (raw event, IBApiNext
 * update, Tick or MarketState), at a steady tick rate; alternating runs, medians of per-run
 * percentiles.
 */
export const benchLatency = async (options: LatencyOptions): Promise<LatencyResult> => {
  await options.feed.command({ cmd: 'probe', on: true });
  const variants = Object.keys(options.clients) as Variant[];
  const runs = new Map<Variant, number[][]>(variants.map((v) => [v, []]));
  const achieved: number[] = [];
  try {
    for (let round_ = 0; round_ < options.rounds; round_++) {
      for (const variant of rotate(variants, round_)) {
        const factory = options.clients[variant];
        if (factory === undefined) continue;
        await pause(options.gc);
        const run = await runOnce(factory, options);
        runs.get(variant)?.push(run.samples);
        achieved.push(run.achieved);
        options.log?.(
          `  ${options.symbols.length} sym round ${round_ + 1} ${variant}: p50 ${percentile(run.samples, 0.5)} µs, p99 ${percentile(run.samples, 0.99)} µs (${run.samples.length} samples, ${Math.round(run.achieved)} ticks/s)`,
        );
      }
    }
  } finally {
    await options.feed.command({ cmd: 'probe', on: false });
  }
  const result: Partial<Record<Variant, VariantLatency>> = {};
  for (const variant of variants) {
    const all = runs.get(variant) ?? [];
    const perRun = all.map((s) => ({ p50Us: round(percentile(s, 0.5)), p99Us: round(percentile(s, 0.99)) }));
    result[variant] = {
      p50Us: round(median(all.map((s) => percentile(s, 0.5)))),
      p99Us: round(median(all.map((s) => percentile(s, 0.99)))),
      maxUs: round(Math.max(...all.map((s) => percentile(s, 1)))),
      samples: all.reduce((n, s) => n + s.length, 0),
      runs: perRun,
    };
  }
  const ratios: Record<string, number | null> = {};
  const raw = result.raw;
  for (const variant of variants) {
    if (variant === 'raw' || raw === undefined) continue;
    const v = result[variant];
    ratios[`${variant}P99VsRaw`] = round(ratio(v?.p99Us ?? Number.NaN, raw.p99Us ?? Number.NaN), 3);
    ratios[`${variant}P50MinusRawUs`] =
      v?.p50Us != null && raw.p50Us !== null ? round(v.p50Us - raw.p50Us) : null;
  }
  return {
    symbols: options.symbols.length,
    ticksPerSecond: options.ticksPerSecond,
    achievedTicksPerSecond: round(median(achieved)),
    variants: result,
    ratios,
  };
};
