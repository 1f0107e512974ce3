// A second process reading an `ib-rx serve` over NATS (docs/remote.md): no gateway connection of
// its own, the server's data with the same types and typed errors as IbSession.
//   terminal 1: npx ib-rx serve --sim --nats nats://127.0.0.1:4222
//   terminal 2: node --import tsx examples/remote-consumer.ts [nats://127.0.0.1:4222] [AAPL MSFT …]
import { filter, firstValueFrom, map, merge, take, toArray } from 'rxjs';
import { SymbolNotFoundError } from 'ib-rx';
import { connectRemote } from 'ib-rx/remote';
import { isMain } from './support/example-target.js';

/** Prints `updates` states of each symbol from the server at `servers`, then closes; resolves to the states seen per symbol. */
export async function main(servers = 'nats://127.0.0.1:4222', symbols: readonly string[] = ['AAPL', 'MSFT'], updates = 5): Promise<Record<string, number>> {
  const remote = await connectRemote({ servers });
  // Simulated data is always labelled as such.
  const label = remote.simulated ? ' (SIMULATED data, not real prices)' : '';
  try {
    const seen = await firstValueFrom(
      merge(...symbols.map((symbol) => remote.marketData$(symbol).pipe(filter((s) => s.bid !== undefined), take(updates)))).pipe(
        map((s) => {
          console.log(`${s.symbol.padEnd(5)} bid ${s.bid ?? '-'} ask ${s.ask ?? '-'} last ${s.last ?? '-'}${s.stale ? ' STALE' : ''}${label}`);
          return s.symbol;
        }),
        toArray(),
      ),
      { defaultValue: [] },
    );
    return Object.fromEntries(symbols.map((symbol) => [symbol, seen.filter((s) => s === symbol).length]));
  } catch (error: unknown) {
    // The server's typed errors arrive as the same classes.
    if (error instanceof SymbolNotFoundError) console.error(`unknown symbol ${error.symbol ?? '?'}: ${error.ibMessage}`);
    throw error;
  } finally {
    await remote.close();
  }
}

if (isMain(import.meta.url)) {
  const [servers, ...symbols] = process.argv.slice(2);
  main(servers, symbols.length > 0 ? symbols : undefined).then((counts) => { console.log('updates per symbol:', counts); }, (error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exitCode = 1;
  });
}
