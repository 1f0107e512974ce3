// marketData$ basics: one immutable MarketState per update, for several symbols at once.
//   node --import tsx examples/market-data-basics.ts            (built-in simulator)
//   IB_PORT=7497 node --import tsx examples/market-data-basics.ts (your TWS, paper)
import { filter, firstValueFrom, map, merge, take, toArray } from 'rxjs';
import { IbSession } from 'ib-rx';
import { exampleTarget, isMain } from './support/example-target.js';

/** Prints `updates` states of each symbol, then closes; resolves to the number of states seen per symbol. */
export async function main(symbols: readonly string[] = ['AAPL', 'MSFT'], updates = 5): Promise<Record<string, number>> {
  const target = await exampleTarget();
  const session = new IbSession(target.config);
  try {
    const states = await firstValueFrom(
      // Skip the first states of a subscription that have no price yet (the quote builds up tick by tick).
      merge(...symbols.map((symbol) => session.marketData$(symbol).pipe(filter((s) => s.bid !== undefined), take(updates)))).pipe(
        map((s) => {
          console.log(`${s.symbol.padEnd(5)} bid ${s.bid ?? '-'} ask ${s.ask ?? '-'} last ${s.last ?? '-'} (${s.marketDataType ?? '?'})`);
          return s.symbol;
        }),
        toArray(),
      ),
      { defaultValue: [] },
    );
    return Object.fromEntries(symbols.map((symbol) => [symbol, states.filter((s) => s === symbol).length]));
  } finally {
    await session.close();
    await target.close();
  }
}

if (isMain(import.meta.url)) {
  main().then((counts) => { console.log('updates per symbol:', counts); }, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
