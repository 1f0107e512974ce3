// `ib-rx/monitoring`: health streams and Prometheus metrics. `collectMetrics` / `serveMetrics`
// need the optional peer dependency `prom-client` (its types are referenced from here only).
export { collectMetrics, type HealthSource, type MetricsCollector, type MetricsRegistry } from './collect-metrics.js';
export { serveMetrics, type MetricsServer, type ServeMetricsOptions } from './metrics-server.js';
export { MetricsUnavailableError } from './prom-client.js';
export { METRIC_NAMES } from './metric-names.js';
export { sessionHealth$, type SessionHealthOptions } from './session-health.js';
export type { ConnectionHealth, ErrorCount, HealthError, SessionHealth, StreamHealth } from './health.js';
