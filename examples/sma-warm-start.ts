// An SMA crossover that does not wait for its slow average: it is warmed up from historical bars
// (historicalBars), then goes on with each bar that closes live (bars$: history kept up to date).
//   node --import tsx examples/sma-warm-start.ts
import { concat, distinctUntilChanged, filter, firstValueFrom, from, map, takeUntil, tap, timer, toArray } from 'rxjs';
import { IbSession } from 'ib-rx';
import type { Bar, SimulatorOptions } from 'ib-rx';
import { smaCrossover, type Signal } from './sma-crossover.js';
import { exampleTarget, isMain } from './support/example-target.js';

/** What a run saw: the warm-up bars, the bars closed live after them, and every signal (live or from history). */
export interface WarmStartResult {
  readonly warmUpBars: number;
  readonly lastWarmUpStart: number | undefined;
  readonly liveStarts: readonly number[];
  readonly signals: readonly (Signal & { readonly live: boolean })[];
}

/** Without IB_PORT the built-in simulator runs, its market clock set to a Monday morning (so the market is open). */
const OPEN_MARKET: SimulatorOptions = { marketTime: '20251201-15:00:00', historical: { updateIntervalMs: 1000 } };

const time = (ms: number): string => new Date(ms).toISOString().slice(11, 19);

/** IB's duration strings (`'600 S'`, `'1 D'`). */
type Duration = Parameters<IbSession['historicalBars']>[1]['duration'];

/** Warms up on `warmUp` of 5-second bars of `symbol`, then trades live bars for `seconds`. */
export async function main(symbol = 'AAPL', seconds = 30, warmUp: Duration = '600 S', sim: SimulatorOptions = OPEN_MARKET): Promise<WarmStartResult> {
  const target = await exampleTarget(process.env, sim);
  const session = new IbSession(target.config);
  try {
    // 1. History: every bar but the newest, which is still forming.
    const history = (await session.historicalBars(symbol, { barSize: '5 secs', duration: warmUp })).slice(0, -1);
    const lastWarmUpStart = history.at(-1)?.start;
    console.log(`warm-up: ${history.length} bars of ${symbol} up to ${lastWarmUpStart === undefined ? '-' : time(lastWarmUpStart)} UTC`);

    // 2. Live: each bar bars$ closes after the warm-up (the series' newest closed bar, once).
    const liveStarts: number[] = [];
    let live = false;
    const live$ = session.bars$(symbol, { barSize: '5 secs', duration: '60 S' }).pipe(
      map((series) => series.bars.last),
      filter((bar): bar is Bar => bar !== undefined && bar.start > (lastWarmUpStart ?? Number.NEGATIVE_INFINITY)),
      distinctUntilChanged((a, b) => a.start === b.start),
      tap((bar) => {
        live = true;
        liveStarts.push(bar.start);
        console.log(`bar ${time(bar.start)} O ${bar.open} H ${bar.high} L ${bar.low} C ${bar.close} V ${bar.volume}`);
      }),
    );

    // 3. One strategy over both: the averages are ready from the first live bar on.
    const signals = await firstValueFrom(
      concat(from(history), live$).pipe(
        smaCrossover(6, 24),
        map((signal) => ({ ...signal, live })),
        tap((s) => { if (s.live) console.log(`>>> ${s.side.toUpperCase()} ${symbol} at ${s.price.toFixed(2)} (fast ${s.fast.toFixed(2)}, slow ${s.slow.toFixed(2)})`); }),
        takeUntil(timer(seconds * 1000)),
        toArray(),
      ),
      { defaultValue: [] },
    );
    console.log(`${signals.filter((s) => !s.live).length} signals during the warm-up, ${signals.filter((s) => s.live).length} live`);
    return { warmUpBars: history.length, lastWarmUpStart, liveStarts, signals };
  } finally {
    await session.close();
    await target.close();
  }
}

if (isMain(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
