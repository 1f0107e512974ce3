// How many cases a fast-check property runs: few on every `npm test`, many on demand.

/** Case counts of one property: `quick` for every run, `full` for a long fuzz. */
export interface FuzzCounts {
  /** Enough to catch a planted bug in a couple of seconds at most (every `npm test`). */
  readonly quick: number;
  /** The long run: `IB_RX_FUZZ=full`. */
  readonly full: number;
}

/**
 * The number of cases to run: `IB_RX_FUZZ_RUNS` when set (a positive integer, to reproduce or to go
 * longer), else `counts.full` under `IB_RX_FUZZ=full`, else `counts.quick`. Any other value of
 * either variable throws, so a typo never silently runs the quick count.
 *
 * @example
 * const RUNS = fuzzRuns({ quick: 2_000, full: 100_000 });   // IB_RX_FUZZ=full npm test → 100 000
 */
export function fuzzRuns(counts: FuzzCounts, env: NodeJS.ProcessEnv = process.env): number {
  const runs = env.IB_RX_FUZZ_RUNS;
  if (runs !== undefined && runs !== '') {
    const n = Number(runs);
    if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`IB_RX_FUZZ_RUNS must be a positive integer, got ${JSON.stringify(runs)}`);
    return n;
  }
  const mode = env.IB_RX_FUZZ ?? '';
  if (mode === 'full') return counts.full;
  if (mode === '' || mode === 'quick') return counts.quick;
  throw new RangeError(`IB_RX_FUZZ must be "quick" or "full", got ${JSON.stringify(mode)}`);
}
