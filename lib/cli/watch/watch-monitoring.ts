import { map, startWith, type Observable } from 'rxjs';
import { collectMetrics, type HealthSource } from '../../monitoring/collect-metrics.js';
import type { ConnectionHealth, SessionHealth } from '../../monitoring/health.js';
import { serveMetrics } from '../../monitoring/metrics-server.js';
import { loadPromClient } from '../../monitoring/prom-client.js';

function connectionWord(c: ConnectionHealth): string {
  if (c.status !== 'connected') return c.status;
  if (!c.interrupted) return 'ready';
  if (c.link === 'lost') return 'link lost (1100)';
  if (c.brokenFarms.length > 0) return `farm broken: ${c.brokenFarms.join(', ')}`;
  return 'waiting for data farms';
}

/**
 * The one-line health summary `watch` shows: state, reconnects, lines in use, stale symbols.
 *
 * @example
 * healthSummary(h); // 'health: ready · reconnects 1 · lines 3/100 · stale: MSFT'
 */
export function healthSummary(health: SessionHealth): string {
  const c = health.connection;
  const stale = health.streams.filter((s) => s.stale).map((s) => s.symbol);
  return `health: ${connectionWord(c)} · reconnects ${c.reconnects} · lines ${c.linesInUse}/${c.lineLimit} · stale: ${stale.length === 0 ? 'none' : stale.join(' ')}`;
}

/** `watch`'s health status line: emits at once (`health: …` placeholder), then a summary per snapshot. */
export function healthLine$(session: HealthSource): Observable<string> {
  return session.health$.pipe(map(healthSummary), startWith('health: starting'));
}

/** The `/metrics` endpoint of a `watch --metrics-port` run. */
export interface WatchMetrics {
  readonly url: string;
  readonly port: number;
  /** Stops the metrics and the server. */
  close(): Promise<void>;
}

/**
 * For `ib-rx watch --metrics-port N`: collects the session's metrics on a registry of its own and
 * serves them at `http://host:N/metrics` (host default 127.0.0.1). Rejects with
 * `MetricsUnavailableError` without prom-client, or the listen error (port in use). Close it
 * before closing the session.
 */
export async function attachMetricsToWatch(session: HealthSource, options: { readonly port: number; readonly host?: string }): Promise<WatchMetrics> {
  const prom = loadPromClient();
  const collector = collectMetrics(session, new prom.Registry());
  try {
    const server = await serveMetrics({ port: options.port, registry: collector.registry, ...(options.host !== undefined && { host: options.host }) });
    return {
      url: server.url,
      port: server.port,
      close: async () => {
        collector.stop();
        await server.close();
      },
    };
  } catch (error: unknown) {
    collector.stop();
    throw error;
  }
}
