/** Bounds of an exponential backoff: the n-th retry waits at most `min(maxDelayMs, initialDelayMs * 2^n)`. */
export interface BackoffOptions {
  /** Upper bound of the first retry's delay (ms). */
  readonly initialDelayMs: number;
  /** Upper bound of any delay (ms). */
  readonly maxDelayMs: number;
}

/**
 * The upper bound of the delay before retry number `retryIndex` (0 = the first retry):
 * `min(maxDelayMs, initialDelayMs * 2^retryIndex)`, never negative, no overflow for large indices.
 */
export function backoffCeiling(retryIndex: number, options: BackoffOptions): number {
  const initial = Math.max(0, options.initialDelayMs);
  const max = Math.max(0, options.maxDelayMs);
  // 2^n overflows to Infinity for n > 1023; min() then picks max, as wanted.
  return Math.min(max, initial * 2 ** Math.max(0, retryIndex));
}

/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"):
 * a delay drawn uniformly from `[0, backoffCeiling(retryIndex)]`, rounded to whole milliseconds.
 * `random` must return a number in `[0, 1)` (default `Math.random`; pass a seeded source in tests).
 *
 * @example
 * backoffDelay(0, { initialDelayMs: 500, maxDelayMs: 30_000 }, () => 0.5) // 250
 */
export function backoffDelay(
  retryIndex: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const ceiling = backoffCeiling(retryIndex, options);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.min(ceiling, Math.round(r * ceiling));
}
