import createDebug from 'debug';

/**
 * ib-rx's `debug` loggers, one per namespace. Silent unless the `DEBUG` environment variable asks,
 * e.g. `DEBUG=ib-rx:* npm run demo` or `DEBUG=ib-rx:connection,ib-rx:requests`.
 */
export const log = {
  /** Socket lifecycle, handshake, reconnects, link and farm status notices. */
  connection: createDebug('ib-rx:connection'),
  /** Subscriptions: reqMktData / cancelMktData, request ids, pacing, resubscriptions, request errors. */
  requests: createDebug('ib-rx:requests'),
  /** Every tick and state update (verbose). */
  ticks: createDebug('ib-rx:ticks'),
  /** The TWS simulator: connections, requests it answers, faults it injects. */
  sim: createDebug('ib-rx:sim'),
  /** The command-line tool. */
  cli: createDebug('ib-rx:cli'),
} as const;
