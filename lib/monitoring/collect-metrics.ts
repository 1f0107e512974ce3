import type { Observable, Subscription } from 'rxjs';
import type { Registry } from 'prom-client';
import { IbRxError } from '../errors.js';
import { log } from '../log.js';
import type { SessionHealth } from './health.js';
import { CONNECTION_STATE_VALUES, connectionStateValue, METRIC_NAMES as N } from './metric-names.js';
import { loadPromClient } from './prom-client.js';

/** What {@link collectMetrics} reads: a session's `health$` (an `IbSession`). */
export interface HealthSource {
  readonly health$: Observable<SessionHealth>;
}

/**
 * The part of a `prom-client` `Registry` ib-rx uses: pass a prom-client `Registry`. Described here
 * so that ib-rx's declarations never need prom-client's types.
 */
export interface MetricsRegistry {
  getSingleMetric(name: string): unknown;
  removeSingleMetric(name: string): void;
  metrics(): Promise<string>;
  readonly contentType: string;
}

/** The handle {@link collectMetrics} returns. */
export interface MetricsCollector<R extends MetricsRegistry = MetricsRegistry> {
  /** The registry the metrics are on (expose it with `registry.metrics()` or `serveMetrics`). */
  readonly registry: R;
  /** Stops updating and removes the metrics from the registry. Idempotent. */
  stop(): void;
}

const states = Object.entries(CONNECTION_STATE_VALUES).map(([name, value]) => `${value} ${name}`).join(', ');

/**
 * Registers ib-rx's Prometheus metrics on a `prom-client` registry (default: prom-client's global
 * `register`) and keeps them up to date from the session's `health$` (at most once per
 * `monitoring.interval_ms`). Counters: `ib_rx_ticks_total{symbol,field}`, `ib_rx_reconnects_total`,
 * `ib_rx_resubscriptions_total{symbol}`, `ib_rx_errors_total{code,kind}`; gauges:
 * `ib_rx_connection_state`, `ib_rx_last_tick_age_seconds{symbol}`, `ib_rx_stale{symbol}`,
 * `ib_rx_pacing_queue_depth`, `ib_rx_market_data_lines`, `ib_rx_market_data_lines_limit`.
 * Symbol labels exist only for live streams: they are removed when a stream ends. Counting starts
 * with the session's health (its first subscriber).
 *
 * Throws `MetricsUnavailableError` when `prom-client` is not installed, and an `IbRxError` naming
 * them when the registry has ib-rx metrics already (one session per registry).
 *
 * @example
 * const metrics = collectMetrics(session, new Registry());
 * http.createServer(async (_, res) => res.end(await metrics.registry.metrics()));
 */
export function collectMetrics<R extends MetricsRegistry = MetricsRegistry>(session: HealthSource, registry?: R): MetricsCollector<R> {
  const prom = loadPromClient();
  // A MetricsRegistry is a prom-client Registry (the only kind users have); typed structurally in public.
  const target = (registry ?? prom.register) as unknown as Registry;
  const taken = Object.values(N).filter((name) => target.getSingleMetric(name) !== undefined);
  if (taken.length > 0) throw new IbRxError(`this registry has ib-rx metrics already (one session per registry): ${taken.join(', ')}`);
  const registers = [target];
  const ticks = new prom.Counter({ name: N.ticks, help: 'Market data ticks received, per live stream symbol and tick field.', labelNames: ['symbol', 'field'] as const, registers });
  const reconnects = new prom.Counter({ name: N.reconnects, help: 'Socket reconnects to TWS / IB Gateway.', registers });
  const resubscriptions = new prom.Counter({ name: N.resubscriptions, help: 'Market data requests sent again after a reconnect, 1101 or a farm flap, per live stream symbol.', labelNames: ['symbol'] as const, registers });
  const errors = new prom.Counter({ name: N.errors, help: 'Errors by TWS code ("none" without one) and kind.', labelNames: ['code', 'kind'] as const, registers });
  const connectionState = new prom.Gauge({ name: N.connectionState, help: `Connection state: ${states}.`, registers });
  const age = new prom.Gauge({ name: N.lastTickAge, help: 'Seconds since the last tick, per live stream symbol (absent before its first tick).', labelNames: ['symbol'] as const, registers });
  const stale = new prom.Gauge({ name: N.stale, help: '1 while a live stream has stale data (no tick for market_data.stale_after_s, or the connection is interrupted).', labelNames: ['symbol'] as const, registers });
  const queue = new prom.Gauge({ name: N.pacingQueueDepth, help: 'Outgoing messages waiting for the pacing budget.', registers });
  const lines = new prom.Gauge({ name: N.lines, help: 'Market data lines in use (live shared subscriptions).', registers });
  const lineLimit = new prom.Gauge({ name: N.lineLimit, help: 'The market data line budget (limits.market_data_lines).', registers });

  let reconnectsSeen = 0;
  const errorsSeen = new Map<string, number>();
  let streamsSeen = new Map<string, StreamSeen>();
  const apply = (health: SessionHealth): void => {
    const c = health.connection;
    connectionState.set(connectionStateValue(c));
    queue.set(c.pacingQueueDepth ?? 0);
    lines.set(c.linesInUse);
    lineLimit.set(c.lineLimit);
    reconnects.inc(Math.max(0, c.reconnects - reconnectsSeen));
    reconnectsSeen = c.reconnects;
    for (const e of health.errors) {
      const labels = { code: e.code === undefined ? 'none' : String(e.code), kind: e.kind };
      const id = `${labels.code}/${labels.kind}`;
      errors.inc(labels, Math.max(0, e.count - (errorsSeen.get(id) ?? 0)));
      errorsSeen.set(id, e.count);
    }
    const next = new Map<string, StreamSeen>();
    const live = new Map<string, { age: number | undefined; stale: boolean }>();
    for (const s of health.streams) {
      const before = streamsSeen.get(s.key);
      const symbol = s.symbol;
      for (const [field, count] of Object.entries(s.ticksByField)) ticks.inc({ symbol, field }, Math.max(0, count - (before?.ticks.get(field) ?? 0)));
      resubscriptions.inc({ symbol }, Math.max(0, s.resubscriptions - (before?.resubscriptions ?? 0)));
      next.set(s.key, { symbol, ticks: new Map(Object.entries(s.ticksByField)), resubscriptions: s.resubscriptions });
      const ageS = s.lastTickAgeMs === undefined ? undefined : s.lastTickAgeMs / 1000;
      const other = live.get(symbol); // two live streams of one symbol (another data type): freshest age, stale if any is
      live.set(symbol, { age: other?.age === undefined ? ageS : Math.min(other.age, ageS ?? other.age), stale: (other?.stale ?? false) || s.stale });
    }
    for (const [symbol, v] of live) {
      if (v.age === undefined) age.remove({ symbol });
      else age.set({ symbol }, v.age);
      stale.set({ symbol }, v.stale ? 1 : 0);
    }
    for (const [key, ended] of streamsSeen) {
      if (next.has(key) || live.has(ended.symbol)) continue;
      age.remove({ symbol: ended.symbol });
      stale.remove({ symbol: ended.symbol });
      resubscriptions.remove({ symbol: ended.symbol });
      for (const field of ended.ticks.keys()) ticks.remove({ symbol: ended.symbol, field });
    }
    streamsSeen = next;
  };

  const subscription: Subscription = session.health$.subscribe({
    next: apply,
    error: (error: unknown) => { log.connection('metrics: health$ failed %O', error); },
  });
  let stopped = false;
  return {
    registry: target as unknown as R,
    stop: () => {
      if (stopped) return;
      stopped = true;
      subscription.unsubscribe();
      for (const name of Object.values(N)) target.removeSingleMetric(name);
    },
  };
}

/** What the metrics last saw of one stream (by key): its totals, to turn them into counter increments. */
interface StreamSeen {
  readonly symbol: string;
  readonly ticks: ReadonlyMap<string, number>;
  readonly resubscriptions: number;
}
