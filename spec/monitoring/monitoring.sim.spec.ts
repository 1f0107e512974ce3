// Monitoring end to end: IbSession against the built-in simulator over real sockets; health$ and the
// Prometheus metrics are checked against what the simulator did (sim.stats(), faults).
import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { Registry } from 'prom-client';
import { asyncScheduler, type Subscription } from 'rxjs';
import { collectMetrics, type MetricsCollector } from '../../lib/monitoring/collect-metrics.js';
import type { SessionHealth, StreamHealth } from '../../lib/monitoring/health.js';
import { METRIC_NAMES } from '../../lib/monitoring/metric-names.js';
import { attachMetricsToWatch } from '../../lib/cli/watch/watch-monitoring.js';
import type { IbSession } from '../../lib/session/ib-session.js';
import { startSimulator, type Simulator } from '../../lib/sim/index.js';
import { httpGet } from './support/http-get.js';
import { parsePromText, samplesOf, type PromText } from './support/prom-text.js';
import { eventually, resourceCounts, simSession } from './support/sim-health.js';

const streamOf = (health: SessionHealth | undefined, symbol: string): StreamHealth | undefined => health?.streams.find((s) => s.symbol === symbol);

const metric = async (registry: Registry, name: string, labels: Record<string, string> = {}): Promise<number | undefined> =>
  samplesOf(parsePromText(await registry.metrics()), name).find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

describe('session health and metrics (against the simulator)', function () {
  this.timeout(15_000);
  let sim: Simulator;
  let session: IbSession;
  let latest: SessionHealth | undefined;
  /** Every snapshot health$ emitted, oldest first. */
  let history: SessionHealth[] = [];
  let collector: MetricsCollector<Registry>;
  let healthError: unknown;
  const subs: Subscription[] = [];

  const open = async (options: Parameters<typeof startSimulator>[0] = {}, config: Parameters<typeof simSession>[1] = {}): Promise<void> => {
    sim = await startSimulator({ port: 0, rateHz: 20, ...options });
    session = simSession(sim, config);
    subs.push(session.health$.subscribe({ next: (h) => { latest = h; history.push(h); }, error: (error: unknown) => { healthError = error; } }));
    collector = collectMetrics({ health$: session.health$ }, new Registry());
  };

  afterEach(async () => {
    subs.splice(0).forEach((s) => { s.unsubscribe(); });
    collector.stop();
    await session.close();
    await sim.close();
    latest = undefined;
    history = [];
    expect(healthError).to.equal(undefined, 'health$ never errors');
  });

  it('shows a forced drop as one reconnect in health$ and raises ib_rx_reconnects_total by one', async () => {
    await open();
    subs.push(session.marketData$('AAPL').subscribe());
    await eventually(() => streamOf(latest, 'AAPL')?.ticks ?? 0, (n) => n > 5, 3000, 'AAPL ticks');
    expect(latest?.connection).to.include({ status: 'connected', ready: true, reconnects: 0 });
    expect(await metric(collector.registry, 'ib_rx_reconnects_total')).to.equal(0);
    sim.drop();
    const after = await eventually(() => latest, (h) => h?.connection.reconnects === 1 && h.connection.ready && (streamOf(h, 'AAPL')?.ticksPerSecond ?? 0) > 0, 5000, 'the reconnect');
    expect(after?.connection.lastDisconnectReason).to.be.a('string').and.not.equal('');
    expect(sim.stats().connections).to.equal(2);
    expect(streamOf(after, 'AAPL')?.resubscriptions).to.equal(1);
    expect(await metric(collector.registry, 'ib_rx_reconnects_total')).to.equal(1);
    expect(await metric(collector.registry, 'ib_rx_resubscriptions_total', { symbol: 'AAPL' })).to.equal(1);
    await sleep(300);
    expect(await metric(collector.registry, 'ib_rx_reconnects_total')).to.equal(1, 'one drop, one reconnect');
  });

  it('turns a stalled symbol stale within stale_after_s and fresh again when ticks resume', async () => {
    const staleAfterMs = 600;
    await open({}, { market_data: { stale_after_s: staleAfterMs / 1000 } });
    subs.push(session.marketData$('AAPL').subscribe());
    await eventually(() => streamOf(latest, 'AAPL')?.ticks ?? 0, (n) => n > 5, 3000, 'AAPL ticks');
    expect(streamOf(latest, 'AAPL')?.stale).to.equal(false);
    sim.stall();
    await eventually(() => streamOf(latest, 'AAPL')?.stale, (stale) => stale === true, 3000, 'AAPL stale');
    // Judged on the session's own clock, snapshot by snapshot (a busy machine delays snapshots, it
    // does not change what each one says): the last one before the first stale snapshot saw its last
    // tick less than stale_after_s ago, and the first stale one at least that long ago.
    const aapl = history.map((h) => streamOf(h, 'AAPL'));
    const firstStale = aapl.findIndex((s) => s?.stale === true);
    expect(aapl[firstStale - 1]).to.include({ stale: false }).and.have.property('lastTickAgeMs').below(staleAfterMs);
    expect(aapl[firstStale]?.lastTickAgeMs).to.be.at.least(staleAfterMs);
    expect(await metric(collector.registry, 'ib_rx_stale', { symbol: 'AAPL' })).to.equal(1);
    expect(await metric(collector.registry, 'ib_rx_last_tick_age_seconds', { symbol: 'AAPL' })).to.be.at.least(staleAfterMs / 1000);
    sim.resume();
    await eventually(() => streamOf(latest, 'AAPL')?.stale, (stale) => stale === false, 3000, 'AAPL fresh again');
    expect(streamOf(latest, 'AAPL')?.lastTickAgeMs).to.be.below(staleAfterMs);
    expect(latest?.connection.reconnects).to.equal(0, 'a stall shorter than stall_timeout_ms is no reconnect');
    expect(await metric(collector.registry, 'ib_rx_stale', { symbol: 'AAPL' })).to.equal(0);
  });

  it('measures ticks per second within 10% of what the simulator sent', async () => {
    await open({ rateHz: 20 });
    // At each AAPL snapshot, on the clock health$ runs on: its rate, and the simulator's count of ticks sent.
    const samples: { readonly at: number; readonly sent: number; readonly rate: number }[] = [];
    subs.push(session.health$.subscribe({
      next: (h) => {
        const aapl = streamOf(h, 'AAPL');
        if (aapl !== undefined) samples.push({ at: asyncScheduler.now(), sent: sim.stats().ticksSent, rate: aapl.ticksPerSecond });
      },
      error: (error: unknown) => { healthError = error; },
    }));
    subs.push(session.marketData$('AAPL').subscribe());
    await eventually(() => samples.length, (n) => n >= 25, 6000, '25 snapshots with AAPL');
    // The simulator's rate over the window each snapshot's rate covers (from the newest snapshot at
    // least a rate window, 1 s, older): the same ticks, the same clock, however late a busy machine
    // runs the snapshots; only ticks in flight at either end differ.
    const windows = samples.flatMap((s) => {
      const base = samples.filter((b) => b.at <= s.at - 1000).at(-1);
      return base === undefined || s.at === base.at ? [] : [{ health: s.rate, sim: ((s.sent - base.sent) * 1000) / (s.at - base.at) }];
    });
    expect(windows.length).to.be.at.least(10);
    const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
    const simRate = mean(windows.map((w) => w.sim));
    const healthRate = mean(windows.map((w) => w.health));
    expect(simRate).to.be.above(20);
    expect(Math.abs(healthRate - simRate) / simRate).to.be.below(0.1, `health ${healthRate.toFixed(1)}/s vs simulator ${simRate.toFixed(1)}/s`);
    const counted = Object.values(streamOf(latest, 'AAPL')?.ticksByField ?? {}).reduce((a, b) => a + b, 0);
    expect(counted).to.equal(streamOf(latest, 'AAPL')?.ticks);
  });

  it('follows subscribe and unsubscribe in lines in use, and drops the label sets of ended streams', async () => {
    await open();
    const aapl = session.marketData$('AAPL').subscribe();
    const msft = session.marketData$('MSFT').subscribe();
    subs.push(aapl, msft);
    await eventually(() => latest, (h) => h?.connection.linesInUse === 2 && h.streams.every((s) => s.ticks > 0), 3000, 'two ticking lines');
    expect(await metric(collector.registry, 'ib_rx_market_data_lines')).to.equal(2);
    const symbolsInMetrics = async (): Promise<string[]> =>
      [...new Set(parsePromText(await collector.registry.metrics()).samples.flatMap((s) => (s.labels.symbol === undefined ? [] : [s.labels.symbol])))].sort();
    expect(await symbolsInMetrics()).to.deep.equal(['AAPL', 'MSFT']);
    aapl.unsubscribe();
    await eventually(() => latest?.connection.linesInUse, (n) => n === 1, 2000, 'one line');
    expect(latest?.streams.map((s) => s.symbol)).to.deep.equal(['MSFT']);
    await eventually(() => sim.stats().cancelMktData, (n) => n === 1, 2000, 'the cancel at the simulator');
    expect(await metric(collector.registry, 'ib_rx_market_data_lines')).to.equal(1);
    expect(await symbolsInMetrics()).to.deep.equal(['MSFT']);
    msft.unsubscribe();
    await eventually(() => latest?.connection.linesInUse, (n) => n === 0, 2000, 'no line');
    expect(await symbolsInMetrics()).to.deep.equal([]);
  });

  it('serves /metrics for watch in the Prometheus text format with every ib-rx metric', async () => {
    await open();
    subs.push(session.marketData$('AAPL').subscribe());
    await eventually(() => streamOf(latest, 'AAPL')?.ticks ?? 0, (n) => n > 5, 3000, 'AAPL ticks');
    const served = await attachMetricsToWatch({ health$: session.health$ }, { port: 0 });
    try {
      const aaplTicks = (text: PromText): number => samplesOf(text, 'ib_rx_ticks_total').filter((s) => s.labels.symbol === 'AAPL').length;
      const response = await eventually(() => httpGet(served.url), (r) => r.status === 200 && aaplTicks(parsePromText(r.body)) >= 4, 3000, 'AAPL in /metrics');
      const text = parsePromText(response.body);
      expect([...text.types.keys()]).to.have.members(Object.values(METRIC_NAMES));
      for (const name of ['ib_rx_reconnects_total', 'ib_rx_connection_state', 'ib_rx_pacing_queue_depth', 'ib_rx_market_data_lines']) {
        expect(samplesOf(text, name), name).to.have.length(1);
      }
      expect(samplesOf(text, 'ib_rx_connection_state')[0]?.value).to.equal(4);
      expect(samplesOf(text, 'ib_rx_stale')).to.deep.equal([{ name: 'ib_rx_stale', labels: { symbol: 'AAPL' }, value: 0 }]);
    } finally {
      await served.close();
    }
  });

  it('reports messages out per second and the pacing queue depth while a burst of requests waits for the budget', async () => {
    await open({ symbols: Array.from({ length: 20 }, (_, i) => `P${String(i).padStart(2, '0')}`) }, { limits: { max_messages_per_s: 10 } });
    const depths: number[] = [];
    subs.push(session.health$.subscribe({ next: (h) => { depths.push(h.connection.pacingQueueDepth ?? -1); }, error: (error: unknown) => { healthError = error; } }));
    for (let i = 0; i < 20; i++) subs.push(session.marketData$(`P${String(i).padStart(2, '0')}`).subscribe());
    await eventually(() => latest, (h) => (h?.connection.pacingQueueDepth ?? 0) > 5, 3000, 'a queue behind the pacing budget');
    expect(await metric(collector.registry, 'ib_rx_pacing_queue_depth')).to.be.greaterThan(0);
    await eventually(() => latest, (h) => (h?.connection.messagesOutPerSecond ?? 0) > 0 && (h?.connection.pacingQueueDepth ?? 0) > 0, 3000, 'messages going out while others wait');
    await eventually(() => latest, (h) => h?.connection.pacingQueueDepth === 0, 6000, 'the queue drained');
    // Sent is not yet received: the last requests may still be on their way to the simulator.
    await eventually(() => sim.stats().reqMktData, (n) => n === 20, 3000, 'every request at the simulator');
    expect(Math.max(...depths)).to.be.greaterThan(5);
  });

  it('completes health$ on close() and leaves no timer, socket or listener behind', async () => {
    await Promise.resolve(); // mocha starts its own test timer right after the test function returns its promise
    const before = resourceCounts();
    await open();
    let completed = false;
    subs.push(session.health$.subscribe({ complete: () => { completed = true; }, error: (error: unknown) => { healthError = error; } }));
    subs.push(session.marketData$('AAPL').subscribe());
    await eventually(() => streamOf(latest, 'AAPL')?.ticks ?? 0, (n) => n > 5, 3000, 'AAPL ticks');
    const served = await attachMetricsToWatch({ health$: session.health$ }, { port: 0 });
    await served.close();
    collector.stop();
    await session.close();
    expect(completed).to.equal(true, 'health$ completes when the session closes');
    expect(subs.every((s) => s.closed)).to.equal(true, 'every subscription ended with the session');
    expect(latest?.connection.status).to.equal('closed');
    await sim.close();
    const after = await eventually(resourceCounts, (counts) => JSON.stringify(counts) === JSON.stringify(before), 3000, 'resources back to the start');
    expect(after).to.deep.equal(before);
  });
});
