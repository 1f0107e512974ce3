import { InvalidInputError } from '../errors.js';

/** NATS server URL(s): `nats://host:port`, `host:port`, a comma-separated list, or an array of them. */
export type NatsServers = string | readonly string[];

/** The subject prefix when none is given. */
export const DEFAULT_PREFIX = 'ibrx';

/** The NATS subjects of one prefix (see docs/remote.md for what travels on each). */
export interface RemoteSubjects {
  readonly prefix: string;
  /** Request / reply: the server's identity and settings. */
  readonly hello: string;
  /** Request / reply: join a market-data or bars stream (a lease, the snapshot). */
  readonly join: string;
  /** Request / reply: more snapshot history rows of a join. */
  readonly rows: string;
  /** Request / reply: a consumer's heartbeat refreshing its leases; the answer lists streams the server does not hold for it. */
  readonly lease: string;
  /** Publish: a consumer leaves a stream. */
  readonly leave: string;
  /** Request / reply: one-shot calls (historicalBars, contractDetails, searchSymbols, qualify). */
  readonly rpc: string;
  /** Publish: the server's heartbeat (and its goodbye). */
  readonly beat: string;
  /** Publish: the server's IB connection state on change. */
  readonly connection: string;
  /** Publish: the server's session health. */
  readonly health: string;
  /** Publish: the inputs of one market-data stream (by stream id). */
  readonly marketData: (streamId: string) => string;
  /** Publish: the updates of one bars stream (by stream id). */
  readonly bars: (streamId: string) => string;
  /** Publish: the book changes of one depth stream (by stream id). */
  readonly depth: (streamId: string) => string;
  /** Publish: the ticks of one tick-by-tick stream (by stream id). */
  readonly tickByTick: (streamId: string) => string;
  /** Publish: the bars of one 5-second-bars stream (by stream id). */
  readonly realTimeBars: (streamId: string) => string;
}

const TOKEN = /^[A-Za-z0-9_-]+$/;

/** Throws `InvalidInputError` (field `prefix`) unless `prefix` is dot-separated tokens of letters, digits, `_` and `-`. */
export function checkPrefix(prefix: string): string {
  if (typeof prefix !== 'string' || prefix === '' || !prefix.split('.').every((token) => TOKEN.test(token))) {
    throw new InvalidInputError({ field: 'prefix', value: prefix, expected: 'NATS subject tokens of letters, digits, _ and - separated by dots (e.g. ibrx or desk1.ibrx)' });
  }
  return prefix;
}

/** The subjects under `prefix` (checked with {@link checkPrefix}). */
export function remoteSubjects(prefix: string = DEFAULT_PREFIX): RemoteSubjects {
  const p = checkPrefix(prefix);
  return {
    prefix: p,
    hello: `${p}.ctl.hello`,
    join: `${p}.ctl.join`,
    rows: `${p}.ctl.rows`,
    lease: `${p}.ctl.lease`,
    leave: `${p}.ctl.leave`,
    rpc: `${p}.ctl.rpc`,
    beat: `${p}.server.beat`,
    connection: `${p}.server.connection`,
    health: `${p}.server.health`,
    marketData: (streamId) => `${p}.md.${streamId}`,
    bars: (streamId) => `${p}.bars.${streamId}`,
    depth: (streamId) => `${p}.depth.${streamId}`,
    tickByTick: (streamId) => `${p}.tbt.${streamId}`,
    realTimeBars: (streamId) => `${p}.rtb.${streamId}`,
  };
}
