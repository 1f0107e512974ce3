// IbSession's resubscription policy against the simulator's faults (real sockets).
import { IBApi } from '@stoqey/ib';
import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Subscription } from 'rxjs';
import { IbConnection } from '../../lib/connection/ib-connection.js';
import { startSimulator, type Simulator } from '../../lib/sim/index.js';
import type { MarketState } from '../../lib/state/index.js';
import { collect, liveClient, sessionSubscriptions, simSession, simSubscriptions, trackHandles, waitUntil } from './sim-session.js';

const SYMBOLS = ['AAPL', 'MSFT', 'IBM', 'SPY'];

describe('IbSession resubscription (against the simulator)', () => {
  let sim: Simulator;
  const subs: Subscription[] = [];

  beforeEach(async () => {
    sim = await startSimulator({ port: 0, rateHz: 50 });
  });

  afterEach(async () => {
    subs.splice(0).forEach((s) => { s.unsubscribe(); });
    await sim.close();
  });

  /** Subscribes every symbol; a stream that errors or completes before `close()` fails the spec in afterEach. */
  const ended: string[] = [];
  function subscribeAll(session: ReturnType<typeof simSession>): Map<string, MarketState[]> {
    const states = new Map(SYMBOLS.map((symbol) => [symbol, [] as MarketState[]]));
    for (const [symbol, list] of states) {
      subs.push(session.marketData$(symbol).subscribe({ next: (s) => list.push(s), error: () => ended.push(`${symbol} errored`), complete: () => ended.push(`${symbol} completed`) }));
    }
    return states;
  }
  const closeChecked = async (session: ReturnType<typeof simSession>): Promise<void> => {
    expect(ended).to.deep.equal([], 'no stream ended before close()');
    await session.close();
    ended.splice(0);
  };

  const counts = (states: Map<string, MarketState[]>): number[] => [...states.values()].map((list) => list.length);
  /** Every stream had a stale state after its first `from` states (seen even if fresh ones followed before the check ran). */
  const staleSince = (states: Map<string, MarketState[]>, from: readonly number[]): boolean =>
    [...states.values()].every((list, i) => list.slice(from[i] ?? 0).some((s) => s.stale));

  it('resumes every subscription once with a fresh id after each of 10 forced drops, ticks flowing again', async function () {
    this.timeout(20_000);
    const session = simSession(sim);
    const states = subscribeAll(session);
    await waitUntil(() => sim.stats().clients[0]?.subscriptions.length === SYMBOLS.length, 3000, 'the first subscriptions');
    for (let drop = 1; drop <= 10; drop++) {
      sim.drop();
      await waitUntil(() => sim.stats().clients.length === drop + 1 && liveClient(sim).subscriptions.length === SYMBOLS.length, 3000, `resubscription after drop ${drop}`);
      const before = counts(states);
      await waitUntil(() => counts(states).every((n, i) => n > (before[i] ?? 0) + 2), 3000, `ticks after drop ${drop}`);
      const client = liveClient(sim);
      expect(client.reqMktData).to.equal(SYMBOLS.length, `one request per subscription after drop ${drop}`);
      expect(client.reqMarketDataType).to.equal(1);
      expect(client.cancelMktData).to.equal(0, 'no cancel of the dead requests');
      expect(simSubscriptions(sim)).to.deep.equal(sessionSubscriptions(session));
    }
    const ids = sim.stats().clients.flatMap((c) => c.requests.map((r) => r.reqId));
    expect(new Set(ids).size).to.equal(ids.length, 'request ids are never reused');
    expect(ids).to.have.length(11 * SYMBOLS.length);
    await closeChecked(session);
  });

  it('marks the state stale during 1100 and requests every subscription again, once, after 1101', async () => {
    const session = simSession(sim);
    const states = subscribeAll(session);
    await waitUntil(() => simSubscriptions(sim).length === SYMBOLS.length, 3000, 'the subscriptions');
    const from = counts(states);
    const restored = sim.connectivityLoss({ restore: 1101, gapMs: 150 });
    await waitUntil(() => staleSince(states, from), 1000, 'stale states');
    await restored;
    await waitUntil(() => liveClient(sim).reqMktData === 2 * SYMBOLS.length && simSubscriptions(sim).length === SYMBOLS.length, 2000, 'the new requests');
    await waitUntil(() => [...states.values()].every((list) => list.at(-1)?.stale === false), 2000, 'fresh states');
    const client = liveClient(sim);
    expect(sim.stats().connections).to.equal(1, 'same socket');
    expect(client.requests.slice(SYMBOLS.length).map((r) => r.symbol).sort()).to.deep.equal([...SYMBOLS].sort());
    expect(client.cancelMktData).to.equal(0, 'TWS forgot the old requests: nothing to cancel');
    expect(simSubscriptions(sim)).to.deep.equal(sessionSubscriptions(session));
    await closeChecked(session);
  });

  it('requests nothing again after 1102 (data maintained), and the state is fresh again', async () => {
    const session = simSession(sim);
    const states = subscribeAll(session);
    await waitUntil(() => simSubscriptions(sim).length === SYMBOLS.length, 3000, 'the subscriptions');
    const before = simSubscriptions(sim);
    const from = counts(states);
    const restored = sim.connectivityLoss({ restore: 1102, gapMs: 150 });
    await waitUntil(() => staleSince(states, from), 1000, 'stale states');
    await restored;
    await waitUntil(() => [...states.values()].every((list) => list.at(-1)?.stale === false), 2000, 'fresh states');
    expect(liveClient(sim).reqMktData).to.equal(SYMBOLS.length);
    expect(simSubscriptions(sim)).to.deep.equal(before);
    expect(sessionSubscriptions(session)).to.deep.equal(before);
    await closeChecked(session);
  });

  it('requests nothing again after a farm flap when every stream resumes by itself', async () => {
    const session = simSession(sim, {}, { farmResumeGraceMs: 300 });
    const states = subscribeAll(session);
    await waitUntil(() => simSubscriptions(sim).length === SYMBOLS.length, 3000, 'the subscriptions');
    await sim.farmBlip(150);
    const before = counts(states);
    await waitUntil(() => counts(states).every((n, i) => n > (before[i] ?? 0) + 2), 2000, 'ticks after the flap');
    await sleep(400); // a late re-request would show by then; a busy machine can only hide it, never fail the spec
    expect(liveClient(sim).reqMktData).to.equal(SYMBOLS.length);
    expect([...states.values()].some((list) => list.some((s) => s.stale))).to.equal(true, 'stale while the farm was broken');
    await closeChecked(session);
  });

  it('leaves nothing behind after 1000 subscribe / unsubscribe cycles', async function () {
    this.timeout(60_000); // CPU-bound churn (≈ 1.5 s idle, 8 s and more on a loaded machine); nothing here is timed
    const tracker = trackHandles();
    const apis: IBApi[] = [];
    const createApi = (o: { host: string; port: number; clientId: number }): IBApi => { const api = new IBApi(o); apis.push(api); return api; };
    const session = simSession(sim, {}, { createConnection: (o) => new IbConnection({ ...o, maxMessagesPerSecond: 100_000, createApi }) });
    subs.push(session.marketData$('SPY').subscribe(collect<MarketState>([])));
    await waitUntil(() => simSubscriptions(sim).length === 1, 3000, 'the first subscription');
    const listeners = (): number => apis.reduce((n, api) => n + api.eventNames().reduce((k, name) => k + api.listenerCount(name), 0), 0);
    const listenersBefore = listeners();
    for (let cycle = 0; cycle < 1000; cycle++) {
      const symbol = ['AAPL', 'MSFT', 'IBM', 'QQQ'][cycle % 4] ?? 'AAPL';
      const sub = session.marketData$(symbol).subscribe(collect<MarketState>([]));
      if (cycle % 50 === 0) await new Promise((resolve) => { setImmediate(resolve); });
      sub.unsubscribe();
    }
    await waitUntil(() => liveClient(sim).reqMktData === 1001 && liveClient(sim).cancelMktData === 1000, 5000, 'every cancel');
    expect(sim.stats().connections).to.equal(1);
    expect(listeners()).to.equal(listenersBefore, 'no IBApi listener added by the churn');
    expect(simSubscriptions(sim)).to.deep.equal(sessionSubscriptions(session));
    expect(session.subscriptions().map((s) => s.symbol)).to.deep.equal(['SPY']);
    subs.splice(0).forEach((s) => { s.unsubscribe(); });
    await session.close();
    await sim.close();
    expect(await tracker.stop()).to.deep.equal([]);
    sim = await startSimulator({ port: 0 });
  });
});
