import type { CommonOptions } from '../common-options.js';

/** Options of `ib-rx serve`, as commander parses them. */
export interface ServeOptions extends CommonOptions {
  /** Where to serve: the NATS server URL. */
  readonly nats?: string;
  readonly prefix?: string;
  /** The server's heartbeat period, ms. */
  readonly heartbeatMs?: number;
  /** Consumers' lease time, ms. */
  readonly leaseMs?: number;
}
