import { MarketDataType } from '@stoqey/ib';
import { expect } from 'chai';
import { interval } from 'rxjs';
import { startSimulator, GARBAGE_MODES } from '../../lib/sim/index.js';
import type { GarbageMode, Simulator } from '../../lib/sim/index.js';
import type { IbConnectionOptions } from '../../lib/connection/ib-connection.js';
import { ClientIdInUseError, ConnectionError, ProtocolError } from '../../lib/errors.js';
import { IbCode } from '../../lib/ib-codes.js';
import { activeResources, FAST_RECONNECT, listenerCount, openHarness, settledResources, waitUntil } from './harness.js';
import type { Harness } from './harness.js';

// Integration checks over real sockets against the simulator: the real @stoqey/ib client, real
// timers. Timing is specified in ./ib-connection.spec.ts on virtual time; here only what was sent
// and received, in which order and how often, and what is left behind. Waits are generous bounds
// for a loaded machine (they only fail a spec that would otherwise hang).
const WAIT_MS = 5000;

const statuses = (h: Harness, status: string): number => h.states.filter((s) => s.socket.status === status).length;

describe('IbConnection (against the simulator)', () => {
  let sim: Simulator;
  let harnesses: Harness[] = [];
  const open = (overrides: Partial<IbConnectionOptions> = {}): Harness => {
    const h = openHarness(sim, overrides);
    harnesses.push(h);
    return h;
  };
  const ready = async (h: Harness, n: number): Promise<void> => {
    await waitUntil(() => h.readies.length >= n, WAIT_MS, `ready #${n}`);
  };
  beforeEach(async () => { sim = await startSimulator({ port: 0, rateHz: 20 }); });
  afterEach(async () => {
    await Promise.all(harnesses.map((h) => h.close()));
    harnesses = [];
    await sim.close();
  });

  it('becomes ready after nextValidId and farm OK, with state connected/ready, link up and farms', async () => {
    const h = open();
    await ready(h, 1);
    expect(h.readies[0]).to.include({ generation: 1, reason: 'connected', serverVersion: 193, clientId: 1 });
    const state = h.conn.state;
    expect(state.socket).to.include({ status: 'connected', ready: true, generation: 1 });
    expect(state.link).to.equal('up');
    expect(state.farms['usfarm']?.status).to.equal('ok');
    expect(h.events.map((e) => e.type)).to.include.members(['connected', 'server', 'nextValidId', 'notice']);
  });

  it('sends paced messages on the given socket and answers the heartbeat', async () => {
    const h = open();
    await ready(h, 1);
    const generation = h.readies[0]!.generation;
    h.conn.send((api) => { api.reqMarketDataType(MarketDataType.DELAYED); }, generation);
    await waitUntil(() => h.events.some((e) => e.type === 'currentTime'), WAIT_MS, 'a heartbeat answer');
    await waitUntil(() => sim.stats().reqMarketDataType === 1, WAIT_MS, 'reqMarketDataType at the simulator');
    expect(sim.stats().clients[0]!.reqCurrentTime).to.be.at.least(1);
  });

  it('keeps at most maxMessagesPerSecond messages in any sliding second on real timers', async () => {
    const h = open({ maxMessagesPerSecond: 10, reconnect: { ...FAST_RECONNECT, heartbeat_ms: 300, stall_timeout_ms: 3000 } });
    await ready(h, 1);
    const sent: number[] = [];
    // The time the pacer let a message go: messages released together (one synchronous batch) share
    // the batch's start — a later one of the batch would otherwise be stamped after its earlier
    // siblings' socket writes (17 ms late under load), and the gap to it would look too short.
    let batchStart: number | undefined;
    const released = (): number => {
      if (batchStart === undefined) {
        batchStart = performance.now();
        queueMicrotask(() => { batchStart = undefined; });
      }
      return batchStart;
    };
    for (let i = 0; i < 25; i++) h.conn.send((api) => { sent.push(released()); api.reqCurrentTime(); });
    await waitUntil(() => sent.length === 25, 4 * WAIT_MS, '25 paced messages');
    // a lower bound on one clock: load can only make the gaps longer
    for (let i = 10; i < sent.length; i++) expect(sent[i]! - sent[i - 10]!).to.be.at.least(990);
  });

  it('reconnects after each of 10 forced drops in a row, with a new generation each time', async () => {
    const h = open();
    await ready(h, 1);
    for (let i = 1; i <= 10; i++) {
      sim.drop();
      await ready(h, i + 1);
    }
    expect(h.readies.slice(1).map((r) => r.reason)).to.deep.equal(Array<string>(10).fill('reconnected'));
    const generations = h.readies.map((r) => r.generation);
    generations.slice(1).forEach((g, i) => expect(g).to.be.greaterThan(generations[i]!));
    expect(sim.stats().connections).to.equal(11);
    expect(h.errors.filter((e) => e instanceof ConnectionError)).to.have.length(10);
  });

  it('retries refused connects with exactly one attempt per refusal (502 + disconnected)', async () => {
    const h = open();
    await ready(h, 1);
    const refusing = sim.refuse(300);
    sim.drop();
    await refusing;
    await ready(h, 2);
    const refused = h.errors.filter((e) => e instanceof ConnectionError && e.code === IbCode.CONNECT_FAIL).length;
    expect(refused).to.be.at.least(1);
    // one socket end → one disconnected → one new attempt (no duplicates from 502 + disconnected)
    expect(statuses(h, 'connecting')).to.equal(statuses(h, 'disconnected') + 1);
    expect(statuses(h, 'reconnecting')).to.equal(statuses(h, 'disconnected'));
    expect(h.apis).to.have.length(statuses(h, 'connecting'));
  });

  it('detects a stalled socket with the heartbeat and reconnects', async () => {
    const h = open();
    await ready(h, 1);
    // Silent three times the harness's 400 ms stall timeout: under load the timeout fires late, and
    // a stall that ended before it fired (500 ms was tried) leaves nothing to detect.
    sim.stall(1200);
    await ready(h, 2);
    expect(h.errors.some((e) => e instanceof ConnectionError && /stalled/.test(e.reason))).to.equal(true);
    expect(h.readies[1]!.reason).to.equal('reconnected');
  });

  for (const mode of GARBAGE_MODES.filter((m): m is Exclude<GarbageMode, 'unknown-message-id'> => m !== 'unknown-message-id')) {
    it(`survives '${mode}': ProtocolError, reconnect, the event loop keeps turning`, async () => {
      const h = open();
      await ready(h, 1);
      // the largest gap between two 10 ms ticks, on one clock: a decoder looping on a bad length
      // would block the loop for good; a loaded machine delays ticks by far less than the bound
      let last = performance.now();
      let widest = 0;
      let count = 0;
      const ticks = interval(10).subscribe({
        next: () => { const now = performance.now(); widest = Math.max(widest, now - last); last = now; count++; },
        error: (e: unknown) => { throw e; },
      });
      sim.garbage(mode);
      await ready(h, 2);
      const atReady = count;
      await waitUntil(() => count > atReady, WAIT_MS, 'a tick after the reconnect');
      ticks.unsubscribe();
      expect(h.errors.some((e) => e instanceof ProtocolError)).to.equal(true);
      expect(widest).to.be.below(2000);
      expect(h.apis.slice(0, -1).map(listenerCount)).to.deep.equal(h.apis.slice(0, -1).map(() => 0));
    });
  }

  it('reports an unknown message id as a notice and goes on without reconnecting', async () => {
    const h = open();
    await ready(h, 1);
    const before = h.events.filter((e) => e.type === 'currentTime').length;
    sim.garbage('unknown-message-id');
    await waitUntil(() => h.events.filter((e) => e.type === 'currentTime').length >= before + 3, WAIT_MS, 'more heartbeat answers');
    const notice = h.events.find((e) => e.type === 'notice' && e.code === IbCode.UNKNOWN_ID);
    expect(notice).to.not.equal(undefined);
    expect(h.readies).to.have.length(1);
    expect(h.errors).to.deep.equal([]);
    expect(h.events.some((e) => e.type === 'error' && e.code === IbCode.UNKNOWN_ID)).to.equal(false);
  });

  it("recovers from the simulator's 326 with the next client id ('next-id')", async () => {
    const first = open({ clientId: 7 });
    await ready(first, 1);
    const second = open({ clientId: 7 });
    await ready(second, 1);
    expect(second.errors.some((e) => e instanceof ClientIdInUseError && e.clientId === 7)).to.equal(true);
    expect(second.readies[0]!.clientId).to.equal(8);
  });

  it('emits link-restored after 1101 on the same socket, and nothing after 1102', async () => {
    const h = open();
    await ready(h, 1);
    await sim.connectivityLoss({ restore: IbCode.CONNECTIVITY_RESTORED_DATA_MAINTAINED, gapMs: 30 });
    await waitUntil(() => h.conn.state.link === 'restored-data-kept', WAIT_MS, '1102');
    expect(h.states.some((s) => s.link === 'lost')).to.equal(true);
    expect(h.readies).to.have.length(1);
    await sim.connectivityLoss({ restore: IbCode.CONNECTIVITY_RESTORED_DATA_LOST, gapMs: 30 });
    await ready(h, 2);
    expect(h.readies[1]).to.include({ reason: 'link-restored', generation: h.readies[0]!.generation });
  });

  it('tracks a farm blip in the state', async () => {
    const h = open();
    await ready(h, 1);
    await sim.farmBlip(30);
    await waitUntil(() => h.conn.state.farms['usfarm']?.status === 'ok', WAIT_MS, 'farm OK');
    expect(h.states.some((s) => s.farms['usfarm']?.status === 'broken')).to.equal(true);
  });

  it('close() completes every stream and leaves no IBApi listener', async () => {
    const h = open();
    await ready(h, 1);
    let completed = 0;
    const done = { complete: () => { completed++; }, error: () => undefined };
    h.conn.events$.subscribe(done);
    h.conn.state$.subscribe(done);
    h.conn.ready$.subscribe(done);
    h.conn.errors$.subscribe(done);
    h.conn.outbound$.subscribe(done);
    await h.close();
    expect(completed).to.equal(5);
    expect(h.apis.map(listenerCount)).to.deep.equal([0]);
    expect(h.apis[0]!.isConnected).to.equal(false);
    await waitUntil(() => sim.stats().openConnections === 0, WAIT_MS, 'the simulator to see the socket close');
  });
});

describe('IbConnection (cleanup against the simulator)', () => {
  it('after 100 reconnects and close(), handles and IBApi listeners are back to baseline', async function () {
    this.timeout(60_000);
    await Promise.resolve();
    const baseline = activeResources();
    const sim = await startSimulator({ port: 0, rateHz: 0 });
    const h = openHarness(sim, { reconnect: { ...FAST_RECONNECT, initial_delay_ms: 2, max_delay_ms: 5 }, readyTimeoutMs: 20 });
    try {
      await waitUntil(() => h.readies.length === 1, WAIT_MS, 'ready');
      for (let i = 1; i <= 100; i++) {
        sim.drop();
        await waitUntil(() => h.readies.length === i + 1, WAIT_MS, `reconnect ${i}`);
      }
    } finally {
      await h.close();
      await sim.close();
    }
    expect(h.apis.length).to.be.at.least(101);
    expect(h.apis.filter((api) => listenerCount(api) !== 0)).to.have.length(0);
    expect(h.apis.filter((api) => api.isConnected)).to.have.length(0);
    expect(await settledResources(baseline, WAIT_MS)).to.deep.equal(baseline);
  });

  it('close() cancels a pending 60 s retry: no further attempt, no handle left', async () => {
    await Promise.resolve();
    const baseline = activeResources();
    const sim = await startSimulator({ port: 0, rateHz: 0 });
    const h = openHarness(sim, { reconnect: { ...FAST_RECONNECT, initial_delay_ms: 60_000, max_delay_ms: 60_000 }, random: () => 0.99 });
    try {
      await waitUntil(() => h.readies.length === 1, WAIT_MS, 'ready');
      void sim.refuse(60_000);
      sim.drop();
      await waitUntil(() => h.conn.state.socket.status === 'reconnecting', WAIT_MS, 'reconnecting');
      await h.close();
      expect(h.conn.state.socket.status).to.equal('closed');
      expect(h.apis).to.have.length(1);
    } finally {
      await h.close();
      await sim.close();
    }
    // the 60 s retry timer would show up here (the spec's own timeout is 20 s)
    expect(await settledResources(baseline, WAIT_MS)).to.deep.equal(baseline);
  });
});
