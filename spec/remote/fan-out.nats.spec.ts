import { connect } from '@nats-io/transport-node';
import { expect } from 'chai';
import { type Subscription } from 'rxjs';
import { ConnectionError, InvalidContractError, InvalidInputError, SymbolNotFoundError, UnknownOptionError } from '../../lib/errors.js';
import {
  connectRemote, RemoteConnectionError, RemoteProtocolError, RemoteServerConflictError, remoteSubjects, serveRemote, toMarketStateRecord, type MarketStateRecord, type RemoteServer, type RemoteSession,
} from '../../lib/remote/index.js';
import type { ConnectionState } from '../../lib/connection/connection-state.js';
import type { BarSeries } from '../../lib/history/bar-series.js';
import type { SessionHealth } from '../../lib/monitoring/health.js';
import type { MarketState, MarketStateInput } from '../../lib/state/index.js';
import { encodeInputBatch } from '../../lib/remote/input-batch.js';
import { marketDataRequest } from '../../lib/remote/stream-keys.js';
import { NATS_SERVER, requireBinary } from '../support/require-binary.js';
import { waitUntil } from '../support/wait-until.js';
import { firstOf, trackHandles } from '../session/sim-session.js';
import { startConsumer, type ConsumerProcess } from './support/consumer-process.js';
import { joinSpy } from './support/join-spy.js';
import { startNatsServer, type NatsServerProcess } from './support/nats-server.js';
import { eventually, serveSim, type ServedSim } from './support/remote-fixture.js';

/** The symbols the simulator has a live streaming request for, sorted. */
const simSymbols = (served: ServedSim): string[] => served.sim.stats().clients.flatMap((c) => c.subscriptions.map((s) => s.symbol)).sort();

/** Keeps the latest state of `symbol` from a remote session. */
function latestOf(remote: RemoteSession, symbol: string): { readonly state: () => MarketState | undefined; readonly subscription: Subscription } {
  let state: MarketState | undefined;
  const subscription = remote.marketData$(symbol).subscribe({ next: (s) => { state = s; }, error: () => undefined });
  return { state: () => state, subscription };
}

describe('fan-out over NATS (real nats-server, the simulator, consumer processes)', function () {
  // Spawned consumers start tsx: seconds each on a loaded machine.
  this.timeout(60_000);
  let binary: string;
  let nats: NatsServerProcess;
  let served: ServedSim;
  const consumers: ConsumerProcess[] = [];
  const remotes: RemoteSession[] = [];

  before(async function () {
    binary = requireBinary(this, NATS_SERVER);
    nats = await startNatsServer(binary);
  });
  after(async () => { await nats.stop(); });
  beforeEach(async () => { served = await serveSim(nats.url); });
  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((c) => c.kill()));
    await Promise.all(remotes.splice(0).map((r) => r.close()));
    await served.close();
  });

  const consumer = (symbols: readonly string[]): ConsumerProcess => {
    const c = startConsumer(nats.url, 'ibrx', symbols);
    consumers.push(c);
    return c;
  };
  const remote = async (): Promise<RemoteSession> => {
    const r = await connectRemote({ servers: nats.url, reconnectWaitMs: 100 });
    remotes.push(r);
    return r;
  };
  /** With the feed stalled: every consumer's state of each symbol equals the server's (in-flight ticks drain first). */
  const statesEqualServer = async (processes: readonly ConsumerProcess[]): Promise<Record<string, MarketStateRecord>> => {
    let server: Record<string, MarketStateRecord> = {};
    await eventually(async () => {
      const dumps = await Promise.all(processes.map((p) => p.dump()));
      const symbols = [...new Set(dumps.flatMap((d) => Object.keys(d)))];
      server = Object.fromEntries(await Promise.all(symbols.map(async (s) => [s, await served.serverRecord(s)] as const)));
      for (const dump of dumps) for (const [symbol, record] of Object.entries(dump)) expect(record, symbol).to.deep.equal(server[symbol]);
      return true;
    }, 10_000, 'the consumers\' states to equal the server\'s');
    return server;
  };

  it('three consumer processes with overlapping symbols: one reqMktData per distinct symbol, states equal to the server\'s, and the last to leave cancels', async () => {
    const all = [consumer(['AAPL', 'MSFT']), consumer(['MSFT', 'SPY']), consumer(['AAPL', 'SPY', 'TSLA'])];
    const ready = await Promise.all(all.map((c) => c.next('ready')));
    expect(ready.map((line) => line.simulated)).to.deep.equal([true, true, true]);
    expect(served.sim.stats().reqMktData).to.equal(4);
    expect(simSymbols(served)).to.deep.equal(['AAPL', 'MSFT', 'SPY', 'TSLA']);
    await waitUntil(() => served.sim.stats().ticksSent > 80, 10_000, 'some ticks');
    served.sim.stall();
    const server = await statesEqualServer(all);
    expect(server.AAPL?.rowCount, 'AAPL has history rows (the comparison is not of empty states)').to.be.greaterThan(0);
    served.sim.resume();
    expect(await Promise.all(all.map((c) => c.exit()))).to.deep.equal([0, 0, 0]);
    await waitUntil(() => served.sim.stats().cancelMktData === 4, 10_000, 'every request cancelled after the consumers left');
    expect(served.sim.stats().reqMktData).to.equal(4);
  });

  it('a late joiner gets the current state at once: with the feed stalled, it still receives the server\'s state', async () => {
    const first = consumer(['AAPL']);
    await first.next('ready');
    await waitUntil(() => served.sim.stats().ticksSent > 40, 10_000, 'some ticks');
    served.sim.stall();
    const ticksBefore = served.sim.stats().ticksSent;
    await statesEqualServer([first]);
    const late = await remote();
    const state = await firstOf(late.marketData$('AAPL'));
    if (state === undefined) throw new Error('no state');
    expect(toMarketStateRecord(state)).to.deep.equal(await served.serverRecord('AAPL'));
    expect(state.close.length).to.be.greaterThan(0);
    expect(served.sim.stats().ticksSent, 'no tick was sent meanwhile').to.equal(ticksBefore);
    expect(served.sim.stats().reqMktData, 'the joiner shares the one request').to.equal(1);
    served.sim.resume();
  });

  it('a late joiner on a busy stream joins once and its ticks continue its snapshot exactly: no gap, no duplicate, the server\'s state', async () => {
    const key = (input: MarketStateInput): string => (input.type === 'tick' ? JSON.stringify(['tick', input.field, input.value, input.time, input.reqId, input.delayed]) : input.type);
    // Every input the server folds for AAPL, from the first: input i travels with sequence number i + 1.
    const serverInputs: string[] = [];
    const serverSide = served.session.streamInputs$.subscribe({ next: ({ key: k, step }) => { if (k.includes('AAPL')) serverInputs.push(key(step.input)); }, error: () => undefined });
    const first = await remote();
    const held = latestOf(first, 'AAPL');
    await waitUntil(() => held.state()?.last !== undefined, 10_000, 'AAPL at the first consumer');
    // A spy on the documented join subject and on reply inboxes: the late joiner's joins and the sequence number of its snapshot.
    const spy = await joinSpy(nats.url);
    // Back-to-back bursts keep the server publishing while the late joiner subscribes and joins: it buffers batches its snapshot already holds.
    const stopBursts = new AbortController();
    const bursts = (async () => {
      while (!stopBursts.signal.aborted) {
        await served.sim.burst(100);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const late = await remote();
    const lateTicks: string[] = [];
    // ticks$ first: it sees every input applied after the snapshot.
    const lateSide = late.ticks$('AAPL').subscribe({ next: (tick) => { lateTicks.push(key(tick)); }, error: () => undefined });
    const lateState = latestOf(late, 'AAPL');
    await waitUntil(() => lateTicks.length > 400, 15_000, 'the late joiner to receive ticks');
    stopBursts.abort();
    await bursts;
    served.sim.stall();
    await eventually(async () => {
      expect(toMarketStateRecord(lateState.state() as MarketState)).to.deep.equal(await served.serverRecord('AAPL'));
      return true;
    }, 10_000, 'the late joiner\'s state to equal the server\'s');
    const lateJoins = spy.seqs(late.consumerId);
    expect(lateJoins, 'joins of the late consumer (a gap or a new instance would join again)').to.have.length(1);
    const snapshotSeq = lateJoins[0];
    if (snapshotSeq === undefined) throw new Error('the spy saw no join reply');
    expect(snapshotSeq, 'the join happened on a live stream').to.be.greaterThan(0);
    await eventually(() => {
      const after = serverInputs.slice(snapshotSeq).filter((input) => input.startsWith('["tick"'));
      expect(lateTicks.length, 'ticks after the snapshot').to.equal(after.length);
      expect(lateTicks, 'exactly the server\'s ticks after the snapshot, in order').to.deep.equal(after);
      return Promise.resolve(true);
    }, 5000, 'the late joiner\'s ticks to be the server\'s after its snapshot');
    served.sim.resume();
    for (const subscription of [serverSide, held.subscription, lateState.subscription, lateSide]) subscription.unsubscribe();
    await spy.close();
  });

  it('a SIGKILLed consumer: its leases expire and only the symbols no one else holds are cancelled', async () => {
    const stays = consumer(['AAPL']);
    const dies = consumer(['AAPL', 'TSLA']);
    await Promise.all([stays.next('ready'), dies.next('ready')]);
    expect(simSymbols(served)).to.deep.equal(['AAPL', 'TSLA']);
    await dies.kill();
    await waitUntil(() => served.sim.stats().cancelMktData === 1, 10_000, 'the dead consumer\'s TSLA to be cancelled');
    expect(simSymbols(served)).to.deep.equal(['AAPL']);
    const cancelled = served.sim.stats().clients.flatMap((c) => c.cancels);
    const tsla = served.sim.stats().clients.flatMap((c) => c.requests).find((r) => r.symbol === 'TSLA');
    expect(cancelled).to.deep.equal([tsla?.reqId]);
    expect(await stays.exit()).to.equal(0);
  });

  it('errors travel typed: SymbolNotFoundError from the server, bad input refused before sending, other streams unharmed', async () => {
    const r = await remote();
    const aapl = latestOf(r, 'AAPL');
    const error = await firstOf(r.marketData$('NOSUCH')).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(SymbolNotFoundError);
    expect(error).to.include({ code: 200, symbol: 'NOSUCH', name: 'SymbolNotFoundError' });
    expect((error as Error).message).to.match(/no security definition/);
    const details = await r.contractDetails('NOSUCH').catch((e: unknown) => e);
    expect(details).to.be.instanceOf(SymbolNotFoundError);
    const bad = await r.historicalBars('AAPL', { barSize: '7 min' as never, duration: '1 D' }).catch((e: unknown) => e);
    expect(bad).to.be.instanceOf(InvalidInputError);
    expect(bad).to.include({ field: 'barSize' });
    // A misspelt option: refused at the consumer (marketData$) or by the server's session (historicalBars), the same class either way.
    const typo = await firstOf(r.marketData$('AAPL', { datatype: 'delayed' } as never)).catch((e: unknown) => e);
    expect(typo).to.be.instanceOf(UnknownOptionError).and.deep.include({ field: 'datatype', call: 'marketData$', suggestion: 'dataType' });
    const serverTypo = await r.historicalBars('AAPL', { barSize: '1 min', duration: '1 D', usRTH: true } as never).catch((e: unknown) => e);
    expect(serverTypo).to.be.instanceOf(UnknownOptionError).and.deep.include({ field: 'usRTH', suggestion: 'useRTH' });
    const invalid = await firstOf(r.marketData$({ symbol: 'AAPL', secType: 'NOPE' as never })).catch((e: unknown) => e);
    expect(invalid).to.be.instanceOf(InvalidContractError);
    expect(invalid).to.include({ field: 'secType' });
    await waitUntil(() => aapl.state()?.last !== undefined, 10_000, 'AAPL to keep streaming');
    expect(served.sim.stats().reqMktData).to.equal(2);
    aapl.subscription.unsubscribe();
  });

  it('a stream message of another version or garbled: that stream errors with RemoteProtocolError, the others go on', async () => {
    const r = await remote();
    const aapl = latestOf(r, 'AAPL');
    let msftError: unknown;
    let msft: MarketState | undefined;
    const subscription = r.marketData$('MSFT').subscribe({ next: (s) => { msft = s; }, error: (e: unknown) => { msftError = e; } });
    await waitUntil(() => msft !== undefined && aapl.state() !== undefined, 10_000, 'both streams');
    const spy = await connect({ servers: nats.url.replace('nats://', '') });
    // A batch from a future ib-rx (version byte 4) on MSFT's subject.
    const future = encodeInputBatch('x', 1, [{ type: 'stale', stale: true }]);
    future[0] = 4;
    spy.publish(remoteSubjects('ibrx').marketData(marketDataRequest('MSFT', {}, 'realtime').id), future);
    await spy.flush();
    await waitUntil(() => msftError !== undefined, 10_000, 'MSFT to fail');
    expect(msftError).to.be.instanceOf(RemoteProtocolError);
    expect((msftError as Error).message).to.match(/payload version 4; this ib-rx speaks version 3/);
    const before = aapl.state()?.lastUpdate;
    await waitUntil(() => aapl.state()?.lastUpdate !== before, 10_000, 'AAPL to keep streaming');
    expect(aapl.state()?.stale).to.equal(false);
    subscription.unsubscribe();
    aapl.subscription.unsubscribe();
    await spy.close();
  });

  it('connectRemote to a server of another protocol version: RemoteConnectionError naming both versions, caused by RemoteProtocolError', async () => {
    const old = await connect({ servers: nats.url.replace('nats://', '') });
    old.subscribe('old.ctl.hello', { callback: (_error, msg) => { msg.respond(JSON.stringify({ v: 1, serverId: 'x' })); } });
    await old.flush();
    const error = await connectRemote({ servers: nats.url, prefix: 'old', connectTimeoutMs: 2000 }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RemoteConnectionError);
    expect((error as Error).message).to.match(/speaks another protocol \(.*payload version 1; this ib-rx speaks version 3\)/);
    expect((error as Error).cause, (error as Error).message).to.be.instanceOf(RemoteProtocolError);
    await old.close();
  });

  it('NATS restarted on the same port: streams go stale meanwhile, then resume with the server\'s states', async () => {
    const r = await remote();
    const aapl = latestOf(r, 'AAPL');
    const proc = consumer(['MSFT']);
    await proc.next('ready');
    await waitUntil(() => aapl.state()?.last !== undefined, 10_000, 'AAPL');
    let linkState = '';
    const states = r.connectionState$.subscribe({ next: (s) => { linkState = s.socket.status; }, error: () => undefined });
    const port = nats.port;
    await nats.stop({ kill: true });
    await waitUntil(() => aapl.state()?.stale === true, 10_000, 'AAPL to go stale');
    expect(linkState).to.equal('disconnected');
    nats = await startNatsServer(binary, port);
    await waitUntil(() => aapl.state()?.stale === false && linkState === 'connected', 15_000, 'AAPL to resume');
    served.sim.stall();
    await eventually(async () => {
      expect(toMarketStateRecord(aapl.state() as MarketState)).to.deep.equal(await served.serverRecord('AAPL'));
      return true;
    }, 10_000, 'the resumed state to equal the server\'s');
    await statesEqualServer([proc]);
    served.sim.resume();
    states.unsubscribe();
    aapl.subscription.unsubscribe();
    expect(await proc.exit()).to.equal(0);
  });

  it('server restarted (closed, another started): stale, not an error, then resumed with the new server\'s states', async () => {
    const r = await remote();
    let failed: unknown;
    let state: MarketState | undefined;
    const subscription = r.marketData$('AAPL').subscribe({ next: (s) => { state = s; }, error: (e: unknown) => { failed = e; } });
    await waitUntil(() => state?.last !== undefined, 10_000, 'AAPL');
    const oldServer = served.server.serverId;
    await served.server.close();
    await waitUntil(() => state?.stale === true, 10_000, 'AAPL to go stale');
    await served.restartServer();
    await waitUntil(() => state?.stale === false && r.serverId !== oldServer, 15_000, 'AAPL to resume on the new server');
    served.sim.stall();
    await eventually(async () => {
      expect(toMarketStateRecord(state as MarketState)).to.deep.equal(await served.serverRecord('AAPL'));
      return true;
    }, 10_000, 'the state to equal the new server\'s');
    served.sim.resume();
    expect(failed).to.equal(undefined);
    subscription.unsubscribe();
  });

  it('bars$, health$ and connectionState$ travel too: the consumer\'s bar series equals the server\'s', async () => {
    const r = await remote();
    const options = { barSize: '5 secs', duration: '300 S' } as const;
    let remoteSeries: BarSeries | undefined;
    let serverSeries: BarSeries | undefined;
    const subscriptions = [
      r.bars$('AAPL', options).subscribe({ next: (s) => { remoteSeries = s; }, error: () => undefined }),
      served.session.bars$('AAPL', options).subscribe({ next: (s) => { serverSeries = s; }, error: () => undefined }),
    ];
    await eventually(() => {
      const plain = (s: BarSeries | undefined): unknown => (s === undefined ? undefined : { ...s, bars: s.bars.toArray() });
      expect(remoteSeries?.bars.length).to.be.greaterThan(0);
      expect(plain(remoteSeries)).to.deep.equal(plain(serverSeries));
      return Promise.resolve(true);
    }, 15_000, 'the remote bar series to equal the server\'s');
    expect(served.sim.stats().reqHistoricalData, 'one historical request for both').to.equal(1);
    let health: SessionHealth | undefined;
    let state: ConnectionState | undefined;
    subscriptions.push(
      r.health$.subscribe({ next: (h) => { health = h; }, error: () => undefined }),
      r.connectionState$.subscribe({ next: (c) => { state = c; }, error: () => undefined }),
    );
    await waitUntil(() => health?.connection.status === 'connected', 10_000, "the server's health over NATS");
    expect(state?.socket.status).to.equal('connected');
    for (const subscription of subscriptions) subscription.unsubscribe();
  });

  it('refuses a second server on the same prefix (another prefix is fine)', async () => {
    const second = await serveRemote(served.session, { servers: nats.url, heartbeatMs: 100 }).catch((e: unknown) => e);
    expect(second).to.be.instanceOf(RemoteServerConflictError);
    expect(second).to.include({ prefix: 'ibrx', serverId: served.server.serverId });
    const other = await serveRemote(served.session, { servers: nats.url, prefix: 'desk2', heartbeatMs: 100 });
    await other.close();
  });

  it('two servers started at the same instant on one prefix: at most one keeps serving (the younger steps down)', async () => {
    const start = (): Promise<RemoteServer> => serveRemote(served.session, { servers: nats.url, prefix: 'race', heartbeatMs: 50, leaseMs: 300 });
    const results = await Promise.allSettled([start(), start()]);
    const running = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    for (const r of results) if (r.status === 'rejected') expect(r.reason).to.be.instanceOf(RemoteServerConflictError);
    const outcomes = running.map((server) => server.done.then((conflict) => ({ server, conflict })));
    if (running.length === 2) {
      const first = await Promise.race(outcomes);
      expect(first.conflict).to.be.instanceOf(RemoteServerConflictError);
      const survivor = running.find((server) => server !== first.server);
      expect(first.conflict).to.include({ serverId: survivor?.serverId });
    }
    expect(running.length).to.be.within(1, 2);
    await Promise.all(running.map((server) => server.close()));
  });

  it('says SIMULATED when the server serves the simulator, and names what is wrong when NATS or the server is missing', async () => {
    const r = await remote();
    expect(r.simulated).to.equal(true);
    const noServer = await connectRemote({ servers: nats.url, prefix: 'nobody', connectTimeoutMs: 500 }).catch((e: unknown) => e);
    expect(noServer).to.be.instanceOf(RemoteConnectionError);
    expect((noServer as Error).message).to.match(/no ib-rx server answered on nobody\.ctl\.hello/);
    const noNats = await connectRemote({ servers: 'nats://127.0.0.1:1', connectTimeoutMs: 500 }).catch((e: unknown) => e);
    expect(noNats).to.be.instanceOf(RemoteConnectionError);
    expect(noNats).to.not.be.instanceOf(ConnectionError);
    const badUrl = await connectRemote({ servers: 'http://x:1/y' }).catch((e: unknown) => e);
    expect(badUrl).to.be.instanceOf(InvalidInputError);
    expect(badUrl).to.include({ field: 'servers' });
    const badPrefix = await connectRemote({ servers: nats.url, prefix: 'a b' }).catch((e: unknown) => e);
    expect(badPrefix).to.include({ field: 'prefix' });
  });

  it('leaves no socket or timer behind: a consumer and a server closed after streaming', async () => {
    const tracker = trackHandles();
    const extra = await serveRemote(served.session, { servers: nats.url, prefix: 'leak', heartbeatMs: 50, leaseMs: 300 });
    const r = await connectRemote({ servers: nats.url, prefix: 'leak' });
    const state = await firstOf(r.marketData$('IBM'));
    expect(state?.symbol).to.equal('IBM');
    await r.close();
    await extra.close();
    expect(await extra.done).to.equal(undefined);
    expect(await tracker.stop()).to.deep.equal([]);
  });
});
