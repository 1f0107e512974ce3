import { connect, type NatsConnection, type Status } from '@nats-io/transport-node';
import { from, type Observable } from 'rxjs';
import { InvalidInputError } from '../errors.js';
import { RemoteConnectionError } from './remote-errors.js';
import type { NatsServers } from './subjects.js';

export type { NatsServers } from './subjects.js';

/** Options of {@link openNats}. */
export interface OpenNatsOptions {
  readonly servers: NatsServers;
  readonly prefix: string;
  /** The client name the NATS server shows in its monitoring. */
  readonly name: string;
  /** Wait between reconnect attempts. */
  readonly reconnectWaitMs: number;
  /** Give up the first connect after this long. */
  readonly connectTimeoutMs: number;
}

/** The servers as a list of `host:port` strings; throws `InvalidInputError` (field `servers`) for a bad URL. */
export function natsServerList(servers: NatsServers): string[] {
  const list = typeof servers === 'string' ? servers.split(',').map((s) => s.trim()) : [...servers];
  const bad = (value: unknown): never => {
    throw new InvalidInputError({ field: 'servers', value, expected: 'NATS server URLs like nats://127.0.0.1:4222 (nats:// or tls://, a host and a port)' });
  };
  if (list.length === 0) bad(servers);
  return list.map((server) => {
    if (typeof server !== 'string' || server === '') return bad(server);
    let url: URL;
    try {
      url = new URL(server.includes('://') ? server : `nats://${server}`);
    } catch {
      return bad(server);
    }
    if (!['nats:', 'tls:'].includes(url.protocol) || url.hostname === '' || url.pathname.replace(/^\/+/, '') !== '') bad(server);
    return `${url.protocol === 'tls:' ? 'tls://' : ''}${url.hostname}:${url.port === '' ? '4222' : url.port}`;
  });
}

/** The servers as one display string. */
export function serversLabel(servers: NatsServers): string {
  return typeof servers === 'string' ? servers : servers.join(',');
}

/**
 * Connects to NATS, reconnecting forever after the first connection (subscriptions survive a
 * NATS restart). Rejects with `RemoteConnectionError` (unreachable, refused, timed out) or
 * `InvalidInputError` (a bad URL).
 */
export async function openNats(options: OpenNatsOptions): Promise<NatsConnection> {
  const servers = natsServerList(options.servers);
  try {
    return await connect({
      servers,
      name: options.name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: options.reconnectWaitMs,
      reconnectJitter: Math.min(100, options.reconnectWaitMs),
      timeout: options.connectTimeoutMs,
      pingInterval: 5000,
      maxPingOut: 3,
    });
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RemoteConnectionError({ servers: serversLabel(options.servers), prefix: options.prefix, reason: `cannot connect to NATS (${reason})` }, { cause: error });
  }
}

/** The connection's status events (disconnect, reconnect …) as an Observable; completes when it closes. */
export function natsStatus$(nc: NatsConnection): Observable<Status> {
  return from(nc.status());
}
