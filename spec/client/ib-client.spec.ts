import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { asyncScheduler, firstValueFrom, skip, take, toArray } from 'rxjs';
import { IBClient } from '../../lib/client/ib-client.js';
import {
  ConnectionError, MarketDataTimeoutError, NotSubscribedError, SessionClosedError, SymbolNotFoundError,
} from '../../lib/errors.js';
import { startSimulator } from '../../lib/sim/index.js';
import type { Simulator } from '../../lib/sim/index.js';
import { waitUntil } from '../support/wait-until.js';

/** A port nothing listens on (a simulator's, after it closed). */
async function deadPort(): Promise<number> {
  const sim = await startSimulator({ port: 0 });
  await sim.close();
  return sim.port;
}

describe('IBClient', () => {
  let sim: Simulator;
  let client: IBClient | undefined;
  const clientFor = (marketData: Record<string, unknown> = {}): IBClient =>
    (client = new IBClient({
      api: { tws_endpoint: sim.host, port: sim.port, client_id: 3 },
      market_data: { timeout: 3, retry_attempts: 2, data_type: 'delayed', ...marketData },
      reconnect: { initial_delay_ms: 50, max_delay_ms: 200 },
    }));

  beforeEach(async () => {
    sim = await startSimulator({ port: 0, rateHz: 20, unsubscribed: ['TSLA'] });
  });
  afterEach(async () => {
    await client?.disconnect();
    client = undefined;
    await sim.close();
  });

  it('connectAndRun resolves true once connected, and disconnect closes the socket', async () => {
    const ib = clientFor();
    expect(await ib.connectAndRun()).to.be.true;
    expect(ib.connected).to.be.true;
    expect(sim.stats()).to.include({ connections: 1, openConnections: 1 });
    expect(sim.stats().clients[0]?.clientId).to.equal(3);
    expect(await ib.connectAndRun()).to.be.true; // already connected: no second socket
    await ib.disconnect();
    expect(ib.connected).to.be.false;
    await waitUntil(() => sim.stats().openConnections === 0, 2000, 'the simulator to see the socket closed');
  });

  it('getMarketData returns the original structure with aligned history and the quote', async () => {
    const ib = clientFor();
    expect(await ib.connectAndRun()).to.be.true;
    const data = await ib.getMarketData('AAPL');
    expect(data).not.to.be.null;
    expect(data!.symbol).to.equal('AAPL');
    for (const column of [data!.timestamp, data!.high, data!.low, data!.volume]) expect(column).to.have.length(data!.close.length);
    expect(data!.last ?? data!.bid).to.be.a('number');
    expect(data!.last_update).to.be.a('number');
    expect(data!.market_data_type).to.be.oneOf(['realtime', 'delayed']);
    expect(ib.lastError).to.be.undefined;
  });

  it('keeps a requested symbol subscribed so its history grows between calls, with one request', async () => {
    const ib = clientFor();
    await ib.connectAndRun();
    const first = await ib.getMarketData('MSFT');
    // Until a later call shows more history (a trade arrived), however long that takes on a busy machine.
    let second = await ib.getMarketData('MSFT');
    for (let i = 0; i < 100 && second!.close.length <= first!.close.length; i++) {
      await sleep(20);
      second = await ib.getMarketData('MSFT');
    }
    expect(second!.close.length).to.be.greaterThan(first!.close.length);
    expect(sim.stats().reqMktData).to.equal(1);
  });

  it('getMarketData returns null and keeps a SymbolNotFoundError for an unknown symbol', async () => {
    const ib = clientFor();
    await ib.connectAndRun();
    expect(await ib.getMarketData('ZZZZ')).to.be.null;
    expect(ib.lastError).to.be.instanceOf(SymbolNotFoundError);
    expect(await ib.getMarketData('AAPL')).not.to.be.null; // the client goes on
  });

  it('getMarketData returns null with a NotSubscribedError without market data permission', async () => {
    const ib = clientFor();
    await ib.connectAndRun();
    expect(await ib.getMarketData('TSLA')).to.be.null;
    expect(ib.lastError).to.be.instanceOf(NotSubscribedError);
  });

  it('getMarketData returns null with a MarketDataTimeoutError when no data comes within market_data.timeout', async () => {
    const ib = clientFor({ timeout: 0.4 });
    await ib.connectAndRun();
    sim.stall();
    // On the client's own clock (asyncScheduler): not before the 400 ms timeout, and well before the 3 s default.
    const started = asyncScheduler.now();
    expect(await ib.getMarketData('AAPL')).to.be.null;
    expect(ib.lastError).to.be.instanceOf(MarketDataTimeoutError);
    expect(asyncScheduler.now() - started).to.be.within(399, 2500);
    sim.resume();
  });

  it('getMarketData returns null with a SessionClosedError before connectAndRun', async () => {
    const ib = clientFor();
    expect(await ib.getMarketData('AAPL')).to.be.null;
    expect(ib.lastError).to.be.instanceOf(SessionClosedError);
  });

  it('connectAndRun resolves false with a ConnectionError after retry_attempts failed tries', async () => {
    const port = await deadPort();
    const ib = (client = new IBClient({
      api: { port }, market_data: { retry_attempts: 3 }, reconnect: { initial_delay_ms: 40, max_delay_ms: 100 },
    }));
    // Two waits (40 and 80 ms) on the client's clock, each timer allowed to fire 1 ms early.
    const started = asyncScheduler.now();
    expect(await ib.connectAndRun()).to.be.false;
    expect(asyncScheduler.now() - started).to.be.at.least(40 + 80 - 2);
    expect(ib.connected).to.be.false;
    expect(ib.lastError).to.be.instanceOf(ConnectionError);
    expect((ib.lastError as ConnectionError).port).to.equal(port);
  });

  it('marketData$ streams states once connected and errors before', async () => {
    const ib = clientFor();
    const error = await firstValueFrom(ib.marketData$('AAPL'), { defaultValue: undefined }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(SessionClosedError);
    await ib.connectAndRun();
    const states = await firstValueFrom(ib.marketData$('AAPL').pipe(skip(1), take(3), toArray()), { defaultValue: [] });
    expect(states.map((s) => s.symbol)).to.deep.equal(['AAPL', 'AAPL', 'AAPL']);
  });
});
