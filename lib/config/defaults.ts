import { deepFreeze } from './deep-freeze.js';
import type { Config } from './types.js';

/** The file `loadConfig()` reads when it is given no path, relative to the working directory. */
export const DEFAULT_CONFIG_FILE = 'ib.config.json';

/** Every default, as in the shipped `ib.config.json` (frozen). */
export const DEFAULT_CONFIG: Config = deepFreeze({
  api: { tws_endpoint: '127.0.0.1', port: 7497, client_id: 0 },
  market_data: { timeout: 15, retry_attempts: 3, data_type: 'delayed', history: 10_000, stale_after_s: 30 },
  reconnect: { initial_delay_ms: 500, max_delay_ms: 30_000, max_attempts: null, heartbeat_ms: 10_000, stall_timeout_ms: 20_000 },
  limits: { max_messages_per_s: 45, market_data_lines: 100, historical_requests_per_10_min: 60, tick_by_tick_slots: 3, depth_requests: 3 },
  monitoring: { interval_ms: 1000 },
});
