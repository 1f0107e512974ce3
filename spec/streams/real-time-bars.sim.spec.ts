// realTimeBars$ through IbSession and the real @stoqey/ib client, against the built-in simulator.
import { expect } from 'chai';
import type { Subscription } from 'rxjs';
import type { Bar } from '../../lib/bars/bar.js';
import { MarketDataLinesError, NotSubscribedError } from '../../lib/errors.js';
import type { SessionHealth } from '../../lib/monitoring/health.js';
import { startSimulator, type SimRealTimeBarRecord, type Simulator, type SimulatorOptions } from '../../lib/sim/index.js';
import { collect, errorOf, liveClient, simSession, trackHandles, waitUntil } from '../session/sim-session.js';

/** A simulator bar as ib-rx's Bar (TRADES: volume, count, WAP when there was volume). */
const asBar = (r: SimRealTimeBarRecord): Bar => {
  const bar = { start: r.time * 1000, end: r.time * 1000 + 5000, open: r.open, high: r.high, low: r.low, close: r.close, volume: Math.max(0, r.volume), trades: Math.max(0, r.count) };
  return r.wap > 0 ? { ...bar, wap: r.wap } : bar;
};

/** Every bar the simulator sent over every connection, oldest first. */
const simBars = (sim: Simulator): SimRealTimeBarRecord[] => sim.stats().clients.flatMap((c) => c.realTimeBars);

describe('IbSession realTimeBars$ (against the simulator)', function () {
  this.timeout(20_000);
  let sim: Simulator;
  const subs: Subscription[] = [];
  const start = async (options: SimulatorOptions = {}): Promise<Simulator> => {
    sim = await startSimulator({ port: 0, rateHz: 40, streams: { realTimeBarMs: 100 }, ...options });
    return sim;
  };
  afterEach(async () => {
    subs.splice(0).forEach((s) => { s.unsubscribe(); });
    await sim.close();
  });

  it('emits the bars the simulator sent, each a new frozen-in-time object, and leaves nothing behind on close()', async () => {
    await start();
    const handles = trackHandles();
    const session = simSession(sim);
    const bars: Bar[] = [];
    const snapshots: string[] = [];
    const other: Bar[] = [];
    subs.push(session.realTimeBars$('AAPL').subscribe(collect(other)));
    subs.push(session.realTimeBars$('AAPL').subscribe({
      next: (bar) => { bars.push(bar); snapshots.push(JSON.stringify(bar)); },
      error: (error: unknown) => { throw error; },
    }));
    await waitUntil(() => bars.length >= 6, 10_000, 'six bars');
    expect(liveClient(sim).reqRealTimeBars, 'one request for two subscribers').to.equal(1);
    expect(session.subscriptions().map((s) => s.symbol), 'one market-data line').to.deep.equal(['AAPL']);
    const sent = simBars(sim).map(asBar);
    expect(bars).to.deep.equal(sent.slice(0, bars.length));
    expect(new Set(bars).size, 'distinct objects').to.equal(bars.length);
    expect(bars.map((bar) => JSON.stringify(bar)), 'unchanged since emission').to.deep.equal(snapshots);
    expect(other.slice(0, bars.length)).to.deep.equal(bars);
    await session.close();
    expect(await handles.stop()).to.deep.equal([]);
  });

  it('health$ counts each bar as a tick of the stream (its age from the last bar), so a live bars stream is not shown idle', async () => {
    await start();
    const session = simSession(sim);
    const bars: Bar[] = [];
    const healths: SessionHealth[] = [];
    subs.push(session.health$.subscribe(collect(healths)));
    subs.push(session.realTimeBars$('AAPL').subscribe(collect(bars)));
    await waitUntil(() => bars.length >= 4, 10_000, 'four bars');
    await waitUntil(() => (healths.at(-1)?.streams.find((s) => s.key.startsWith('rtb:'))?.ticks ?? 0) >= 3, 10_000, 'health to count the bars');
    const stream = healths.at(-1)?.streams.find((s) => s.key.startsWith('rtb:'));
    expect(stream?.symbol).to.equal('AAPL');
    expect(stream?.ticks).to.be.within(3, bars.length);
    expect(stream?.lastTickAgeMs).to.be.a('number');
    expect(stream?.stale).to.equal(false);
    await session.close();
  });

  it('after a drop: a fresh request on the new socket; the bar the simulator sends twice (backfill) is emitted once; starts in order', async () => {
    await start();
    const session = simSession(sim);
    const bars: Bar[] = [];
    subs.push(session.realTimeBars$('MSFT', { whatToShow: 'MIDPOINT' }).subscribe(collect(bars)));
    await waitUntil(() => bars.length >= 3, 10_000, 'three bars');
    sim.drop();
    await waitUntil(() => sim.stats().clients.filter((c) => c.open && c.reqRealTimeBars > 0).length === 1, 10_000, 'the new request');
    const count = bars.length;
    await waitUntil(() => bars.length >= count + 3, 10_000, 'three more bars');
    const backfilled = simBars(sim).filter((r) => r.backfill);
    expect(backfilled, 'the simulator backfilled a bar').to.have.length.greaterThan(0);
    const starts = bars.map((bar) => bar.start);
    const twice = backfilled[0]!.time * 1000;
    expect(simBars(sim).filter((r) => r.time * 1000 === twice), 'sent twice').to.have.length(2);
    expect(starts.filter((s) => s === twice), 'emitted once').to.have.length(1);
    expect(new Set(starts).size, 'no duplicate start').to.equal(starts.length);
    starts.forEach((s, i) => { if (i > 0) expect(s).to.be.greaterThan(starts[i - 1]!); });
    for (const bar of bars) expect(bar).to.deep.include({ volume: 0, trades: 0 }).and.not.have.property('wap');
    const ids = sim.stats().clients.flatMap((c) => c.streamRequests.map((r) => r.reqId));
    expect(new Set(ids).size, 'a fresh request id').to.equal(2);
    await session.close();
  });

  it('after 1101: asks again on the same socket (no cancel of the lost request)', async () => {
    await start();
    const session = simSession(sim);
    const bars: Bar[] = [];
    subs.push(session.realTimeBars$('AAPL', { whatToShow: 'BID' }).subscribe(collect(bars)));
    await waitUntil(() => bars.length >= 2, 10_000, 'two bars');
    await sim.connectivityLoss({ restore: 1101, gapMs: 100 });
    await waitUntil(() => liveClient(sim).reqRealTimeBars === 2, 10_000, 'the second request');
    const count = bars.length;
    await waitUntil(() => bars.length >= count + 2, 10_000, 'two more bars');
    expect(liveClient(sim).cancelRealTimeBars).to.equal(0);
    const starts = bars.map((bar) => bar.start);
    expect(new Set(starts).size).to.equal(starts.length);
    await session.close();
  });

  it("takes a market-data line: beyond limits.market_data_lines the extra subscription alone gets MarketDataLinesError; TWS's refusals are typed", async () => {
    await start({ delayedOnly: ['TSLA'] });
    const session = simSession(sim, { limits: { market_data_lines: 2 } });
    const states: unknown[] = [];
    const bars: Bar[] = [];
    subs.push(session.marketData$('IBM').subscribe(collect(states)));
    subs.push(session.realTimeBars$('AAPL').subscribe(collect(bars)));
    const extra = await errorOf(session.realTimeBars$('MSFT'));
    expect(extra).to.be.instanceOf(MarketDataLinesError).and.deep.include({ inUse: 2, limit: 2 });
    expect(await errorOf(session.realTimeBars$('AAPL', { whatToShow: 'ASK' }))).to.be.instanceOf(MarketDataLinesError);
    subs.splice(0).forEach((s) => { s.unsubscribe(); });
    expect(await errorOf(session.realTimeBars$('TSLA'))).to.be.instanceOf(NotSubscribedError);
    const after: Bar[] = [];
    subs.push(session.realTimeBars$('MSFT').subscribe(collect(after)));
    await waitUntil(() => after.length >= 1, 10_000, 'a bar once a line is free');
    await session.close();
  });
});
