/**
 * Small statistics helpers for the benchmarks: medians of repeated runs, percentiles of latency
 * samples, ratios and rounding for the JSON line and the table.
 */

/** The value at quantile `q` (0..1) of `values`, nearest-rank on a sorted copy; NaN when empty. */
export const percentile = (values: readonly number[], q: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
};

/** The median of `values` (mean of the two middle values for an even count); NaN when empty. */
export const median = (values: readonly number[]): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  const upper = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? Number.NaN) + upper) / 2;
};

/** Arithmetic mean; NaN when empty. */
export const mean = (values: readonly number[]): number =>
  values.length === 0 ? Number.NaN : values.reduce((sum, v) => sum + v, 0) / values.length;

/** Spread of repeated runs as (max - min) / median, a quick noise indicator. */
export const spread = (values: readonly number[]): number => {
  const m = median(values);
  return values.length === 0 || m === 0 ? Number.NaN : (Math.max(...values) - Math.min(...values)) / m;
};

/** `a / b`, or null when either side is not a positive finite number. */
export const ratio = (a: number, b: number): number | null =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : null;

/** Rounds to `digits` significant digits for the report; non-finite numbers become null. */
export const round = (value: number | null | undefined, digits = 4): number | null => {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  if (value === 0) return 0;
  return Number(value.toPrecision(digits));
};

/** Monotonic time in microseconds (CLOCK_MONOTONIC on Linux: the same clock in every process). */
export const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);

/** Monotonic time in milliseconds, sub-millisecond resolution. */
export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Resolves after `ms` (benchmarks only: lib/ never waits on wall-clock time). */
export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/** Rotates `items` left by `by` positions: alternating run orders without favouring one variant. */
export const rotate = <T>(items: readonly T[], by: number): T[] => {
  const n = items.length;
  if (n === 0) return [];
  const k = ((by % n) + n) % n;
  return [...items.slice(k), ...items.slice(0, k)];
};
