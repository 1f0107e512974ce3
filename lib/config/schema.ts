import { z } from 'zod';
import { DATA_TYPES } from './data-type.js';
import { DEFAULT_CONFIG } from './defaults.js';
import type { Config, ConfigInput } from './types.js';

/** TWS disconnects an API client that sends more than 50 messages per second. */
export const TWS_MAX_MESSAGES_PER_S = 50;
const MAX_PORT = 65_535;
/** IB's historical pacing: more than 60 requests (of bars of 30 s or less) in any 10 minutes is a violation. */
export const IB_MAX_HISTORICAL_REQUESTS_PER_10_MIN = 60;

/** A value as it appears in a problem message: JSON where JSON can say it, else `String()`. */
export function showValue(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') return String(value);
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

/** Zod params whose message is `expected <what>, got <the bad value>`. */
const expected = (what: string) => ({ error: (issue: { readonly input?: unknown }) => `expected ${what}, got ${showValue(issue.input)}` });

const positive = (unit: string) => {
  const rule = expected(`a number > 0 (${unit})`);
  return z.number(rule).positive(rule);
};
const intAtLeast = (min: number) => {
  const rule = expected(`an integer >= ${min}`);
  return z.int(rule).min(min, rule);
};
const intBetween = (min: number, max: number, why = '') => {
  const rule = expected(`an integer ${min}..${max}${why}`);
  return z.int(rule).min(min, rule).max(max, rule);
};
const section = <T extends z.core.$ZodLooseShape>(shape: T) => z.strictObject(shape, expected('an object'));

const d = DEFAULT_CONFIG;
const host = expected('a non-empty host name');
const nullableCount = expected('null (no limit) or an integer >= 0');

const api = section({
  tws_endpoint: z.string(host).regex(/\S/, host).trim().default(d.api.tws_endpoint),
  port: intBetween(1, MAX_PORT).default(d.api.port),
  client_id: intAtLeast(0).default(d.api.client_id),
});

const marketData = section({
  timeout: positive('seconds').default(d.market_data.timeout),
  retry_attempts: intAtLeast(0).default(d.market_data.retry_attempts),
  data_type: z.enum(DATA_TYPES, expected(`one of ${DATA_TYPES.map((name) => `"${name}"`).join(', ')}`)).default(d.market_data.data_type),
  history: intAtLeast(1).default(d.market_data.history),
  stale_after_s: positive('seconds').default(d.market_data.stale_after_s),
});

const reconnect = section({
  initial_delay_ms: positive('milliseconds').default(d.reconnect.initial_delay_ms),
  max_delay_ms: positive('milliseconds').default(d.reconnect.max_delay_ms),
  max_attempts: z.int(nullableCount).min(0, nullableCount).nullable().default(d.reconnect.max_attempts),
  heartbeat_ms: positive('milliseconds').default(d.reconnect.heartbeat_ms),
  stall_timeout_ms: positive('milliseconds').default(d.reconnect.stall_timeout_ms),
}).superRefine((value, ctx) => {
  // Runs even when a field is already invalid: compare only numbers (a bad field has its own problem).
  const numbers = (...values: unknown[]) => values.every((v) => typeof v === 'number');
  if (numbers(value.initial_delay_ms, value.max_delay_ms) && value.max_delay_ms < value.initial_delay_ms) {
    const message = `expected a number >= initial_delay_ms (${value.initial_delay_ms}), got ${value.max_delay_ms}`;
    ctx.addIssue({ code: 'custom', path: ['max_delay_ms'], input: value.max_delay_ms, message });
  }
  if (numbers(value.heartbeat_ms, value.stall_timeout_ms) && value.stall_timeout_ms <= value.heartbeat_ms) {
    const message = `expected a number > heartbeat_ms (${value.heartbeat_ms}), got ${value.stall_timeout_ms}`;
    ctx.addIssue({ code: 'custom', path: ['stall_timeout_ms'], input: value.stall_timeout_ms, message });
  }
});

const limits = section({
  max_messages_per_s: intBetween(1, TWS_MAX_MESSAGES_PER_S, ' (TWS disconnects clients above 50 messages/s)').default(d.limits.max_messages_per_s),
  market_data_lines: intAtLeast(1).default(d.limits.market_data_lines),
  historical_requests_per_10_min: intBetween(1, IB_MAX_HISTORICAL_REQUESTS_PER_10_MIN, ' (IB: more than 60 historical requests in 10 minutes is a pacing violation)')
    .default(d.limits.historical_requests_per_10_min),
  tick_by_tick_slots: intAtLeast(1).default(d.limits.tick_by_tick_slots),
  depth_requests: intAtLeast(1).default(d.limits.depth_requests),
});

const monitoring = section({
  interval_ms: positive('milliseconds').default(d.monitoring.interval_ms),
});

/**
 * The config schema: strict objects at every level (unknown keys are problems), every key optional
 * with its default, and messages of the form `expected <rule>, got <value>`.
 */
export const configSchema: z.ZodType<Config, ConfigInput | undefined> = section({
  api: api.prefault({}),
  market_data: marketData.prefault({}),
  reconnect: reconnect.prefault({}),
  limits: limits.prefault({}),
  monitoring: monitoring.prefault({}),
}).prefault({});
