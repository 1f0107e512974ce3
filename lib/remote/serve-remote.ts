import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { asyncScheduler, type SchedulerLike } from 'rxjs';
import { InvalidInputError } from '../errors.js';
import { log } from '../log.js';
import type { IbSession } from '../session/ib-session.js';
import { openNats, serversLabel, type NatsServers } from './nats-link.js';
import type { HelloReply, ServerInfo } from './protocol.js';
import { RemoteProtocolError, RemoteServerConflictError } from './remote-errors.js';
import { ServingServer, type RemoteServer } from './remote-server.js';

export type { RemoteServer } from './remote-server.js';
import { DEFAULT_PREFIX, remoteSubjects } from './subjects.js';
import { decodeControl, encodeControl } from './wire.js';

/** Options of {@link serveRemote}. */
export interface ServeRemoteOptions {
  /** NATS server URL(s): `nats://127.0.0.1:4222`. */
  readonly servers: NatsServers;
  /** Subject prefix (default `ibrx`): one server per prefix. */
  readonly prefix?: string;
  /** The session talks to the built-in simulator: consumers label the data SIMULATED. Default false. */
  readonly simulated?: boolean;
  /** The server's heartbeat period (consumers refresh their leases at least 3 times per lease). Default 2000 ms. */
  readonly heartbeatMs?: number;
  /** A consumer's lease on a stream: without a heartbeat for this long it is dropped (the last one cancels the IB request). Default 10 000 ms. */
  readonly leaseMs?: number;
  /** Wait between NATS reconnect attempts. Default 500 ms. */
  readonly reconnectWaitMs?: number;
  /** Timers (heartbeats, lease expiry). Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

const DEFAULTS = { heartbeatMs: 2000, leaseMs: 10_000, reconnectWaitMs: 500 } as const;

/** The server's heartbeat period when none is given (ms). */
export const DEFAULT_HEARTBEAT_MS = DEFAULTS.heartbeatMs;

/** Shortest heartbeat period (ms): consumers refresh their leases at least this often. */
const MIN_HEARTBEAT_MS = 10;

/**
 * Throws `InvalidInputError` naming `heartbeatMs` or `leaseMs` unless both are whole milliseconds,
 * the heartbeat at least 10 ms and the lease at least one heartbeat long (the server sweeps
 * expired leases at each heartbeat: a shorter lease would only be dropped late).
 */
function checkTimes(heartbeatMs: number, leaseMs: number): void {
  if (!Number.isSafeInteger(heartbeatMs) || heartbeatMs < MIN_HEARTBEAT_MS) {
    throw new InvalidInputError({ field: 'heartbeatMs', value: heartbeatMs, expected: `whole milliseconds ≥ ${MIN_HEARTBEAT_MS}` });
  }
  if (!Number.isSafeInteger(leaseMs) || leaseMs < heartbeatMs) {
    throw new InvalidInputError({ field: 'leaseMs', value: leaseMs, expected: `whole milliseconds ≥ the heartbeat period (heartbeatMs ${heartbeatMs})` });
  }
}

/**
 * Serves a session over NATS: consumers (`connectRemote`, `ib-rx … --nats`) join streams, the
 * server holds one session subscription (one IB line) per stream while any consumer's lease lives,
 * and publishes every input the session folds, with sequence numbers; a joiner gets the current
 * state first. Rejects with `RemoteConnectionError` (NATS unreachable), `InvalidInputError` (bad
 * URL or prefix, a heartbeat under 10 ms, a lease shorter than the heartbeat) or
 * `RemoteServerConflictError` (another server answers on the prefix). See
 * docs/remote.md.
 *
 * @example
 * const session = await IbSession.connect(loadConfig());
 * const server = await serveRemote(session, { servers: 'nats://127.0.0.1:4222' });
 * // … later
 * await server.close();
 * await session.close();
 */
export async function serveRemote(session: IbSession, options: ServeRemoteOptions): Promise<RemoteServer> {
  const subjects = remoteSubjects(options.prefix ?? DEFAULT_PREFIX);
  const heartbeatMs = options.heartbeatMs ?? DEFAULTS.heartbeatMs;
  const leaseMs = options.leaseMs ?? DEFAULTS.leaseMs;
  checkTimes(heartbeatMs, leaseMs);
  const nc = await openNats({
    servers: options.servers, prefix: subjects.prefix, name: `ib-rx server ${subjects.prefix}`,
    reconnectWaitMs: options.reconnectWaitMs ?? DEFAULTS.reconnectWaitMs, connectTimeoutMs: 5000,
  });
  try {
    const other = await nc.request(subjects.hello, encodeControl({}), { timeout: Math.min(heartbeatMs, 2000) });
    const info = (decodeControl(subjects.hello, other.string()) as HelloReply);
    throw new RemoteServerConflictError({ prefix: subjects.prefix, serverId: info.serverId, where: info.where });
  } catch (error: unknown) {
    if (error instanceof RemoteServerConflictError || error instanceof RemoteProtocolError) {
      await nc.close();
      throw error;
    }
    // No responders / timeout: nobody serves this prefix.
  }
  const info: ServerInfo = {
    serverId: randomBytes(6).toString('hex'),
    startedAt: (options.scheduler ?? asyncScheduler).now(),
    where: `${hostname()} pid ${process.pid}`,
    simulated: options.simulated ?? false,
    heartbeatMs,
    leaseMs,
    dataType: session.config.market_data.data_type,
  };
  log.remote('serving %s on %s (prefix %s)', info.serverId, serversLabel(options.servers), subjects.prefix);
  return new ServingServer(session, nc, subjects, info, options.scheduler ?? asyncScheduler);
}
