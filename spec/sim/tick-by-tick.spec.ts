import { EventName, TickByTickDataType } from '@stoqey/ib';
import { expect } from 'chai';
import type { SimTickByTickRecord } from '../../lib/sim/index.js';
import { RawClient, stock } from './support/raw-client.js';
import { simHarness } from './support/sim-harness.js';
import { waitUntil } from '../support/wait-until.js';

// The simulator's tick-by-tick data through the unpatched @stoqey/ib client over a real socket.

const ALL_LAST: string = EventName.tickByTickAllLast;
const BID_ASK: string = EventName.tickByTickBidAsk;
const MID_POINT: string = EventName.tickByTickMidPoint;
/** A tick type IB does not know, as a client could send it. */
const BAD_TYPE = 'Trades' as unknown as TickByTickDataType;

/** The tick-by-tick events of one request as the client decoded them, in the simulator's record shape. */
function decoded(c: RawClient, reqId: number): SimTickByTickRecord[] {
  const out: SimTickByTickRecord[] = [];
  for (const { name, args: a } of c.events) {
    if (a[0] !== reqId) continue;
    if (name === ALL_LAST) {
      const attrib = a[5] as { pastLimit: boolean; unreported: boolean };
      out.push({
        reqId, type: a[1] === 1 ? 'Last' : 'AllLast', time: Number(a[2]), price: a[3] as number, size: a[4] as number, exchange: a[6] as string,
        specialConditions: a[7] as string, pastLimit: attrib.pastLimit, unreported: attrib.unreported,
      });
    } else if (name === BID_ASK) {
      const attrib = a[6] as { bidPastLow: boolean; askPastHigh: boolean };
      out.push({
        reqId, type: 'BidAsk', time: Number(a[1]), bidPrice: a[2] as number, askPrice: a[3] as number, bidSize: a[4] as number, askSize: a[5] as number,
        bidPastLow: attrib.bidPastLow, askPastHigh: attrib.askPastHigh,
      });
    } else if (name === MID_POINT) {
      out.push({ reqId, type: 'MidPoint', time: Number(a[1]), midPoint: a[2] as number });
    }
  }
  return out;
}

const recorded = (c: { tickByTick: readonly SimTickByTickRecord[] }, reqId: number): SimTickByTickRecord[] => c.tickByTick.filter((t) => t.reqId === reqId);

describe('simulator tick-by-tick', function () {
  this.timeout(20_000);
  const h = simHarness({ rateHz: 200, streams: { tickByTickSlots: 4, tickByTickSpacingMs: 300 } });
  afterEach(() => h.closeAll());

  for (const serverVersion of [137, 140, 163, 193]) {
    it(`sends all four types in the layout the client decodes (server ${serverVersion}), equal to what it recorded`, async () => {
      const sim = await h.start({ maxServerVersion: serverVersion });
      const c = await h.client(sim);
      c.api.reqTickByTickData(1, stock('AAPL'), TickByTickDataType.Last, 0, false);
      c.api.reqTickByTickData(2, stock('AAPL'), TickByTickDataType.AllLast, 0, false);
      c.api.reqTickByTickData(3, stock('AAPL'), TickByTickDataType.BidAsk, 0, false);
      c.api.reqTickByTickData(4, stock('AAPL'), TickByTickDataType.MidPoint, 0, false);
      await c.waitFor('ticks of every type', (x) => [1, 2, 3, 4].every((id) => decoded(x, id).length >= 4), 8000);
      for (const id of [1, 2, 3, 4]) c.api.cancelTickByTickData(id);
      await waitUntil(() => sim.stats().tickByTickSubscriptions === 0, 3000, 'the cancels');
      const client = sim.stats().clients[0]!;
      await c.waitFor('every tick sent before the cancels', (x) => [1, 2, 3, 4].every((id) => decoded(x, id).length >= recorded(client, id).length));
      for (const id of [1, 2, 3, 4]) expect(decoded(c, id), `request ${id}`).to.deep.equal(recorded(client, id));
      expect(c.errors()).to.deep.equal([]);
      expect(new Set(decoded(c, 1).map((t) => t.type))).to.deep.equal(new Set(['Last']));
      expect(new Set(decoded(c, 3).map((t) => t.type))).to.deep.equal(new Set(['BidAsk']));
      expect(sim.stats()).to.deep.include({ reqTickByTickData: 4, cancelTickByTickData: 4 });
    });
  }

  it('prints trades on several exchanges; AllLast adds unreported odd lots Last does not have', async () => {
    const sim = await h.start();
    const c = await h.client(sim);
    c.api.reqTickByTickData(1, stock('MSFT'), TickByTickDataType.Last, 0, false);
    c.api.reqTickByTickData(2, stock('MSFT'), TickByTickDataType.AllLast, 0, false);
    await c.waitFor('8 AllLast', (x) => decoded(x, 2).filter((t) => t.type === 'AllLast' && !t.unreported).length >= 8, 8000);
    const all = decoded(c, 2);
    const odd = all.filter((t) => t.type === 'AllLast' && t.unreported);
    expect(odd.length).to.be.greaterThan(0);
    for (const t of odd) expect(t).to.deep.include({ size: 1, specialConditions: 'I', exchange: 'FINRA' });
    expect(decoded(c, 1).some((t) => t.type === 'Last' && t.unreported)).to.equal(false);
    expect(new Set(decoded(c, 1).map((t) => (t.type === 'Last' ? t.exchange : '')))).to.have.length.greaterThan(1);
  });

  it('gives 10190 beyond the slots (over all connections) and 10189 within the spacing of one instrument and type', async () => {
    const sim = await h.start({ streams: { tickByTickSlots: 2, tickByTickSpacingMs: 800 } });
    const a = await h.client(sim);
    const b = new RawClient(sim.port, 2);
    await b.connect();
    a.api.reqTickByTickData(1, stock('AAPL'), TickByTickDataType.Last, 0, false);
    b.api.reqTickByTickData(1, stock('MSFT'), TickByTickDataType.Last, 0, false);
    await waitUntil(() => sim.stats().tickByTickSubscriptions === 2, 3000, 'two requests');
    b.api.reqTickByTickData(2, stock('IBM'), TickByTickDataType.Last, 0, false);
    await b.waitFor('10190', (x) => x.errors().some((e) => e.code === 10190));
    a.api.cancelTickByTickData(1);
    await waitUntil(() => sim.stats().tickByTickSubscriptions === 1, 3000, 'the cancel');
    a.api.reqTickByTickData(3, stock('AAPL'), TickByTickDataType.Last, 0, false);
    await a.waitFor('10189 for 3', (x) => x.errors().some((e) => e.reqId === 3));
    expect(a.errors().find((e) => e.reqId === 3)).to.deep.include({ code: 10189 });
    expect(b.errors().map((e) => `${e.reqId}:${e.code}`)).to.deep.equal(['2:10190']);
    await new Promise((resolve) => setTimeout(resolve, 850));
    a.api.reqTickByTickData(5, stock('AAPL'), TickByTickDataType.Last, 0, false);
    await waitUntil(() => sim.stats().tickByTickSubscriptions === 2, 3000, 'the request after the spacing');
    expect(a.errors().filter((e) => e.reqId === 5)).to.deep.equal([]);
    await b.close();
  });

  it('refuses an option or combo contract with 10189 and a bad type with 321; 300 for an unknown cancel', async () => {
    const sim = await h.start();
    const c = await h.client(sim);
    const [option] = sim.contracts().filter((k) => k.secType === 'OPT');
    c.api.reqTickByTickData(1, { conId: option!.conId, exchange: 'SMART' }, TickByTickDataType.Last, 0, false);
    c.api.reqTickByTickData(2, stock('AAPL'), BAD_TYPE, 0, false);
    c.api.reqTickByTickData(3, stock('NOPE'), TickByTickDataType.BidAsk, 0, false);
    c.api.cancelTickByTickData(42);
    await c.waitFor('four errors', (x) => x.errors().length >= 4);
    expect(c.errors().map((e) => `${e.reqId}:${e.code}`)).to.deep.equal(['1:10189', '2:321', '3:200', '42:300']);
  });

  it('forgets the requests of a dropped connection and after 1101 (not after 1102), and sends nothing while data does not flow', async () => {
    const sim = await h.start();
    const c = await h.client(sim);
    c.api.reqTickByTickData(1, stock('AAPL'), TickByTickDataType.MidPoint, 0, false);
    await waitUntil(() => sim.stats().tickByTickSubscriptions === 1, 3000, 'the request');
    await sim.connectivityLoss({ restore: 1102, gapMs: 100 });
    expect(sim.stats().tickByTickSubscriptions).to.equal(1);
    const stall = sim.connectivityLoss({ restore: 1101, gapMs: 300 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = sim.stats().tickByTickSent;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sim.stats().tickByTickSent, 'nothing while the link is down').to.equal(before);
    await stall;
    expect(sim.stats().tickByTickSubscriptions).to.equal(0);
    await new Promise((resolve) => setTimeout(resolve, 350));
    c.api.reqTickByTickData(2, stock('AAPL'), TickByTickDataType.MidPoint, 0, false);
    await waitUntil(() => sim.stats().tickByTickSubscriptions === 1, 3000, 'the new request');
    sim.drop();
    await waitUntil(() => sim.stats().tickByTickSubscriptions === 0, 3000, 'the drop');
  });
});
