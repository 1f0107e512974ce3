import { MarketDataType } from '@stoqey/ib';
import { expect } from 'chai';
import { startSimulator } from '../../lib/sim/index.js';
import type { Simulator } from '../../lib/sim/index.js';
import { IbConnection } from '../../lib/connection/ib-connection.js';
import { FAST_RECONNECT, listenerCount, openHarness, waitUntil } from './harness.js';
import type { Harness } from './harness.js';
import type { IbConnectionOptions } from '../../lib/connection/ib-connection.js';

describe('IbConnection', () => {
  let sim: Simulator;
  let harnesses: Harness[] = [];
  const open = (overrides: Partial<IbConnectionOptions> = {}): Harness => {
    const h = openHarness(sim, overrides);
    harnesses.push(h);
    return h;
  };
  beforeEach(async () => { sim = await startSimulator({ port: 0, rateHz: 20 }); });
  afterEach(async () => {
    await Promise.all(harnesses.map((h) => h.close()));
    harnesses = [];
    await sim.close();
  });

  it('connects lazily: nothing happens before open()', async () => {
    const conn = new IbConnection({ host: sim.host, port: sim.port, clientId: 1, reconnect: FAST_RECONNECT, maxMessagesPerSecond: 45 });
    expect(conn.state.socket.status).to.equal('idle');
    await conn.close();
    expect(sim.stats().connections).to.equal(0);
    expect(conn.state.socket.status).to.equal('closed');
  });

  it('becomes ready after nextValidId and farm OK, with state connected/ready, link up and farms', async () => {
    const h = open();
    await waitUntil(() => h.readies.length === 1, 2000, 'ready');
    expect(h.readies[0]).to.include({ generation: 1, reason: 'connected', serverVersion: 193, clientId: 1 });
    const state = h.conn.state;
    expect(state.socket).to.include({ status: 'connected', ready: true, generation: 1 });
    expect(state.link).to.equal('up');
    expect(state.farms['usfarm']?.status).to.equal('ok');
    expect(h.events.map((e) => e.type)).to.include.members(['connected', 'server', 'nextValidId', 'notice']);
    await h.close();
  });

  it('sends paced messages on the given socket and answers the heartbeat', async () => {
    const h = open();
    await waitUntil(() => h.readies.length === 1, 2000, 'ready');
    const generation = h.readies[0]!.generation;
    h.conn.send((api) => { api.reqMarketDataType(MarketDataType.DELAYED); }, generation);
    await waitUntil(() => h.events.some((e) => e.type === 'currentTime'), 2000, 'a heartbeat answer');
    await waitUntil(() => sim.stats().reqMarketDataType === 1, 1000, 'reqMarketDataType at the simulator');
    expect(sim.stats().clients[0]!.reqCurrentTime).to.be.at.least(1);
    await h.close();
  });

  it('drops a message meant for a socket that is gone', async () => {
    const h = open();
    await waitUntil(() => h.readies.length === 1, 2000, 'ready');
    sim.drop();
    await waitUntil(() => h.readies.length === 2, 2000, 'reconnected');
    h.conn.send((api) => { api.reqMarketDataType(MarketDataType.DELAYED_FROZEN); }, 1);
    h.conn.send((api) => { api.reqMarketDataType(MarketDataType.DELAYED); }, 2);
    await waitUntil(() => sim.stats().reqMarketDataType === 1, 1000, 'one reqMarketDataType');
    expect(sim.stats().clients[1]!.marketDataType).to.equal(3);
    await h.close();
  });

  it('keeps at most maxMessagesPerSecond messages in any sliding second', async () => {
    const h = open({ maxMessagesPerSecond: 10, reconnect: { ...FAST_RECONNECT, heartbeat_ms: 300, stall_timeout_ms: 1500 } });
    await waitUntil(() => h.readies.length === 1, 2000, 'ready');
    const sent: number[] = [];
    for (let i = 0; i < 25; i++) h.conn.send((api) => { sent.push(performance.now()); api.reqCurrentTime(); });
    await waitUntil(() => sent.length === 25, 4000, '25 paced messages');
    for (let i = 10; i < sent.length; i++) expect(sent[i]! - sent[i - 10]!).to.be.at.least(990);
    await h.close();
  });

  it('close() completes every stream and leaves no IBApi listener', async () => {
    const h = open();
    await waitUntil(() => h.readies.length === 1, 2000, 'ready');
    let completed = 0;
    const done = { complete: () => { completed++; }, error: () => undefined };
    h.conn.events$.subscribe(done);
    h.conn.state$.subscribe(done);
    h.conn.ready$.subscribe(done);
    h.conn.errors$.subscribe(done);
    await h.close();
    expect(completed).to.equal(4);
    expect(h.apis.map(listenerCount)).to.deep.equal([0]);
    expect(h.apis[0]!.isConnected).to.equal(false);
    await waitUntil(() => sim.stats().openConnections === 0, 1000, 'the simulator to see the socket close');
  });
});
