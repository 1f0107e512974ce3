// Monitoring end to end: IbSession against the built-in simulator over real sockets; health$ and the
// Prometheus metrics are checked against what the simulator did (sim.stats(), faults).
import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { Registry } from 'prom-client';
import type { Subscription } from 'rxjs';
import { collectMetrics, type MetricsCollector } from '../../lib/monitoring/collect-metrics.js';
import type { SessionHealth, StreamHealth } from '../../lib/monitoring/health.js';
import { METRIC_NAMES } from '../../lib/monitoring/metric-names.js';
import { attachMetricsToWatch } from '../../lib/monitoring/watch-monitoring.js';
import type { IbSession } from '../../lib/session/ib-session.js';
import { startSimulator, type Simulator } from '../../lib/sim/index.js';
import { httpGet } from './support/http-get.js';
import { parsePromText, samplesOf } from './support/prom-text.js';
import { eventually, resourceCounts, simSession } from './support/sim-health.js';

const streamOf = (health: SessionHealth | undefined, symbol: string): StreamHealth | undefined => health?.streams.find((s) => s.symbol === symbol);

const metric = async (registry: Registry, name: string, labels: Record<string, string> = {}): Promise<number | undefined> =>
  samplesOf(parsePromText(await registry.metrics()), name).find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

describe('session health and metrics (against the simulator)', function () {
  this.timeout(15_000);
  let sim: Simulator;
  let session: IbSession;
  let latest: SessionHealth | undefined;
  let collector: MetricsCollector;
  let healthError: unknown;
  const subs: Subscription[] = [];

  const open = async (options: Parameters<typeof startSimulator>[0] = {}, config: Parameters<typeof simSession>[1] = {}): Promise<void> => {
    sim = await startSimulator({ port: 0, rateHz: 20, ...options });
    session = simSession(sim, config);
    subs.push(session.health$.subscribe({ next: (h) => { latest = h; }, error: (error: unknown) => { healthError = error; } }));
    collector = collectMetrics({ health$: session.health$ }, new Registry());
  };

  afterEach(async () => {
    subs.splice(0).forEach((s) => { s.unsubscribe(); });
    collector.stop();
    await session.close();
    await sim.close();
    latest = undefined;
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
    const stalledAt = performance.now();
    sim.stall();
    await eventually(() => streamOf(latest, 'AAPL')?.stale, (stale) => stale === true, 3000, 'AAPL stale');
    const staleAfter = performance.now() - stalledAt;
    expect(staleAfter).to.be.within(staleAfterMs - 100, staleAfterMs + 100 + 150, `stale after ${staleAfter.toFixed(0)} ms (stale_after ${staleAfterMs} ms, interval 100 ms)`);
    expect(await metric(collector.registry, 'ib_rx_stale', { symbol: 'AAPL' })).to.equal(1);
    expect(await metric(collector.registry, 'ib_rx_last_tick_age_seconds', { symbol: 'AAPL' })).to.be.at.least(staleAfterMs / 1000);
    const resumedAt = performance.now();
    sim.resume();
    await eventually(() => streamOf(latest, 'AAPL')?.stale, (stale) => stale === false, 2000, 'AAPL fresh again');
    expect(performance.now() - resumedAt).to.be.below(500);
    expect(latest?.connection.reconnects).to.equal(0, 'a stall shorter than stall_timeout_ms is no reconnect');
    expect(await metric(collector.registry, 'ib_rx_stale', { symbol: 'AAPL' })).to.equal(0);
  });

  it('measures ticks per second within 10% of what the simulator sent', async () => {
    await open({ rateHz: 20 });
    subs.push(session.marketData$('AAPL').subscribe());
    await eventually(() => streamOf(latest, 'AAPL')?.ticks ?? 0, (n) => n > 20, 3000, 'AAPL ticks');
    await sleep(1000); // past the opening burst: a full rate window of steady ticks
    const start = { at: performance.now(), sent: sim.stats().ticksSent };
    const readings: number[] = [];
    for (let i = 0; i < 15; i++) {
      await sleep(100);
      readings.push(streamOf(latest, 'AAPL')?.ticksPerSecond ?? 0);
    }
    const simRate = ((sim.stats().ticksSent - start.sent) * 1000) / (performance.now() - start.at);
    const healthRate = readings.reduce((a, b) => a + b, 0) / readings.length;
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
      await sleep(250);
      const response = await httpGet(served.url);
      expect(response.status).to.equal(200);
      const text = parsePromText(response.body);
      expect([...text.types.keys()]).to.have.members(Object.values(METRIC_NAMES));
      for (const name of ['ib_rx_reconnects_total', 'ib_rx_connection_state', 'ib_rx_pacing_queue_depth', 'ib_rx_market_data_lines']) {
        expect(samplesOf(text, name), name).to.have.length(1);
      }
      expect(samplesOf(text, 'ib_rx_connection_state')[0]?.value).to.equal(4);
      expect(samplesOf(text, 'ib_rx_ticks_total').filter((s) => s.labels.symbol === 'AAPL').length).to.be.at.least(4);
      expect(samplesOf(text, 'ib_rx_stale')).to.deep.equal([{ name: 'ib_rx_stale', labels: { symbol: 'AAPL' }, value: 0 }]);
    } finally {
      await served.close();
    }
  });

  it('reports messages out per second and the pacing queue depth while a burst of requests waits for the budget', async () => {
    await open({ symbols: Array.from({ length: 30 }, (_, i) => `P${String(i).padStart(2, '0')}`) }, { limits: { max_messages_per_s: 10 } });
    const depths: number[] = [];
    subs.push(session.health$.subscribe({ next: (h) => { depths.push(h.connection.pacingQueueDepth ?? -1); }, error: (error: unknown) => { healthError = error; } }));
    for (let i = 0; i < 30; i++) subs.push(session.marketData$(`P${String(i).padStart(2, '0')}`).subscribe());
    await eventually(() => latest, (h) => (h?.connection.pacingQueueDepth ?? 0) > 5, 3000, 'a queue behind the pacing budget');
    expect(await metric(collector.registry, 'ib_rx_pacing_queue_depth')).to.be.greaterThan(0);
    await eventually(() => latest, (h) => (h?.connection.messagesOutPerSecond ?? 0) > 0 && (h?.connection.pacingQueueDepth ?? 0) > 0, 3000, 'messages going out while others wait');
    await eventually(() => latest, (h) => h?.connection.pacingQueueDepth === 0, 6000, 'the queue drained');
    expect(sim.stats().reqMktData).to.equal(30);
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
    const after = await eventually(resourceCounts, (counts) => JSON.stringify(counts) === JSON.stringify(before), 1000, 'resources back to the start');
    expect(after).to.deep.equal(before);
  });
});
