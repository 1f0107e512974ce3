// Historical bars and bars$ through IbSession and the real @stoqey/ib client, against the built-in simulator.
import { expect } from 'chai';
import { firstValueFrom, type Subscription } from 'rxjs';
import type { IbEvent, IbEventOf } from '../../lib/connection/ib-event.js';
import { forex } from '../../lib/contracts/contract-helpers.js';
import { HistoricalDataError, InvalidInputError, SessionClosedError } from '../../lib/errors.js';
import type { BarSeries } from '../../lib/history/bar-series.js';
import type { HistoricalPacingRules } from '../../lib/history/pacing-rules.js';
import type { IbSession } from '../../lib/session/ib-session.js';
import { startSimulator, type SimHistoricalRequestRecord, type Simulator, type SimulatorOptions } from '../../lib/sim/index.js';
import { collect, liveClient, simSession, trackHandles, waitUntil } from '../session/sim-session.js';

/** Monday 1 December 2025, 10:00:04 New York: the market is open. */
const MONDAY_MORNING = '20251201-15:00:04.000';
/** IB's windows × 0.01 at the simulator: identical 150 ms, same contract 20 ms, the long window 6 s. */
const SIM_PACING = { historicalPacing: { scale: 0.01 } } as const;
/** The session's governor on the same scaled windows, with a margin for @stoqey/ib's own send queue. */
const SCALED_RULES: Partial<HistoricalPacingRules> = { windowMs: 6_000, identicalWindowMs: 150, burstWindowMs: 20, marginMs: 500, retryDelayMs: 50 };

/** The simulator's historical requests of the newest connection. */
const simRequests = (sim: Simulator): readonly SimHistoricalRequestRecord[] => liveClient(sim).historicalRequests;

/** Collects the raw historical events (as the real client decoded them) until `stop()`. */
function recordEvents(session: IbSession): { readonly events: IbEvent[]; readonly stop: () => void } {
  const events: IbEvent[] = [];
  const sub = session.events$.subscribe({ next: (event) => { if (event.type.startsWith('historical')) events.push(event); }, error: () => undefined });
  return { events, stop: () => { sub.unsubscribe(); } };
}

describe('IbSession historical bars (against the simulator)', function () {
  this.timeout(30_000);
  let sim: Simulator;
  const subs: Subscription[] = [];

  const start = async (options: SimulatorOptions = {}): Promise<Simulator> => {
    sim = await startSimulator({ port: 0, marketTime: MONDAY_MORNING, rateHz: 20, historical: { updateIntervalMs: 100 }, ...options });
    return sim;
  };

  afterEach(async () => {
    subs.splice(0).forEach((s) => { s.unsubscribe(); });
    await sim.close();
  });

  describe('historicalBars', () => {
    it('returns the bars the simulator sent, times in epoch ms, end = start + the bar length', async () => {
      await start();
      const session = simSession(sim);
      const raw = recordEvents(session);
      const bars = await session.historicalBars('AAPL', { barSize: '1 min', duration: '1800 S' });
      raw.stop();
      const rows = raw.events.filter((e): e is IbEventOf<'historicalData'> => e.type === 'historicalData');
      expect(bars).to.have.length(rows.length).and.length.greaterThan(20);
      expect(simRequests(sim).map((r) => ('bars' in r ? r.bars : -1))).to.deep.equal([rows.length]);
      bars.forEach((bar, i) => {
        const row = rows[i]!;
        expect(bar).to.deep.include({ start: Number(row.date) * 1000, open: row.open, high: row.high, low: row.low, close: row.close, volume: row.volume, trades: row.count });
        expect(bar.end).to.equal(bar.start + 60_000);
        if (i > 0) expect(bar.start).to.equal(bars[i - 1]!.start + 60_000);
      });
      expect(Object.isFrozen(bars)).to.equal(true);
      await session.close();
    });

    it('parses daily bars (yyyyMMdd) as 00:00 UTC of their trading date, oldest first', async () => {
      await start();
      const session = simSession(sim);
      const bars = await session.historicalBars('AAPL', { barSize: '1 day', duration: '10 D', useRTH: true });
      expect(bars).to.have.length(10);
      const dates = bars.map((b) => new Date(b.start).toISOString());
      expect(dates[9]).to.equal('2025-12-01T00:00:00.000Z');
      expect(dates[0]).to.equal('2025-11-18T00:00:00.000Z');
      for (const bar of bars) expect(bar.end - bar.start).to.equal(86_400_000);
      await session.close();
    });

    it('sends end as yyyyMMdd-HH:mm:ss UTC and gets the same bars again for the same span (determinism)', async () => {
      await start();
      const end = Date.UTC(2025, 11, 1, 14, 30, 0);
      const session = simSession(sim);
      const first = await session.historicalBars('MSFT', { barSize: '5 mins', duration: '1 D', end, whatToShow: 'MIDPOINT' });
      await session.close();
      await sim.close();
      await start({ seed: 1 });
      const again = simSession(sim);
      const second = await again.historicalBars('MSFT', { barSize: '5 mins', duration: '1 D', end, whatToShow: 'MIDPOINT' });
      expect(simRequests(sim)[0]).to.deep.include({ endDateTime: '20251201-14:30:00', whatToShow: 'MIDPOINT', duration: '1 D', barSize: '5 mins' });
      expect(second).to.deep.equal(first);
      expect(first.at(-1)!.start).to.be.below(end);
      for (const bar of first) expect(bar).to.deep.include({ volume: 0, trades: 0 }).and.not.have.property('wap');
      await again.close();
    });

    it('shares an identical request in flight and serves it again from the cache within the identical window', async () => {
      await start();
      const session = simSession(sim);
      const options = { barSize: '1 min', duration: '3600 S' } as const;
      const [a, b] = await Promise.all([session.historicalBars('AAPL', options), session.historicalBars('aapl', options)]);
      const c = await session.historicalBars({ symbol: 'AAPL' }, options);
      expect(b).to.equal(a);
      expect(c).to.equal(a);
      expect(liveClient(sim).reqHistoricalData).to.equal(1);
      await session.close();
    });

    it('sends 70 distinct requests in a burst: all resolve, with no pacing violation at the simulator', async () => {
      await start(SIM_PACING);
      const session = simSession(sim, {}, { historicalPacing: SCALED_RULES });
      const symbols = ['AAPL', 'MSFT', 'IBM', 'SPY', 'NVDA', 'AMD', 'INTC'];
      const requests = Array.from({ length: 70 }, (_, i) =>
        session.historicalBars(symbols[i % symbols.length]!, { barSize: '5 secs', duration: `${60 + i} S` }));
      const answers = await Promise.all(requests);
      expect(answers.every((bars) => bars.length > 10)).to.equal(true);
      expect(sim.stats().historicalPacingViolations).to.equal(0);
      expect(simRequests(sim).filter((r) => 'error' in r)).to.deep.equal([]);
      expect(simRequests(sim)).to.have.length(70);
      await session.close();
    });

    it('fails a request TWS refuses with HistoricalDataError (code and TWS text), and only that one', async () => {
      await start();
      const session = simSession(sim);
      const [bad, good] = await Promise.allSettled([
        session.historicalBars(forex('EUR.USD'), { barSize: '1 min', duration: '1800 S', whatToShow: 'TRADES' }), // no trades for forex
        session.historicalBars('AAPL', { barSize: '1 min', duration: '1800 S' }),
      ]);
      expect(bad.status).to.equal('rejected');
      const error = (bad as PromiseRejectedResult).reason as HistoricalDataError;
      expect(error).to.be.instanceOf(HistoricalDataError);
      expect(error.code).to.equal(162);
      expect(error.ibMessage).to.match(/^Historical Market Data Service error message:HMDS query returned no data/);
      expect(good.status).to.equal('fulfilled');
      await session.close();
    });

    it('rejects a bad bar size or a duration too long for it before sending anything', async () => {
      await start();
      const session = simSession(sim);
      const bad = await session.historicalBars('AAPL', { barSize: '2 min' as never, duration: '1 D' }).catch((e: unknown) => e);
      expect(bad).to.be.instanceOf(InvalidInputError).and.include({ field: 'barSize' });
      const long = await session.historicalBars('AAPL', { barSize: '1 min', duration: '2 D' }).catch((e: unknown) => e);
      expect(long).to.be.instanceOf(InvalidInputError).and.include({ field: 'duration' });
      expect(sim.stats().reqHistoricalData).to.equal(0);
      await session.close();
    });
  });

  describe('bars$', () => {
    it('emits the history first, then closes the forming bar when a new start arrives', async () => {
      await start();
      const session = simSession(sim);
      const seen: BarSeries[] = [];
      subs.push(session.bars$('AAPL', { barSize: '5 secs', duration: '60 S' }).subscribe(collect(seen)));
      await waitUntil(() => seen.length > 0, 5000, 'the history');
      const first = seen[0]!;
      expect(first.symbol).to.equal('AAPL');
      expect(first.barSize).to.equal('5 secs');
      expect(first.stale).to.equal(false);
      expect(first.bars.length).to.be.greaterThan(5);
      const forming = first.forming!;
      const length = first.bars.length;
      await waitUntil(() => seen.some((s) => s.forming !== undefined && s.forming.start > forming.start), 8000, 'a new bar');
      const rolled = seen.find((s) => s.forming!.start > forming.start)!;
      const before = seen[seen.indexOf(rolled) - 1]!;
      expect(before.forming!.start).to.equal(forming.start);
      expect(rolled.forming!.start).to.equal(forming.start + 5000);
      expect(rolled.bars.last).to.deep.equal({ ...before.forming!, end: forming.start + 5000 });
      expect(first.bars.length).to.equal(length); // an emitted series never changes
      expect(seen.slice(1, seen.indexOf(rolled)).every((s) => s.bars === first.bars)).to.equal(true);
      const starts = rolled.bars.toArray().map((b) => b.start);
      expect(starts.every((s, i) => i === 0 || s === starts[i - 1]! + 5000)).to.equal(true);
      expect(liveClient(sim).reqHistoricalData).to.equal(1);
      await session.close();
    });

    it('shares one keepUpToDate request per request key; the last unsubscribe cancels it', async () => {
      await start();
      const session = simSession(sim);
      const options = { barSize: '5 secs', duration: '60 S' } as const;
      const a: BarSeries[] = [];
      const b: BarSeries[] = [];
      subs.push(session.bars$('AAPL', options).subscribe(collect(a)));
      subs.push(session.bars$({ symbol: 'aapl' }, options).subscribe(collect(b)));
      await waitUntil(() => a.length > 0 && b.length > 0, 5000, 'both subscribers');
      expect(b[0]).to.equal(a[0]);
      expect(liveClient(sim).reqHistoricalData).to.equal(1);
      subs.splice(0).forEach((s) => { s.unsubscribe(); });
      await waitUntil(() => liveClient(sim).cancelHistoricalData === 1, 5000, 'the cancel');
      expect(liveClient(sim).barSubscriptions).to.deep.equal([]);
      await session.close();
    });

    it('bridges a dropped connection: stale while down, then the gap merged without duplicate or missing starts', async () => {
      await start();
      const session = simSession(sim);
      const seen: BarSeries[] = [];
      subs.push(session.bars$('AAPL', { barSize: '5 secs', duration: '60 S' }).subscribe(collect(seen)));
      await waitUntil(() => seen.length > 0, 5000, 'the history');
      const lastBefore = seen.at(-1)!.forming!.start;
      const refused = sim.refuse(6000); // no reconnect for 6 s: at least one whole bar passes unseen
      sim.drop();
      await waitUntil(() => seen.some((s) => s.stale), 5000, 'stale');
      await refused;
      await waitUntil(() => !seen.at(-1)!.stale && seen.at(-1)!.forming!.start >= lastBefore + 10_000, 10_000, 'fresh bars after the reconnect');
      const last = seen.at(-1)!;
      const starts = [...last.bars.toArray().map((b) => b.start), last.forming!.start];
      expect(new Set(starts).size).to.equal(starts.length);
      starts.forEach((s, i) => { if (i > 0) expect(s - starts[i - 1]!, `bar ${i}`).to.equal(5000); });
      expect(starts).to.include(lastBefore + 5000);
      const requests = simRequests(sim);
      expect(requests).to.have.length(1); // the newest connection's: the re-request
      expect(requests[0]!.duration).to.match(/^\d+ S$/);
      expect(Number.parseInt(requests[0]!.duration, 10)).to.be.within(6, 60);
      expect(sim.stats().historicalPacingViolations).to.equal(0);
      await session.close();
    });

    it('requests the gap again after 1101 on the same socket, without a cancel', async () => {
      await start();
      const session = simSession(sim);
      const seen: BarSeries[] = [];
      subs.push(session.bars$('AAPL', { barSize: '5 secs', duration: '60 S' }).subscribe(collect(seen)));
      await waitUntil(() => seen.length > 0, 5000, 'the history');
      await sim.connectivityLoss({ restore: 1101, gapMs: 1500 });
      await waitUntil(() => liveClient(sim).reqHistoricalData === 2 && !seen.at(-1)!.stale, 5000, 'the re-request');
      expect(seen.some((s) => s.stale)).to.equal(true);
      expect(liveClient(sim).cancelHistoricalData).to.equal(0);
      const last = seen.at(-1)!;
      const starts = [...last.bars.toArray().map((b) => b.start), last.forming!.start];
      starts.forEach((s, i) => { if (i > 0) expect(s - starts[i - 1]!, `bar ${i}`).to.equal(5000); });
      await session.close();
    });

    it('errors alone on a bad bar size: other streams go on', async () => {
      await start();
      const session = simSession(sim);
      const good: BarSeries[] = [];
      subs.push(session.bars$('AAPL', { barSize: '5 secs', duration: '60 S' }).subscribe(collect(good)));
      await waitUntil(() => good.length > 0, 5000, 'the history');
      const error = await firstValueFrom(session.bars$('MSFT', { barSize: '1 secs', duration: '60 S' }), { defaultValue: undefined }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(InvalidInputError).and.include({ field: 'barSize' });
      const count = good.length;
      await waitUntil(() => good.length > count + 2, 5000, 'more updates');
      await session.close();
      expect(await firstValueFrom(session.bars$('AAPL', { barSize: '5 secs', duration: '60 S' }), { defaultValue: undefined }).catch((e: unknown) => e)).to.be.instanceOf(SessionClosedError);
    });

    it('leaves no socket, timer or listener behind after close()', async () => {
      await start();
      const tracker = trackHandles();
      const session = simSession(sim);
      subs.push(session.bars$('AAPL', { barSize: '5 secs', duration: '60 S' }).subscribe(collect<BarSeries>([])));
      await session.historicalBars('MSFT', { barSize: '1 min', duration: '1800 S' });
      await waitUntil(() => liveClient(sim).barSubscriptions.length === 1, 5000, 'the live request');
      await session.close();
      expect(await tracker.stop()).to.deep.equal([]);
    });
  });
});

