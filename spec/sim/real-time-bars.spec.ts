import { EventName, WhatToShow } from '@stoqey/ib';
import { expect } from 'chai';
import type { SimRealTimeBarRecord } from '../../lib/sim/index.js';
import { stock } from './support/raw-client.js';
import { simHarness } from './support/sim-harness.js';
import { waitUntil } from '../support/wait-until.js';

// The simulator's real-time bars through the unpatched @stoqey/ib client over a real socket.

/** The `realtimeBar` events of one request as the client decoded them. */
const decoded = (args: readonly (readonly unknown[])[], reqId: number): Omit<SimRealTimeBarRecord, 'backfill'>[] =>
  args.filter((a) => a[0] === reqId).map((a) => ({
    reqId, time: a[1] as number, open: a[2] as number, high: a[3] as number, low: a[4] as number, close: a[5] as number,
    volume: a[6] as number, wap: a[7] as number, count: a[8] as number,
  }));

const withoutBackfill = (records: readonly SimRealTimeBarRecord[], reqId: number): Omit<SimRealTimeBarRecord, 'backfill'>[] =>
  records.filter((r) => r.reqId === reqId).map(({ backfill: _backfill, ...row }) => row);

describe('simulator real-time bars', function () {
  this.timeout(20_000);
  const h = simHarness({ rateHz: 40, streams: { realTimeBarMs: 100 } });
  afterEach(() => h.closeAll());

  it('sends one bar per span, times stepping by 5 s, equal to what the client decodes (TRADES with volume, WAP and count)', async () => {
    const sim = await h.start();
    const c = await h.client(sim);
    c.api.reqRealTimeBars(7, stock('AAPL'), 5, WhatToShow.TRADES, false);
    await c.waitFor('6 bars', (x) => x.of(EventName.realtimeBar).length >= 6);
    c.api.cancelRealTimeBars(7);
    const client = sim.stats().clients[0]!;
    const got = decoded(c.of(EventName.realtimeBar), 7);
    expect(got).to.deep.equal(withoutBackfill(client.realTimeBars, 7).slice(0, got.length));
    got.forEach((bar, i) => {
      expect(bar.time % 5, 'a multiple of 5 s').to.equal(0);
      if (i > 0) expect(bar.time).to.equal(got[i - 1]!.time + 5);
      expect(bar.low).to.be.at.most(Math.min(bar.open, bar.close));
      expect(bar.high).to.be.at.least(Math.max(bar.open, bar.close));
      expect(bar.volume).to.be.at.least(0);
      if (bar.volume > 0) expect(bar.wap).to.be.within(bar.low, bar.high);
    });
    expect(got.some((bar) => bar.count > 0), 'some bar has trades').to.equal(true);
    expect(c.errors()).to.deep.equal([]);
    await waitUntil(() => sim.stats().realTimeBarSubscriptions === 0, 2000, 'the cancel');
    expect(sim.stats()).to.deep.include({ reqRealTimeBars: 1, cancelRealTimeBars: 1 });
  });

  it('sends -1 volume, WAP and count for MIDPOINT, BID and ASK bars', async () => {
    const sim = await h.start();
    const c = await h.client(sim);
    c.api.reqRealTimeBars(1, stock('MSFT'), 5, WhatToShow.MIDPOINT, false);
    c.api.reqRealTimeBars(2, stock('MSFT'), 5, WhatToShow.BID, false);
    c.api.reqRealTimeBars(3, stock('MSFT'), 5, WhatToShow.ASK, true);
    await c.waitFor('3 bars each', (x) => [1, 2, 3].every((id) => decoded(x.of(EventName.realtimeBar), id).length >= 3));
    for (const id of [1, 2, 3]) {
      for (const bar of decoded(c.of(EventName.realtimeBar), id)) expect([bar.volume, bar.wap, bar.count]).to.deep.equal([-1, -1, -1]);
    }
    const mid = decoded(c.of(EventName.realtimeBar), 1)[2]!;
    const [bid, ask] = [2, 3].map((id) => decoded(c.of(EventName.realtimeBar), id).find((bar) => bar.time === mid.time)!);
    expect(bid!.close).to.be.at.most(mid.close);
    expect(ask!.close).to.be.at.least(mid.close);
    expect(sim.stats().clients[0]!.realTimeBarSubscriptions.map((s) => `${s.reqId} ${s.whatToShow} ${String(s.useRTH)}`)).to.deep.equal([
      '1 MIDPOINT false', '2 BID false', '3 ASK true',
    ]);
  });

  it('answers 200, 321 (bad whatToShow), 322 (live id), 354 (no live permission), 101 (out of lines) and 300 (unknown cancel)', async () => {
    const sim = await h.start({ tickerLimit: 2, delayedOnly: ['TSLA'] });
    const c = await h.client(sim);
    c.api.reqRealTimeBars(1, stock('NOPE'), 5, WhatToShow.TRADES, false);
    c.api.reqRealTimeBars(2, stock('AAPL'), 5, 'FOO' as WhatToShow, false);
    c.api.reqRealTimeBars(3, stock('AAPL'), 5, WhatToShow.TRADES, false);
    c.api.reqRealTimeBars(3, stock('AAPL'), 5, WhatToShow.TRADES, false);
    c.api.reqRealTimeBars(4, stock('TSLA'), 5, WhatToShow.TRADES, false);
    c.api.reqMktData(5, stock('IBM'), '', false, false);
    c.api.reqRealTimeBars(6, stock('MSFT'), 5, WhatToShow.TRADES, false);
    c.api.cancelRealTimeBars(99);
    await c.waitFor('six errors', (x) => x.errors().length >= 6);
    expect(c.errors().map((e) => `${e.reqId}:${e.code}`)).to.deep.equal(['1:200', '2:321', '3:322', '4:354', '6:101', '99:300']);
    expect(sim.stats().clients[0]!.streamRequests.map((r) => `${r.reqId} ${r.symbol} ${r.what} ${String(r.outcome)}`)).to.deep.equal([
      '1 NOPE TRADES 200', '2 AAPL FOO 321', '3 AAPL TRADES live', '3 AAPL TRADES 322', '4 TSLA TRADES 354', '6 MSFT TRADES 101',
    ]);
  });

  it('backfills the last bar to a new request of the same contract and whatToShow (a duplicate for a client that had it)', async () => {
    const sim = await h.start();
    const c = await h.client(sim);
    c.api.reqRealTimeBars(1, stock('AAPL'), 5, WhatToShow.TRADES, false);
    await c.waitFor('2 bars', (x) => decoded(x.of(EventName.realtimeBar), 1).length >= 2);
    c.api.reqRealTimeBars(2, stock('AAPL'), 5, WhatToShow.TRADES, false);
    await c.waitFor('a bar for 2', (x) => decoded(x.of(EventName.realtimeBar), 2).length >= 1);
    const records = sim.stats().clients[0]!.realTimeBars;
    const backfilled = records.find((r) => r.reqId === 2)!;
    expect(backfilled.backfill).to.equal(true);
    const earlier = records.filter((r) => r.reqId === 1 && r.time === backfilled.time);
    expect(earlier.map(({ reqId: _r, backfill: _b, ...row }) => row)).to.deep.equal([(({ reqId: _r, backfill: _b, ...row }) => row)(backfilled)]);
  });

  it('sends nothing while data does not flow, forgets requests of a dropped connection and after 1101', async () => {
    const sim = await h.start({ farmBlipMs: 400 });
    const c = await h.client(sim);
    c.api.reqRealTimeBars(1, stock('AAPL'), 5, WhatToShow.TRADES, false);
    await c.waitFor('a bar', (x) => decoded(x.of(EventName.realtimeBar), 1).length >= 1);
    const blip = sim.farmBlip();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = sim.stats().realTimeBarsSent;
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(sim.stats().realTimeBarsSent, 'no bar while the farm is broken').to.equal(before);
    await blip;
    await sim.connectivityLoss({ restore: 1101, gapMs: 50 });
    expect(sim.stats().realTimeBarSubscriptions).to.equal(0);
    c.api.reqRealTimeBars(2, stock('AAPL'), 5, WhatToShow.TRADES, false);
    await waitUntil(() => sim.stats().realTimeBarSubscriptions === 1, 2000, 'the new request');
    sim.drop();
    await waitUntil(() => sim.stats().realTimeBarSubscriptions === 0, 2000, 'the drop');
  });
});
