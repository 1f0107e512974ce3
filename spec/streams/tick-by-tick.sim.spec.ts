// tickByTick$ through IbSession and the real @stoqey/ib client, against the built-in simulator.
import { expect } from 'chai';
import type { Subscription } from 'rxjs';
import { InvalidContractError, StreamLimitError } from '../../lib/errors.js';
import { startSimulator, type SimTickByTickRecord, type Simulator, type SimulatorOptions } from '../../lib/sim/index.js';
import type { TickByTick } from '../../lib/streams/tick-by-tick/tick-by-tick.js';
import { collect, errorOf, liveClient, simSession, trackHandles, waitUntil } from '../session/sim-session.js';

/** A simulator record as ib-rx's TickByTick (time in ms, no request id). */
const asTick = (r: SimTickByTickRecord): TickByTick => {
  const { reqId: _reqId, ...rest } = r;
  return { ...rest, time: r.time * 1000 };
};

/** Every tick-by-tick message the simulator sent over every connection, for requests of `type`. */
const simTicks = (sim: Simulator, type: TickByTick['type']): SimTickByTickRecord[] => sim.stats().clients.flatMap((c) => c.tickByTick.filter((t) => t.type === type));

/** The session's timing scaled down like the simulator's 300 ms spacing (IB: 15 s), with the margin for a busy machine's delays. */
const TIMING = { tickByTickTiming: { lingerMs: 300, spacingMs: 1000 } } as const;

describe('IbSession tickByTick$ (against the simulator)', function () {
  this.timeout(20_000);
  let sim: Simulator;
  const subs: Subscription[] = [];
  const start = async (options: SimulatorOptions = {}): Promise<Simulator> => {
    sim = await startSimulator({ port: 0, rateHz: 100, streams: { tickByTickSpacingMs: 300 }, ...options });
    return sim;
  };
  afterEach(async () => {
    subs.splice(0).forEach((s) => { s.unsubscribe(); });
    await sim.close();
  });

  it('emits what the simulator sent for each type, new objects that never change; nothing left after close()', async () => {
    await start({ streams: { tickByTickSlots: 4, tickByTickSpacingMs: 300 } });
    const handles = trackHandles();
    const session = simSession(sim, { limits: { tick_by_tick_slots: 4 } }, TIMING);
    const got: Record<string, TickByTick[]> = { Last: [], AllLast: [], BidAsk: [], MidPoint: [] };
    const snapshots: string[] = [];
    for (const type of ['Last', 'AllLast', 'BidAsk', 'MidPoint'] as const) {
      subs.push(session.tickByTick$('AAPL', type).subscribe({
        next: (t) => { got[type]!.push(t); snapshots.push(JSON.stringify(t)); },
        error: (error: unknown) => { throw error; },
      }));
    }
    await waitUntil(() => Object.values(got).every((list) => list.length >= 5), 10_000, 'five ticks of each type');
    for (const type of ['Last', 'AllLast', 'BidAsk', 'MidPoint'] as const) {
      const list = got[type]!;
      expect(list, type).to.deep.equal(simTicks(sim, type).slice(0, list.length).map(asTick));
      expect(new Set(list).size, `${type}: distinct objects`).to.equal(list.length);
    }
    const all = Object.values(got).flat();
    expect(all.map((t) => JSON.stringify(t)).sort()).to.deep.equal([...snapshots].sort());
    await session.close();
    expect(await handles.stop()).to.deep.equal([]);
  });

  it('gives the subscription beyond the slots its StreamLimitError (local budget, or TWS 10190) while the others keep flowing', async () => {
    await start({ streams: { tickByTickSlots: 2, tickByTickSpacingMs: 300 } });
    const local = simSession(sim, { limits: { tick_by_tick_slots: 1 } }, TIMING);
    const a: TickByTick[] = [];
    subs.push(local.tickByTick$('AAPL', 'Last').subscribe(collect(a)));
    const refused = await errorOf(local.tickByTick$('MSFT', 'Last'));
    expect(refused).to.be.instanceOf(StreamLimitError).and.deep.include({ stream: 'tick-by-tick', inUse: 1, limit: 1, symbol: 'MSFT' });
    const other = simSession(sim, { api: { client_id: 2 }, limits: { tick_by_tick_slots: 5 } }, TIMING);
    const b: TickByTick[] = [];
    subs.push(other.tickByTick$('IBM', 'MidPoint').subscribe(collect(b)));
    await waitUntil(() => sim.stats().tickByTickSubscriptions === 2, 10_000, 'two requests at the simulator');
    const fromTws = await errorOf(other.tickByTick$('MSFT', 'BidAsk'));
    expect(fromTws).to.be.instanceOf(StreamLimitError).and.deep.include({ stream: 'tick-by-tick', code: 10190, symbol: 'MSFT' });
    const [countA, countB] = [a.length, b.length];
    await waitUntil(() => a.length > countA && b.length > countB, 10_000, 'both others still flowing');
    await Promise.all([local.close(), other.close()]);
  });

  it('refuses an option before sending anything (InvalidContractError)', async () => {
    await start();
    const session = simSession(sim, {}, TIMING);
    const [option] = sim.contracts().filter((c) => c.secType === 'OPT');
    const error = await errorOf(session.tickByTick$({ symbol: option!.symbol, secType: 'OPT' as never, localSymbol: option!.localSymbol, exchange: 'SMART', currency: 'USD' }, 'Last'));
    expect(error).to.be.instanceOf(InvalidContractError).and.deep.include({ field: 'secType' });
    await session.close();
  });

  it('after a drop and after 1101: a fresh request each time, never sooner than the spacing after the previous one, no duplicate tick', async () => {
    await start();
    const session = simSession(sim, {}, TIMING);
    const got: TickByTick[] = [];
    subs.push(session.tickByTick$('AAPL', 'BidAsk').subscribe(collect(got)));
    await waitUntil(() => got.length >= 3, 10_000, 'three quotes');
    sim.drop();
    await waitUntil(() => sim.stats().clients.some((c) => c.open && c.reqTickByTickData === 1), 10_000, 'the request on the new socket');
    let count = got.length;
    await waitUntil(() => got.length >= count + 3, 10_000, 'three more quotes');
    await sim.connectivityLoss({ restore: 1101, gapMs: 50 });
    await waitUntil(() => liveClient(sim).reqTickByTickData === 2, 10_000, 'the request after 1101');
    count = got.length;
    await waitUntil(() => got.length >= count + 3, 10_000, 'quotes after 1101');
    const requests = sim.stats().clients.flatMap((c) => c.streamRequests);
    expect(requests.map((r) => r.outcome), 'no request refused for the 15-s rule').to.deep.equal(['live', 'live', 'live']);
    expect(new Set(requests.map((r) => r.reqId)).size).to.equal(3);
    const sent = simTicks(sim, 'BidAsk').map(asTick);
    expect(got).to.deep.equal(sent.slice(0, got.length));
    await session.close();
  });
});
