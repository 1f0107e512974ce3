import { EventName, IBApiTickType as TickType, SecType } from '@stoqey/ib';
import { expect } from 'chai';
import { startSimulator } from '../../lib/sim/index.js';
import { simHarness } from './support/sim-harness.js';
import { barsOf, finished, finishedOf, indexOfFirst, MONDAY_MORNING, reqBars, type BarEvent } from './support/history.js';
import { RawClient, stock } from './support/raw-client.js';

/** 1 D of 5-minute bars at 10:00:04 New York: 09:30 … 10:00 (the forming one). */
const FIVE_MINUTE_BARS_SO_FAR = 7;
const EPOCH_0930 = String(Date.UTC(2025, 11, 1, 14, 30) / 1000);

const wellFormed = (b: BarEvent): boolean => b.low <= Math.min(b.open, b.close) && b.high >= Math.max(b.open, b.close) && b.low > 0;
const values = (bars: readonly BarEvent[]): number[][] => bars.map((b) => [b.open, b.high, b.low, b.close, b.volume, b.wap, b.count ?? -2]);

describe('Simulator historical data', () => {
  const { start, client, closeAll } = simHarness({ marketTime: MONDAY_MORNING });
  const bars = async (c: RawClient, reqId: number, r: Parameters<typeof reqBars>[2] = {}): Promise<BarEvent[]> => {
    reqBars(c, reqId, r);
    await finished(c, reqId);
    return barsOf(c, reqId);
  };

  afterEach(closeAll);

  describe('reqHistoricalData', () => {
    it('emits one historicalData per bar, then "finished-<start>-<end>" with -1 values (formatDate 1, zoned times)', async () => {
      const c = await client(await start());
      const got = await bars(c, 1);
      expect(got).to.have.length(FIVE_MINUTE_BARS_SO_FAR);
      expect(got[0]?.time).to.equal('20251201 09:30:00 US/Eastern');
      expect(got[6]?.time).to.equal('20251201 10:00:00 US/Eastern');
      expect(finishedOf(c, 1)).to.match(/^finished-20251201 09:30:00 US\/Eastern-20251201 10:00:0\d US\/Eastern$/);
      const marker = c.of(EventName.historicalData).find((a) => String(a[1]).startsWith('finished'));
      expect(marker?.slice(2)).to.deep.equal([-1, -1, -1, -1, -1, -1, -1, false]);
      for (const b of got) {
        expect(wellFormed(b), JSON.stringify(b)).to.equal(true);
        expect(b.volume).to.be.greaterThan(0);
        expect(b.count).to.be.greaterThan(0);
        expect(b.wap).to.be.within(b.low, b.high);
      }
      expect(c.errors()).to.deep.equal([]);
    });

    it('writes intraday times as epoch seconds for formatDate 2, with the same values', async () => {
      const c = await client(await start({ rateHz: 0 }));
      const asText = await bars(c, 1);
      const asEpoch = await bars(c, 2, { formatDate: 2 });
      expect(asEpoch[0]?.time).to.equal(EPOCH_0930);
      expect(values(asEpoch)).to.deep.equal(values(asText));
    });

    it('keeps daily, weekly and monthly bars as yyyyMMdd even with formatDate 2', async () => {
      const c = await client(await start());
      const days = await bars(c, 1, { barSize: '1 day', duration: '5 D', formatDate: 2 });
      expect(days.map((b) => b.time)).to.deep.equal(['20251125', '20251126', '20251127', '20251128', '20251201']);
      const weeks = await bars(c, 2, { barSize: '1 week', duration: '2 W', formatDate: 2 });
      expect(weeks.map((b) => b.time)).to.deep.equal(['20251117', '20251124', '20251201']);
      const months = await bars(c, 3, { barSize: '1 month', duration: '1 Y', formatDate: 1 });
      expect(months).to.have.length(13);
      expect(months.every((b) => /^\d{8}$/.test(b.time) && wellFormed(b))).to.equal(true);
    });

    it('answers the other bar sizes and durations: 1 secs × 60 S, 30 secs × 1800 S, 1 hour × 1 W outside regular hours, 1 day × 1 Y', async () => {
      const c = await client(await start());
      expect(await bars(c, 1, { barSize: '1 secs', duration: '60 S' })).to.have.length(61);
      expect(await bars(c, 2, { barSize: '30 secs', duration: '1800 S' })).to.have.length(61);
      const hours = await bars(c, 3, { barSize: '1 hour', duration: '1 W', useRTH: false });
      // 1 W = 7 calendar days back from Monday 10:00:04: Monday 10:00–20:00, Tuesday to Friday 04:00–20:00, today from 04:00.
      expect(hours[0]?.time).to.equal('20251124 10:00:00 US/Eastern');
      expect(hours).to.have.length(10 + 4 * 16 + 7);
      const year = await bars(c, 4, { barSize: '1 day', duration: '1 Y' });
      expect(year.length).to.be.within(250, 262);
    });

    it('gives MIDPOINT, BID and ASK without volume, WAP or count (-1), bid ≤ midpoint ≤ ask; BID_ASK as IB builds it', async () => {
      const c = await client(await start({ rateHz: 0 }));
      const mid = await bars(c, 1, { whatToShow: 'MIDPOINT' });
      const bid = await bars(c, 2, { whatToShow: 'BID' });
      const ask = await bars(c, 3, { whatToShow: 'ASK' });
      const bidAsk = await bars(c, 4, { whatToShow: 'BID_ASK' });
      for (const list of [mid, bid, ask, bidAsk]) for (const b of list) expect([b.volume, b.wap, b.count]).to.deep.equal([-1, -1, -1]);
      mid.forEach((m, i) => {
        expect(bid[i]!.close).to.be.at.most(m.close);
        expect(ask[i]!.close).to.be.at.least(m.close);
        expect(bidAsk[i]!.high).to.equal(ask[i]!.high);
        expect(bidAsk[i]!.low).to.equal(bid[i]!.low);
      });
    });

    it('answers identical requests with identical closed bars; a past end gives identical bars across simulators with one seed', async () => {
      const c = await client(await start({ seed: 5 }));
      const first = await bars(c, 1, { barSize: '1 min', duration: '1800 S' });
      const second = await bars(c, 2, { barSize: '1 min', duration: '1800 S' });
      expect(values(second.slice(0, -1))).to.deep.equal(values(first.slice(0, -1)));
      const friday = { barSize: '15 mins', duration: '1 D', end: '20251128-21:00:00' };
      const a = await bars(c, 3, friday);
      expect(a).to.have.length(26);
      const otherSim = await startSimulator({ port: 0, seed: 5, rateHz: 0, marketTime: MONDAY_MORNING });
      const other = new RawClient(otherSim.port);
      try {
        await other.connect();
        reqBars(other, 4, friday);
        await finished(other, 4);
        expect(values(barsOf(other, 4))).to.deep.equal(values(a));
      } finally {
        await other.close();
        await otherSim.close();
      }
    });

    it('ends on the live price: the last bar closes at the last trade sent before the answer', async () => {
      const c = await client(await start({ rateHz: 40 }));
      c.api.reqMktData(9, stock('AAPL'), '', false, false);
      await c.waitFor('a few trades', (x) => x.of(EventName.tickPrice).filter((a) => a[0] === 9 && a[1] === TickType.LAST).length > 5);
      const got = await bars(c, 1, { barSize: '1 min', duration: '1800 S' });
      const answerAt = indexOfFirst(c, EventName.historicalData, 1);
      const tickPrice: string = EventName.tickPrice;
      const lastTrade = c.events.slice(0, answerAt).filter((e) => e.name === tickPrice && e.args[0] === 9 && e.args[1] === TickType.LAST).pop();
      expect(got[got.length - 1]?.close).to.equal(lastTrade?.args[2]);
    });

    it('agrees with the day\'s ticks: yesterday\'s bar closes at CLOSE, today\'s opens at OPEN, within HIGH and LOW', async () => {
      const c = await client(await start({ rateHz: 0 }));
      c.api.reqMktData(9, stock('MSFT'), '', false, false);
      await c.waitFor('opening ticks', (x) => x.of(EventName.tickPrice).filter((a) => a[0] === 9).length >= 7);
      const tick = (type: number): number => c.of(EventName.tickPrice).find((a) => a[0] === 9 && a[1] === type)?.[2] as number;
      const days = await bars(c, 1, { contract: stock('MSFT'), barSize: '1 day', duration: '2 D' });
      expect(days[0]?.close).to.equal(tick(TickType.CLOSE));
      expect(days[1]?.open).to.equal(tick(TickType.OPEN));
      expect(days[1]?.high).to.be.at.most(tick(TickType.HIGH));
      expect(days[1]?.low).to.be.at.least(tick(TickType.LOW));
      expect(days[1]?.close).to.equal(tick(TickType.LAST));
    });

    it('answers forex MIDPOINT in half pips and futures TRADES; forex TRADES has no data (162)', async () => {
      const c = await client(await start());
      const eur = { symbol: 'EUR', secType: SecType.CASH, exchange: 'IDEALPRO', currency: 'USD' };
      const fx = await bars(c, 1, { contract: eur, whatToShow: 'MIDPOINT', barSize: '1 hour', duration: '1 D' });
      expect(fx.length).to.be.greaterThan(10);
      expect(fx[0]?.time).to.match(/ US\/Eastern$/);
      const es = await bars(c, 2, { contract: { symbol: 'ES', secType: SecType.FUT, exchange: 'CME', currency: 'USD', lastTradeDateOrContractMonth: '202512' }, barSize: '1 hour', duration: '1 D', useRTH: false });
      expect(es[0]?.time).to.equal('20251130 17:00:00 US/Central');
      expect(es.every((b) => b.close % 0.25 === 0)).to.equal(true);
      reqBars(c, 3, { contract: eur });
      await c.waitFor('162', (x) => x.errors().some((e) => e.reqId === 3));
      expect(c.errors().find((e) => e.reqId === 3)).to.deep.include({ code: 162, message: 'Historical Market Data Service error message:HMDS query returned no data: EUR.USD@IDEALPRO Trades' });
    });
  });
});
