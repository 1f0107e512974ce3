// A strategy pipeline: trades → 1-second bars → fast/slow simple moving averages → buy/sell signals
// when they cross. Pure rxjs operators; the strategy part (smaCrossover) is testable without IB.
//   node --import tsx examples/sma-crossover.ts
import { filter, firstValueFrom, map, pairwise, scan, take, takeUntil, tap, timer, toArray } from 'rxjs';
import type { OperatorFunction } from 'rxjs';
import { bars, IbSession } from 'ib-rx';
import type { Bar } from 'ib-rx';
import { exampleTarget, isMain } from './support/example-target.js';

/** A crossover of the fast average over (buy) or under (sell) the slow one, at a bar's close. */
export interface Signal {
  readonly side: 'buy' | 'sell';
  readonly time: number;
  readonly price: number;
  readonly fast: number;
  readonly slow: number;
}

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * Bars → crossover signals of the `fast`- and `slow`-bar simple moving averages of the close
 * (nothing until `slow` bars were seen).
 */
export function smaCrossover(fast: number, slow: number): OperatorFunction<Bar, Signal> {
  return (bars$) =>
    bars$.pipe(
      scan((closes: readonly number[], bar: Bar) => [...closes.slice(-(slow - 1)), bar.close], []),
      filter((closes) => closes.length === slow),
      map((closes) => ({ fast: mean(closes.slice(-fast)), slow: mean(closes), price: closes[closes.length - 1] ?? Number.NaN })),
      pairwise(),
      filter(([before, now]) => Math.sign(before.fast - before.slow) !== Math.sign(now.fast - now.slow) && now.fast !== now.slow),
      map(([, now]): Signal => ({ side: now.fast > now.slow ? 'buy' : 'sell', time: Date.now(), ...now })),
    );
}

/** Runs the strategy on `symbol` for `seconds` (or until `maxSignals`), printing bars and signals. */
export async function main(symbol = 'AAPL', seconds = 20, barMs = 1000, maxSignals = 5): Promise<{ bars: number; signals: Signal[] }> {
  const target = await exampleTarget(process.env, { rateHz: 25 });
  const session = new IbSession(target.config);
  let barCount = 0;
  try {
    const signals = await firstValueFrom(
      session.ticks$(symbol).pipe(
        bars(barMs),
        tap((bar) => {
          barCount += 1;
          console.log(`bar ${new Date(bar.start).toISOString().slice(11, 19)} O ${bar.open} H ${bar.high} L ${bar.low} C ${bar.close} V ${bar.volume}`);
        }),
        smaCrossover(3, 8),
        tap((s) => { console.log(`>>> ${s.side.toUpperCase()} ${symbol} at ${s.price.toFixed(2)} (fast ${s.fast.toFixed(2)}, slow ${s.slow.toFixed(2)})`); }),
        take(maxSignals),
        takeUntil(timer(seconds * 1000)),
        toArray(),
      ),
      { defaultValue: [] },
    );
    return { bars: barCount, signals };
  } finally {
    await session.close();
    await target.close();
  }
}

if (isMain(import.meta.url)) {
  main().then(({ bars: n, signals }) => { console.log(`${n} bars, ${signals.length} signals`); }, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
