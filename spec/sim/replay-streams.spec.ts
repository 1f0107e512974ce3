// Replayed 5-second bars and tick-by-tick lines reach the matching requests of an IbSession.
import { expect } from 'chai';
import type { Subscription } from 'rxjs';
import type { Bar } from '../../lib/bars/bar.js';
import { formatReplayRecord, parseReplayLine, ReplayFormatError, startSimulator, type ReplayRecord, type Simulator } from '../../lib/sim/index.js';
import type { TickByTick } from '../../lib/streams/tick-by-tick/tick-by-tick.js';
import { collect, simSession, waitUntil } from '../session/sim-session.js';

const T0 = 1_760_000_000_000;
/** Lines 1 s after the replay starts (the session has subscribed by then), 100 ms apart. */
const LEAD_MS = 1000;

const records: ReplayRecord[] = [
  { t: T0, symbol: 'AAPL', field: 'bid', value: 10 },
  { kind: 'bar5s', t: T0 + LEAD_MS, symbol: 'AAPL', whatToShow: 'TRADES', start: T0, open: 10, high: 11, low: 9.5, close: 10.5, volume: 300, trades: 4, wap: 10.2 },
  { kind: 'bar5s', t: T0 + LEAD_MS + 10, symbol: 'AAPL', whatToShow: 'MIDPOINT', start: T0, open: 10, high: 10.5, low: 9.9, close: 10.1, volume: 0, trades: 0 },
  { kind: 'tbt', t: T0 + LEAD_MS + 100, symbol: 'AAPL', type: 'Last', time: T0 + 1000, price: 10.5, size: 100, exchange: 'ARCA', specialConditions: '', pastLimit: false, unreported: false },
  { kind: 'tbt', t: T0 + LEAD_MS + 200, symbol: 'AAPL', type: 'BidAsk', time: T0 + 2000, bidPrice: 10.4, askPrice: 10.6, bidSize: 3, askSize: 5, bidPastLow: false, askPastHigh: true },
  { kind: 'tbt', t: T0 + LEAD_MS + 300, symbol: 'AAPL', type: 'MidPoint', time: T0 + 3000, midPoint: 10.5 },
  { kind: 'bar5s', t: T0 + LEAD_MS + 400, symbol: 'AAPL', whatToShow: 'TRADES', start: T0 + 5000, open: 10.5, high: 10.5, low: 10.5, close: 10.5, volume: 0, trades: 0 },
];

describe('simulator replay of 5-second bars and tick-by-tick lines', function () {
  this.timeout(20_000);
  let sim: Simulator;
  const subs: Subscription[] = [];
  afterEach(async () => {
    subs.splice(0).forEach((s) => { s.unsubscribe(); });
    await sim.close();
  });

  it('plays each line to the requests of its symbol and kind, values as recorded', async () => {
    sim = await startSimulator({ port: 0, replay: records });
    const session = simSession(sim, { limits: { tick_by_tick_slots: 3 } });
    const trades: Bar[] = [];
    const mids: Bar[] = [];
    const ticks: TickByTick[] = [];
    subs.push(session.realTimeBars$('AAPL').subscribe(collect(trades)));
    subs.push(session.realTimeBars$('AAPL', { whatToShow: 'MIDPOINT' }).subscribe(collect(mids)));
    for (const type of ['Last', 'BidAsk', 'MidPoint'] as const) subs.push(session.tickByTick$('AAPL', type).subscribe(collect(ticks)));
    await waitUntil(() => trades.length === 2 && ticks.length === 3 && mids.length === 1, 10_000, 'every replayed line');
    expect(trades).to.deep.equal([
      { start: T0, end: T0 + 5000, open: 10, high: 11, low: 9.5, close: 10.5, volume: 300, trades: 4, wap: 10.2 },
      { start: T0 + 5000, end: T0 + 10_000, open: 10.5, high: 10.5, low: 10.5, close: 10.5, volume: 0, trades: 0 },
    ]);
    expect(mids).to.deep.equal([{ start: T0, end: T0 + 5000, open: 10, high: 10.5, low: 9.9, close: 10.1, volume: 0, trades: 0 }]);
    const strip = (r: ReplayRecord): unknown => { const { kind: _k, t: _t, symbol: _s, ...rest } = r; return rest; };
    expect(ticks).to.deep.equal(records.filter((r) => r.kind === 'tbt').map(strip));
    await session.close();
  });
});

/** What `run` throws (undefined when it does not). */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error: unknown) {
    return error;
  }
  return undefined;
}

describe('parseReplayLine (kinds)', () => {
  it('round-trips bar5s and tbt lines; a line without kind is still a tick', () => {
    for (const record of records) expect(parseReplayLine(formatReplayRecord(record))).to.deep.equal(record);
    expect(parseReplayLine('{"t":1,"symbol":"A","kind":"tick","field":"ask","value":2}')).to.deep.equal({ kind: 'tick', t: 1, symbol: 'A', field: 'ask', value: 2 });
  });

  it('names the line and the field of a bad bar5s or tbt line', () => {
    const bad: readonly [string, RegExp][] = [
      ['{"t":1,"symbol":"A","kind":"depth"}', /unknown "kind" "depth"/],
      ['{"t":1,"symbol":"A","kind":"bar5s","whatToShow":"BID_ASK","start":1,"open":1,"high":1,"low":1,"close":1,"volume":0,"trades":0}', /"whatToShow" must be one of TRADES, MIDPOINT, BID, ASK/],
      ['{"t":1,"symbol":"A","kind":"bar5s","whatToShow":"BID","start":1,"open":1,"high":"1","low":1,"close":1,"volume":0,"trades":0}', /"high" must be a number/],
      ['{"t":1,"symbol":"A","kind":"tbt","type":"Last","time":1,"price":1,"size":1,"exchange":"X","specialConditions":"","pastLimit":0,"unreported":false}', /"pastLimit" must be a boolean/],
      ['{"t":1,"symbol":"A","kind":"tbt","type":"Trades","time":1}', /"type" must be one of Last, AllLast, BidAsk, MidPoint/],
      ['{"t":1,"symbol":"A","kind":"tbt","type":"MidPoint"}', /"time" must be epoch ms/],
    ];
    for (const [line, reason] of bad) {
      const error = thrown(() => parseReplayLine(line, 12));
      expect(error, line).to.be.instanceOf(ReplayFormatError).and.have.property('line', 12);
      expect((error as ReplayFormatError).reason, line).to.match(reason);
      expect((error as Error).message).to.match(/^replay line 12: /);
    }
  });
});
