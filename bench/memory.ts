/**
 * Heap over many ticks through `toTicks → marketState` (in-process, no socket): is memory flat
 * once the history is full? Run in its own process with a real `gc`:
 *
 *   node --expose-gc --import tsx bench/memory.ts [ticks=10000000] [history=10000]
 *
 * Prints progress lines, then one JSON line. `runMemoryBench` spawns it from the runner.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { IBApiTickType } from '@stoqey/ib';
import { Observable } from 'rxjs';
import type { IbEvent } from '../lib/connection/ib-event.js';
import { marketState } from '../lib/state/market-state-operator.js';
import { toTicks } from '../lib/ticks/to-ticks.js';
import { nowMs, round } from './stats.js';

export interface MemoryResult {
  readonly ticks: number;
  readonly history: number;
  /** Ticks fed before the baseline heap was taken (history full, JIT warm). */
  readonly warmUpTicks: number;
  readonly baselineHeapMb: number | null;
  readonly finalHeapMb: number | null;
  /** final − baseline, after a full gc each. */
  readonly heapGrowthMb: number | null;
  /** Largest heap seen at any checkpoint minus baseline. */
  readonly maxGrowthMb: number | null;
  readonly checkpointsMb: readonly (number | null)[];
  readonly ticksPerS: number | null;
  readonly states: number;
}

const MB = 1024 * 1024;

/** The synthetic feed: a quote / trade cycle, new event objects each time like `ibEvents$` makes. */
const event = (i: number): IbEvent => {
  const drift = (i % 1000) / 100;
  switch (i % 6) {
    case 0:
      return { type: 'tickPrice', time: i, reqId: 1, tickType: IBApiTickType.BID, price: 100 + drift };
    case 1:
      return { type: 'tickSize', time: i, reqId: 1, tickType: IBApiTickType.BID_SIZE, size: 1 + (i % 7) };
    case 2:
      return { type: 'tickPrice', time: i, reqId: 1, tickType: IBApiTickType.ASK, price: 100.01 + drift };
    case 3:
      return { type: 'tickSize', time: i, reqId: 1, tickType: IBApiTickType.ASK_SIZE, size: 2 + (i % 5) };
    case 4:
      return { type: 'tickPrice', time: i, reqId: 1, tickType: IBApiTickType.LAST, price: 100.005 + drift };
    default:
      return { type: 'tickSize', time: i, reqId: 1, tickType: IBApiTickType.VOLUME, size: 1000 + i };
  }
};

/** Feeds `ticks` events synchronously; calls `checkpoint(i)` every `every` events. */
const feed$ = (ticks: number, every: number, checkpoint: (i: number) => void): Observable<IbEvent> =>
  new Observable<IbEvent>((subscriber) => {
    for (let i = 0; i < ticks && !subscriber.closed; i++) {
      subscriber.next(event(i));
      if ((i + 1) % every === 0) checkpoint(i + 1);
    }
    subscriber.complete();
  });

/** Runs the measurement in this process (needs `--expose-gc`). */
export const measureMemory = (ticks: number, history: number, log: (line: string) => void = () => undefined): MemoryResult => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc');
  const heap = (): number => {
    gc();
    gc();
    return process.memoryUsage().heapUsed / MB;
  };
  const checkpoints = 10;
  const every = Math.max(1, Math.floor(ticks / checkpoints));
  const warmUpTicks = every;
  const samples: number[] = [];
  let baseline = Number.NaN;
  let states = 0;
  let latest: unknown;
  let measuredStart = Number.NaN;
  let gcMs = 0;
  const start = nowMs();
  feed$(ticks, every, (i) => {
    const gcStart = nowMs();
    const h = heap();
    gcMs += nowMs() - gcStart;
    samples.push(h);
    if (i === warmUpTicks) {
      baseline = h;
      measuredStart = nowMs();
      gcMs = 0;
    }
    log(`  memory: ${i} ticks, heap ${h.toFixed(2)} MB`);
  })
    .pipe(toTicks(), marketState({ symbol: 'BENCH', history }))
    .subscribe({
      next: (state) => {
        states++;
        latest = state;
      },
      error: (error: unknown) => {
        throw error;
      },
    });
  const end = nowMs();
  const final = samples.at(-1) ?? Number.NaN;
  const measuredTicks = ticks - warmUpTicks;
  const seconds = (end - (Number.isNaN(measuredStart) ? start : measuredStart) - gcMs) / 1000;
  if (latest === undefined) throw new Error('no state');
  return {
    ticks,
    history,
    warmUpTicks,
    baselineHeapMb: round(baseline),
    finalHeapMb: round(final),
    heapGrowthMb: round(final - baseline, 3),
    maxGrowthMb: round(Math.max(...samples.slice(1)) - baseline, 3),
    checkpointsMb: samples.map((s) => round(s)),
    ticksPerS: round(measuredTicks / seconds),
    states,
  };
};

/** Spawns `node --expose-gc --import tsx bench/memory.ts` and returns its JSON line. */
export const runMemoryBench = (ticks: number, history: number, log?: (line: string) => void): Promise<MemoryResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), String(ticks), String(history)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let last = '';
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('{')) last = line;
      else log?.(line);
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0 || last === '') reject(new Error(`memory bench exited with ${code}`));
      else resolve(JSON.parse(last) as MemoryResult);
    });
  });

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ticks = Number(process.argv[2] ?? 10_000_000);
  const history = Number(process.argv[3] ?? 10_000);
  const result = measureMemory(ticks, history, (line) => {
    console.log(line);
  });
  console.log(JSON.stringify(result));
}
