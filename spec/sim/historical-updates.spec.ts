import { EventName } from '@stoqey/ib';
import { expect } from 'chai';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../lib/sim/index.js';
import { barsOf, errorFor, finished, liveHandles, MONDAY_MORNING, reqBars, updatesOf } from './support/history.js';
import { RawClient } from './support/raw-client.js';

/** Updates every 50 ms instead of IB's few seconds. */
const FAST = { historical: { updateIntervalMs: 50 } } as const;
const LIVE_5S = { keepUpToDate: true, barSize: '5 secs', duration: '60 S', formatDate: 2 } as const;
const FIVE_S = 5;
const POLL_MS = 50;
const CLIENT_TIMER_POLLS = 20;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const ohlcv = (b: { open: number; high: number; low: number; close: number; volume: number; count: number | undefined; wap: number }): number[] =>
  [b.open, b.high, b.low, b.close, b.volume, b.count ?? -2, b.wap];

describe('Simulator keepUpToDate and the HMDS farm', () => {
  let sim: Simulator | undefined;
  const clients: RawClient[] = [];

  const start = async (opts: SimulatorOptions = {}): Promise<Simulator> => {
    sim = await startSimulator({ port: 0, marketTime: MONDAY_MORNING, rateHz: 20, ...FAST, ...opts });
    return sim;
  };
  const client = async (s: Simulator): Promise<RawClient> => {
    const c = new RawClient(s.port);
    clients.push(c);
    await c.connect();
    return c;
  };
  /** Waits until `n` more updates of a request arrived. */
  const moreUpdates = (c: RawClient, reqId: number, n: number): Promise<void> => {
    const seen = updatesOf(c, reqId).length;
    return c.waitFor(`${n} more updates`, (x) => updatesOf(x, reqId).length >= seen + n);
  };

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await sim?.close();
    sim = undefined;
  });

  it('repeats the forming bar\'s time with growing values, then moves to the next bar; its last update matches history', async () => {
    const s = await start();
    const c = await client(s);
    reqBars(c, 1, LIVE_5S);
    await finished(c, 1);
    const forming = barsOf(c, 1).pop()?.time ?? '';
    await c.waitFor('a new bar', (x) => updatesOf(x, 1).some((u) => u.time !== forming), 4000);
    const updates = updatesOf(c, 1);
    const firstNew = updates.findIndex((u) => u.time !== forming);
    expect(firstNew).to.be.greaterThan(1);
    expect(updates.slice(0, firstNew).every((u) => u.time === forming)).to.equal(true);
    expect(Number(updates[firstNew]?.time)).to.equal(Number(forming) + FIVE_S);
    const volumes = updates.slice(0, firstNew).map((u) => u.volume);
    expect(volumes).to.deep.equal([...volumes].sort((a, b) => a - b));
    expect(s.stats().clients[0]?.barSubscriptions).to.deep.equal([{ reqId: 1, symbol: 'AAPL', barSize: '5 secs', whatToShow: 'TRADES', useRTH: true }]);
    reqBars(c, 2, { barSize: '5 secs', duration: '120 S', formatDate: 2 });
    await finished(c, 2);
    const closed = barsOf(c, 2).find((b) => b.time === forming);
    expect(closed && ohlcv(closed)).to.deep.equal(ohlcv(updates[firstNew - 1]!));
  });

  it('stops on cancelHistoricalData, which TWS acknowledges with 162 "API historical data query cancelled"', async () => {
    const s = await start();
    const c = await client(s);
    reqBars(c, 1, LIVE_5S);
    await moreUpdates(c, 1, 2);
    c.api.cancelHistoricalData(1);
    expect((await errorFor(c, 1, 162)).message).to.equal('Historical Market Data Service error message:API historical data query cancelled: 1');
    const count = updatesOf(c, 1).length;
    await sleep(200);
    expect(updatesOf(c, 1).length).to.equal(count);
    expect(s.stats()).to.include({ barSubscriptions: 0, cancelHistoricalData: 1 });
  });

  it('forgets the live requests of a dropped connection', async () => {
    const s = await start();
    const c = await client(s);
    reqBars(c, 1, LIVE_5S);
    await moreUpdates(c, 1, 1);
    s.drop();
    await c.waitForCount(EventName.disconnected);
    expect(s.stats().barSubscriptions).to.equal(0);
    expect(s.stats().clients[0]?.barSubscriptions).to.deep.equal([]);
  });

  it('pauses updates during 1100 and forgets them on 1101 (the client must ask again); 1102 keeps them', async () => {
    const s = await start();
    const c = await client(s);
    reqBars(c, 1, LIVE_5S);
    reqBars(c, 2, { ...LIVE_5S, duration: '30 S' });
    await moreUpdates(c, 1, 1);
    const maintained = s.connectivityLoss({ restore: 1102, gapMs: 200 });
    await c.waitFor('1100', (x) => x.infoCodes().includes(1100));
    const during = updatesOf(c, 1).length;
    await sleep(150);
    expect(updatesOf(c, 1).length).to.be.at.most(during + 1);
    await maintained;
    await moreUpdates(c, 1, 2);
    expect(s.stats().barSubscriptions).to.equal(2);
    await s.connectivityLoss({ restore: 1101, gapMs: 50 });
    expect(s.stats().barSubscriptions).to.equal(0);
    const count = updatesOf(c, 1).length + updatesOf(c, 2).length;
    await sleep(200);
    expect(updatesOf(c, 1).length + updatesOf(c, 2).length).to.equal(count);
    expect(c.infoCodes()).to.include.members([1100, 1101, 1102]);
  });

  describe('HMDS farm notices', () => {
    it('sends 2105 on connect while the farm is broken; requests wait until 2106', async () => {
      const s = await start({ historical: { hmds: 'broken', updateIntervalMs: 50 } });
      const c = await client(s);
      await c.waitFor('farm notices', (x) => x.infoCodes().length >= 3);
      expect(c.infoCodes()).to.deep.equal([2104, 2105, 2158]);
      reqBars(c, 1);
      await sleep(100);
      expect(barsOf(c, 1)).to.deep.equal([]);
      s.hmdsFarm('ok');
      await finished(c, 1);
      expect(c.infoCodes()).to.deep.equal([2104, 2105, 2158, 2106]);
      expect(s.stats().hmds).to.equal('ok');
    });

    it('sends 2107 for an inactive farm, which the next request wakes up (2106)', async () => {
      const c = await client(await start({ historical: { hmds: 'inactive', updateIntervalMs: 50 } }));
      await c.waitFor('farm notices', (x) => x.infoCodes().length >= 3);
      expect(c.infoCodes()).to.deep.equal([2104, 2107, 2158]);
      reqBars(c, 1);
      await finished(c, 1);
      expect(c.infoCodes().slice(3)).to.deep.equal([2106]);
    });

    it('blips: 2105, no updates while broken, then 2106 and updates again', async () => {
      const s = await start();
      const c = await client(s);
      reqBars(c, 1, LIVE_5S);
      await moreUpdates(c, 1, 1);
      const blip = s.hmdsBlip(200);
      await c.waitFor('2105', (x) => x.infoCodes().includes(2105));
      const during = updatesOf(c, 1).length;
      await sleep(120);
      expect(updatesOf(c, 1).length).to.be.at.most(during + 1);
      await blip;
      await moreUpdates(c, 1, 2);
      expect(c.infoCodes().filter((code) => code >= 2105 && code <= 2106)).to.deep.equal([2106, 2105, 2106]);
      expect(s.stats().faults).to.deep.equal(['hmds:broken', 'hmds:ok']);
    });
  });

  it('leaves no timer, socket or server behind after the client and the simulator close', async () => {
    await nextTurn(); // mocha arms its timeout timer once the test function has returned its promise
    const before = liveHandles();
    const s = await startSimulator({ port: 0, marketTime: MONDAY_MORNING, ...FAST, historical: { updateIntervalMs: 50, latencyMs: 30 } });
    const c = new RawClient(s.port);
    await c.connect();
    reqBars(c, 1, LIVE_5S);
    await moreUpdates(c, 1, 1);
    reqBars(c, 2, { duration: '1800 S' });
    await c.close();
    await s.close();
    // @stoqey/ib's rate limiter keeps 100-ms timers after its last message; a fired timer counts until the next turn.
    for (let i = 0; i < CLIENT_TIMER_POLLS && liveHandles() !== before; i++) await sleep(POLL_MS).then(nextTurn);
    expect(liveHandles()).to.equal(before);
  });
});
