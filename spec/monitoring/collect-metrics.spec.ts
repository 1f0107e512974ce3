import { expect } from 'chai';
import { Registry } from 'prom-client';
import { Subject } from 'rxjs';
import { IbRxError } from '../../lib/errors.js';
import { collectMetrics, type MetricsCollector } from '../../lib/monitoring/collect-metrics.js';
import type { SessionHealth } from '../../lib/monitoring/health.js';
import { CONNECTION_STATE_VALUES, METRIC_NAMES } from '../../lib/monitoring/metric-names.js';
import { sessionHealth, streamHealth } from './support/health-fixtures.js';
import { parsePromText, samplesOf } from './support/prom-text.js';

const scrape = async (registry: Registry) => parsePromText(await registry.metrics());

const valueOf = async (registry: Registry, name: string, labels: Record<string, string> = {}): Promise<number | undefined> =>
  samplesOf(await scrape(registry), name).find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

describe('collectMetrics', () => {
  let health$: Subject<SessionHealth>;
  let registry: Registry;
  let collector: MetricsCollector;

  beforeEach(() => {
    health$ = new Subject<SessionHealth>();
    registry = new Registry();
    collector = collectMetrics({ health$ }, registry);
  });

  afterEach(() => {
    collector.stop();
  });

  it('registers every ib-rx metric with its type, in valid Prometheus text format', async () => {
    health$.next(sessionHealth({ streams: [streamHealth('AAPL', { ticksByField: { bid: 1 }, lastTickAgeMs: 10 })] }));
    const text = await scrape(registry);
    expect(Object.fromEntries(text.types)).to.deep.equal({
      ib_rx_ticks_total: 'counter', ib_rx_reconnects_total: 'counter', ib_rx_resubscriptions_total: 'counter', ib_rx_errors_total: 'counter',
      ib_rx_connection_state: 'gauge', ib_rx_last_tick_age_seconds: 'gauge', ib_rx_stale: 'gauge', ib_rx_pacing_queue_depth: 'gauge',
      ib_rx_market_data_lines: 'gauge', ib_rx_market_data_lines_limit: 'gauge',
    });
    expect(Object.values(METRIC_NAMES)).to.have.members([...text.types.keys()]);
  });

  it('turns the cumulative totals of successive snapshots into counter increments', async () => {
    health$.next(sessionHealth({ connection: { reconnects: 1 }, streams: [streamHealth('AAPL', { ticksByField: { bid: 3, ask: 2 }, resubscriptions: 1 })] }));
    health$.next(sessionHealth({ connection: { reconnects: 2 }, streams: [streamHealth('AAPL', { ticksByField: { bid: 5, ask: 2, last: 1 }, resubscriptions: 2 })] }));
    expect(await valueOf(registry, 'ib_rx_reconnects_total')).to.equal(2);
    expect(await valueOf(registry, 'ib_rx_ticks_total', { symbol: 'AAPL', field: 'bid' })).to.equal(5);
    expect(await valueOf(registry, 'ib_rx_ticks_total', { symbol: 'AAPL', field: 'ask' })).to.equal(2);
    expect(await valueOf(registry, 'ib_rx_ticks_total', { symbol: 'AAPL', field: 'last' })).to.equal(1);
    expect(await valueOf(registry, 'ib_rx_resubscriptions_total', { symbol: 'AAPL' })).to.equal(2);
  });

  it('counts errors by code and kind, with "none" for errors without a code', async () => {
    health$.next(sessionHealth({ errors: [{ code: 10167, kind: 'advisory', count: 2 }, { code: undefined, kind: 'connection', count: 1 }] }));
    health$.next(sessionHealth({ errors: [{ code: 10167, kind: 'advisory', count: 3 }, { code: undefined, kind: 'connection', count: 1 }] }));
    expect(await valueOf(registry, 'ib_rx_errors_total', { code: '10167', kind: 'advisory' })).to.equal(3);
    expect(await valueOf(registry, 'ib_rx_errors_total', { code: 'none', kind: 'connection' })).to.equal(1);
  });

  it('sets the gauges: connection state, tick age in seconds, stale, queue depth, lines in use and limit', async () => {
    health$.next(sessionHealth({
      connection: { pacingQueueDepth: 7, lineLimit: 50 },
      streams: [streamHealth('AAPL', { lastTickAgeMs: 1500 }), streamHealth('MSFT', { lastTickAgeMs: 40_000, stale: true }), streamHealth('SPY')],
    }));
    expect(await valueOf(registry, 'ib_rx_connection_state')).to.equal(CONNECTION_STATE_VALUES.ready);
    expect(await valueOf(registry, 'ib_rx_last_tick_age_seconds', { symbol: 'AAPL' })).to.equal(1.5);
    expect(await valueOf(registry, 'ib_rx_last_tick_age_seconds', { symbol: 'SPY' })).to.equal(undefined);
    expect(await valueOf(registry, 'ib_rx_stale', { symbol: 'MSFT' })).to.equal(1);
    expect(await valueOf(registry, 'ib_rx_stale', { symbol: 'AAPL' })).to.equal(0);
    expect(await valueOf(registry, 'ib_rx_pacing_queue_depth')).to.equal(7);
    expect(await valueOf(registry, 'ib_rx_market_data_lines')).to.equal(3);
    expect(await valueOf(registry, 'ib_rx_market_data_lines_limit')).to.equal(50);
    health$.next(sessionHealth({ connection: { status: 'reconnecting', ready: false, interrupted: true } }));
    expect(await valueOf(registry, 'ib_rx_connection_state')).to.equal(CONNECTION_STATE_VALUES.down);
    health$.next(sessionHealth({ connection: { link: 'lost', interrupted: true } }));
    expect(await valueOf(registry, 'ib_rx_connection_state')).to.equal(CONNECTION_STATE_VALUES.degraded);
  });

  it('removes the labels of a symbol when its stream ends, keeping the other symbols', async () => {
    const aapl = streamHealth('AAPL', { ticksByField: { bid: 1 }, lastTickAgeMs: 5, resubscriptions: 1 });
    const msft = streamHealth('MSFT', { ticksByField: { ask: 1 }, lastTickAgeMs: 5 });
    health$.next(sessionHealth({ streams: [aapl, msft] }));
    health$.next(sessionHealth({ streams: [msft] }));
    const symbols = (await scrape(registry)).samples.filter((s) => s.labels.symbol !== undefined).map((s) => `${s.name}:${s.labels.symbol}`);
    expect(symbols).to.have.members(['ib_rx_ticks_total:MSFT', 'ib_rx_resubscriptions_total:MSFT', 'ib_rx_last_tick_age_seconds:MSFT', 'ib_rx_stale:MSFT']);
  });

  it('keeps one label set per symbol when two live streams share it (freshest age, stale if any is)', async () => {
    health$.next(sessionHealth({ streams: [
      streamHealth('AAPL', { key: 'AAPL', ticksByField: { bid: 2 }, lastTickAgeMs: 3000, stale: true }),
      streamHealth('AAPL', { key: 'AAPL#delayed', ticksByField: { bid: 3 }, lastTickAgeMs: 1000 }),
    ] }));
    expect(await valueOf(registry, 'ib_rx_ticks_total', { symbol: 'AAPL', field: 'bid' })).to.equal(5);
    expect(await valueOf(registry, 'ib_rx_last_tick_age_seconds', { symbol: 'AAPL' })).to.equal(1);
    expect(await valueOf(registry, 'ib_rx_stale', { symbol: 'AAPL' })).to.equal(1);
  });

  it('stops updating and unregisters its metrics on stop(), so the registry can take them again', async () => {
    collector.stop();
    expect(health$.observed).to.equal(false);
    expect((await registry.metrics()).trim()).to.equal('');
    collector = collectMetrics({ health$ }, registry);
    expect(health$.observed).to.equal(true);
  });

  it('refuses a registry that has the ib-rx metrics already (one session per registry)', () => {
    expect(() => collectMetrics({ health$ }, registry)).to.throw(IbRxError, /one session per registry.*ib_rx_ticks_total/);
  });
});
