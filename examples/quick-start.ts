// Quick start: the README's first example, runnable as is (node --import tsx examples/quick-start.ts).
import { filter, lastValueFrom, take, tap } from 'rxjs';
import { IbSession, startSimulator } from 'ib-rx';

const sim = await startSimulator({ port: 0 });              // a TWS simulator on a free loopback port
try {
  await using session = new IbSession({ api: { port: sim.port }, market_data: { data_type: 'realtime' } });
  await lastValueFrom(session.marketData$('AAPL').pipe(
    filter((s) => s.bid !== undefined && s.ask !== undefined), // the quote builds up tick by tick
    take(5),
    tap((s) => { console.log(`${s.symbol} bid ${s.bid} ask ${s.ask} last ${s.last} (${s.marketDataType})`); }),
  ), { defaultValue: undefined });
} catch (error: unknown) {
  console.error('failed:', error);                           // typed: SymbolNotFoundError, ConnectionError …
} finally {
  await sim.close();                                         // the session closed first (await using)
}
