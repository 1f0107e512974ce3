import createDebug from 'debug';

/**
 * One `debug` namespace's logger: printf-style (`%d`, `%s`, `%O`), silent unless enabled. Typed by
 * ib-rx itself so that its declarations need no `@types/debug`.
 */
export interface Logger {
  (formatter: string, ...args: unknown[]): void;
  /** Whether the namespace is enabled (`DEBUG=ib-rx:*`). */
  readonly enabled: boolean;
  /** The namespace, e.g. `ib-rx:connection`. */
  readonly namespace: string;
}

const logger = (namespace: string): Logger => createDebug(namespace);

/**
 * ib-rx's `debug` loggers, one per namespace. Silent unless the `DEBUG` environment variable asks,
 * e.g. `DEBUG=ib-rx:* npm run demo` or `DEBUG=ib-rx:connection,ib-rx:requests`.
 */
export const log = {
  /** Socket lifecycle, handshake, reconnects, link and farm status notices. */
  connection: logger('ib-rx:connection'),
  /** Subscriptions: reqMktData / cancelMktData, request ids, pacing, resubscriptions, request errors. */
  requests: logger('ib-rx:requests'),
  /** Every tick and state update (verbose). */
  ticks: logger('ib-rx:ticks'),
  /** The TWS simulator: connections, requests it answers, faults it injects. */
  sim: logger('ib-rx:sim'),
  /** The command-line tool. */
  cli: logger('ib-rx:cli'),
  /** Fan-out over NATS: served streams, joins, leases, resyncs (`serveRemote`, `connectRemote`). */
  remote: logger('ib-rx:remote'),
  /** The browser view's server (`watch --web`): clients joining and leaving, slow readers. */
  web: logger('ib-rx:web'),
} as const;
