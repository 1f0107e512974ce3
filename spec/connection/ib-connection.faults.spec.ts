import { expect } from 'chai';
import { interval } from 'rxjs';
import { startSimulator, GARBAGE_MODES } from '../../lib/sim/index.js';
import type { GarbageMode, Simulator } from '../../lib/sim/index.js';
import type { IbConnectionOptions } from '../../lib/connection/ib-connection.js';
import { ClientIdInUseError, ConnectionError, ProtocolError } from '../../lib/errors.js';
import { IbCode } from '../../lib/ib-codes.js';
import { activeResources, FAST_RECONNECT, listenerCount, openHarness, settledResources, waitUntil } from './harness.js';
import type { Harness } from './harness.js';

const statuses = (h: Harness, status: string): number => h.states.filter((s) => s.socket.status === status).length;

describe('IbConnection (faults against the simulator)', () => {
  let sim: Simulator;
  let harnesses: Harness[] = [];
  const open = (overrides: Partial<IbConnectionOptions> = {}): Harness => {
    const h = openHarness(sim, overrides);
    harnesses.push(h);
    return h;
  };
  const ready = async (h: Harness, n: number, ms = 2000): Promise<void> => {
    await waitUntil(() => h.readies.length >= n, ms, `ready #${n}`);
  };
  beforeEach(async () => { sim = await startSimulator({ port: 0, rateHz: 20 }); });
  afterEach(async () => {
    await Promise.all(harnesses.map((h) => h.close()));
    harnesses = [];
    await sim.close();
  });

  it('reconnects after each of 20 forced drops in a row, with a new generation each time', async () => {
    const h = open();
    await ready(h, 1);
    for (let i = 1; i <= 20; i++) {
      sim.drop();
      await ready(h, i + 1);
    }
    expect(h.readies).to.have.length(21);
    expect(h.readies.slice(1).every((r) => r.reason === 'reconnected')).to.equal(true);
    const generations = h.readies.map((r) => r.generation);
    generations.slice(1).forEach((g, i) => expect(g).to.be.greaterThan(generations[i]!));
    expect(sim.stats().connections).to.equal(21);
    expect(h.errors.filter((e) => e instanceof ConnectionError)).to.have.length(20);
  });

  it('retries refused connects within the backoff bounds, exactly one attempt per refusal (502 + disconnected)', async () => {
    const h = open();
    await ready(h, 1);
    const refusing = sim.refuse(300);
    sim.drop();
    const t0 = performance.now();
    await refusing;
    await ready(h, 2);
    const took = performance.now() - t0;
    expect(took).to.be.at.least(290);
    expect(took).to.be.below(300 + FAST_RECONNECT.max_delay_ms + 300);
    const refused = h.errors.filter((e) => e instanceof ConnectionError && e.code === IbCode.CONNECT_FAIL).length;
    expect(refused).to.be.at.least(2);
    // one socket end → one disconnected → one new attempt (no duplicates from 502 + disconnected)
    expect(statuses(h, 'connecting')).to.equal(statuses(h, 'disconnected') + 1);
    expect(statuses(h, 'reconnecting')).to.equal(statuses(h, 'disconnected'));
    expect(h.apis).to.have.length(statuses(h, 'connecting'));
  });

  it('detects a stalled socket with the heartbeat and reconnects', async () => {
    const h = open();
    await ready(h, 1);
    sim.stall(500);
    await ready(h, 2, 3000);
    expect(h.errors.some((e) => e instanceof ConnectionError && /stalled/.test(e.reason))).to.equal(true);
    expect(h.readies[1]!.reason).to.equal('reconnected');
  });

  for (const mode of GARBAGE_MODES.filter((m): m is Exclude<GarbageMode, 'unknown-message-id'> => m !== 'unknown-message-id')) {
    it(`survives '${mode}': ProtocolError, reconnect within 1 s, event loop never blocked`, async () => {
      const h = open();
      await ready(h, 1);
      let ticks = 0;
      const timer = interval(10).subscribe({ next: () => { ticks++; }, error: (e: unknown) => { throw e; } });
      const t0 = performance.now();
      sim.garbage(mode);
      await ready(h, 2, 1000);
      const took = performance.now() - t0;
      const slept = performance.now();
      await waitUntil(() => performance.now() - slept >= 100, 500, '100 ms more');
      timer.unsubscribe();
      const elapsed = performance.now() - t0;
      expect(h.errors.some((e) => e instanceof ProtocolError)).to.equal(true);
      expect(took).to.be.below(1000);
      expect(ticks).to.be.at.least(Math.floor(elapsed / 10 / 3));
      expect(h.apis.slice(0, -1).map(listenerCount)).to.deep.equal(h.apis.slice(0, -1).map(() => 0));
    });
  }

  it("reports an unknown message id as a notice and goes on without reconnecting", async () => {
    const h = open();
    await ready(h, 1);
    const before = h.events.filter((e) => e.type === 'currentTime').length;
    sim.garbage('unknown-message-id');
    await waitUntil(() => h.events.filter((e) => e.type === 'currentTime').length >= before + 3, 2000, 'more heartbeat answers');
    const notice = h.events.find((e) => e.type === 'notice' && e.code === IbCode.UNKNOWN_ID);
    expect(notice).to.not.equal(undefined);
    expect(h.readies).to.have.length(1);
    expect(h.errors).to.deep.equal([]);
    expect(h.events.some((e) => e.type === 'error' && e.code === IbCode.UNKNOWN_ID)).to.equal(false);
  });

  it("recovers from 326 with the next client id ('next-id')", async () => {
    const first = open({ clientId: 7 });
    await ready(first, 1);
    const second = open({ clientId: 7 });
    await ready(second, 1);
    expect(second.errors.some((e) => e instanceof ClientIdInUseError && e.clientId === 7)).to.equal(true);
    expect(second.readies[0]!.clientId).to.equal(8);
  });

  it("recovers from 326 by backing off with the same id ('backoff')", async () => {
    const first = open({ clientId: 9 });
    await ready(first, 1);
    const second = open({ clientId: 9, clientIdInUse: 'backoff' });
    await waitUntil(() => second.errors.some((e) => e instanceof ClientIdInUseError), 2000, '326');
    await first.close();
    await ready(second, 1);
    expect(second.readies[0]!.clientId).to.equal(9);
  });

  it('emits link-restored after 1101 on the same socket, and nothing after 1102', async () => {
    const h = open();
    await ready(h, 1);
    await sim.connectivityLoss({ restore: IbCode.CONNECTIVITY_RESTORED_DATA_MAINTAINED, gapMs: 30 });
    await waitUntil(() => h.conn.state.link === 'restored-data-kept', 1000, '1102');
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
    await waitUntil(() => h.conn.state.farms['usfarm']?.status === 'ok', 1000, 'farm OK');
    expect(h.states.some((s) => s.farms['usfarm']?.status === 'broken')).to.equal(true);
  });

  it('gives up after max_attempts and says so on errors$', async () => {
    const h = open({ reconnect: { ...FAST_RECONNECT, max_attempts: 2 } });
    await ready(h, 1);
    void sim.refuse(2000);
    sim.drop();
    await waitUntil(() => h.errors.some((e) => e instanceof ConnectionError && /gave up after 2/.test(e.reason)), 2000, 'give up');
    expect(h.conn.state.socket).to.deep.include({ status: 'disconnected', retrying: false });
    expect(h.apis).to.have.length(3);
  });
});

describe('IbConnection (cleanup)', () => {
  it('after 100 reconnects and close(), handles and IBApi listeners are back to baseline', async function () {
    this.timeout(30_000);
    await Promise.resolve();
    const baseline = activeResources();
    const sim = await startSimulator({ port: 0, rateHz: 0 });
    const h = openHarness(sim, { reconnect: { ...FAST_RECONNECT, initial_delay_ms: 2, max_delay_ms: 5 }, readyTimeoutMs: 20 });
    try {
      await waitUntil(() => h.readies.length === 1, 2000, 'ready');
      for (let i = 1; i <= 100; i++) {
        sim.drop();
        await waitUntil(() => h.readies.length === i + 1, 2000, `reconnect ${i}`);
      }
    } finally {
      await h.close();
      await sim.close();
    }
    expect(h.apis.length).to.be.at.least(101);
    expect(h.apis.filter((api) => listenerCount(api) !== 0)).to.have.length(0);
    expect(h.apis.filter((api) => api.isConnected)).to.have.length(0);
    expect(await settledResources(baseline, 2000)).to.deep.equal(baseline);
  });

  it('close() stops a pending retry at once and leaves no handle', async () => {
    await Promise.resolve();
    const baseline = activeResources();
    const sim = await startSimulator({ port: 0, rateHz: 0 });
    const h = openHarness(sim, { reconnect: { ...FAST_RECONNECT, initial_delay_ms: 60_000, max_delay_ms: 60_000 }, random: () => 0.99 });
    try {
      await waitUntil(() => h.readies.length === 1, 2000, 'ready');
      void sim.refuse(60_000);
      sim.drop();
      await waitUntil(() => h.conn.state.socket.status === 'reconnecting', 2000, 'reconnecting');
      const t0 = performance.now();
      await h.close();
      expect(performance.now() - t0).to.be.below(100);
      expect(h.conn.state.socket.status).to.equal('closed');
    } finally {
      await h.close();
      await sim.close();
    }
    expect(await settledResources(baseline, 2000)).to.deep.equal(baseline);
  });
});
