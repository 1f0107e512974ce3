import { runStateBench } from './state-bench.js';
import { round } from './stats.js';

/** Figures of R's in-process state benchmarks (bench/state-*.ts), as the runner reports them. */
export interface StateBenchFigures {
  /** `toTicks → marketState` throughput, ticks per second (in-process, no socket). */
  readonly pipelineTicksPerS: number | null;
  /** Reducer cost per tick at history 100 and 100 000, nanoseconds. */
  readonly nsPerTickHistory100: number | null;
  readonly nsPerTickHistory100k: number | null;
  /** history 100 000 / history 100 per-tick cost (target ≤ 1.1). */
  readonly historyCostRatio: number | null;
  /** Everything R's benchmarks returned, unchanged. */
  readonly details: Readonly<Record<string, unknown>>;
}

export interface StateBenchOptions {
  readonly quick: boolean;
  readonly log: (line: string) => void;
}

/** Runs R's state benchmarks (bench/state-bench.ts) in this process and maps their figures. */
export const runStateBenches = async (options: StateBenchOptions): Promise<StateBenchFigures> => {
  const result = await runStateBench({ quick: options.quick, log: (line) => { options.log(`  ${line}`); } });
  return {
    pipelineTicksPerS: round(result.pipelineTicksPerS),
    nsPerTickHistory100: round(result.nsPerTickHistory100),
    nsPerTickHistory100k: round(result.nsPerTickHistory100k),
    historyCostRatio: round(result.historyCostRatio, 3),
    details: { ...result },
  };
};
