// Connection states, stream events and projections for the monitoring specs.
import type { ConnectionState } from '../../../lib/connection/connection-state.js';
import { INITIAL_CONNECTION_STATE } from '../../../lib/connection/connection-state.js';
import type { StreamEvent } from '../../../lib/monitoring/health-sources.js';
import type { ConnectionHealth, SessionHealth, StreamHealth } from '../../../lib/monitoring/health.js';
import type { TickField } from '../../../lib/ticks/tick.js';

export const SERVER_VERSION = 176;

/** Connection states by the letter the specs use. */
export const states = {
  i: INITIAL_CONNECTION_STATE,
  c: { socket: { status: 'connecting', attempt: 0, generation: 1, clientId: 0 }, link: 'unknown', farms: {} },
  r: { socket: { status: 'connected', generation: 1, clientId: 0, serverVersion: SERVER_VERSION, ready: true }, link: 'up', farms: {} },
  d: { socket: { status: 'disconnected', reason: 'socket closed by TWS', retrying: true }, link: 'unknown', farms: {} },
  w: { socket: { status: 'reconnecting', attempt: 1, delayMs: 500, reason: 'socket closed by TWS' }, link: 'unknown', farms: {} },
  s: { socket: { status: 'connected', generation: 2, clientId: 0, serverVersion: SERVER_VERSION, ready: true }, link: 'up', farms: {} },
  l: { socket: { status: 'connected', generation: 1, clientId: 0, serverVersion: SERVER_VERSION, ready: true }, link: 'lost', farms: {} },
  x: { socket: { status: 'closed' }, link: 'unknown', farms: {} },
} satisfies Record<string, ConnectionState>;

export const added = (key: string, symbol = key): StreamEvent => ({ type: 'added', key, symbol });
export const removed = (key: string): StreamEvent => ({ type: 'removed', key });
export const requested = (key: string, reqId: number, resubscription = false): StreamEvent => ({ type: 'requested', key, reqId, resubscription });
export const tickOf = (key: string, time: number, field: TickField = 'last'): StreamEvent => ({ type: 'tick', key, field, time });

/** `SYMBOL` for a fresh stream, `SYMBOL*` for a stale one, joined by spaces (`''` without streams). */
export const staleness = (health: SessionHealth): string =>
  health.streams.map((s) => `${s.symbol}${s.stale ? '*' : ''}`).join(' ');

/** Marble time of `n` frames as a string of `n` dashes (for generated marbles). */
export const dashes = (n: number): string => '-'.repeat(n);

/** A stream health with defaults (fresh, no ticks). */
export const streamHealth = (symbol: string, extra: Partial<StreamHealth> = {}): StreamHealth => ({
  key: symbol, symbol, reqId: 1, marketDataType: 'realtime', ticks: 0, ticksByField: {}, ticksPerSecond: 0,
  lastTickAgeMs: undefined, stale: false, resubscriptions: 0, lastError: undefined, ...extra,
});

/** A session health with defaults (ready, no streams, no errors). */
export const sessionHealth = (extra: { connection?: Partial<ConnectionHealth>; streams?: readonly StreamHealth[]; errors?: SessionHealth['errors'] } = {}): SessionHealth => ({
  time: 0,
  connection: {
    status: 'connected', ready: true, link: 'up', interrupted: false, brokenFarms: [], serverVersion: SERVER_VERSION, connectedSince: 0,
    reconnects: 0, lastDisconnectReason: undefined, messagesInPerSecond: 0, messagesOutPerSecond: undefined, pacingQueueDepth: undefined,
    linesInUse: extra.streams?.length ?? 0, lineLimit: 100, ...extra.connection,
  },
  streams: extra.streams ?? [],
  errors: extra.errors ?? [],
});
