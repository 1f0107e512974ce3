import type { ConnectionHealth } from './health.js';

/** The Prometheus metric names `collectMetrics` registers (every one is prefixed `ib_rx_`). */
export const METRIC_NAMES = {
  ticks: 'ib_rx_ticks_total',
  reconnects: 'ib_rx_reconnects_total',
  resubscriptions: 'ib_rx_resubscriptions_total',
  errors: 'ib_rx_errors_total',
  connectionState: 'ib_rx_connection_state',
  lastTickAge: 'ib_rx_last_tick_age_seconds',
  stale: 'ib_rx_stale',
  pacingQueueDepth: 'ib_rx_pacing_queue_depth',
  lines: 'ib_rx_market_data_lines',
  lineLimit: 'ib_rx_market_data_lines_limit',
} as const;

/** `ib_rx_connection_state` values: a higher value is a healthier connection. */
export const CONNECTION_STATE_VALUES = {
  /** Before the first subscription, or after `close()`. */
  idle: 0,
  /** The socket is down; waiting to reconnect. */
  down: 1,
  connecting: 2,
  /** Connected, but data cannot flow: waiting for the farms, IB's link lost (1100) or a market data farm broken. */
  degraded: 3,
  ready: 4,
} as const;

/** The `ib_rx_connection_state` value of a connection health. */
export function connectionStateValue(connection: ConnectionHealth): number {
  switch (connection.status) {
    case 'idle':
    case 'closed':
      return CONNECTION_STATE_VALUES.idle;
    case 'disconnected':
    case 'reconnecting':
      return CONNECTION_STATE_VALUES.down;
    case 'connecting':
      return CONNECTION_STATE_VALUES.connecting;
    case 'connected':
      return connection.interrupted ? CONNECTION_STATE_VALUES.degraded : CONNECTION_STATE_VALUES.ready;
  }
}
