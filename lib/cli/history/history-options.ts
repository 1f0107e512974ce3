import type { CommonOptions } from '../common-options.js';

/** Options of `ib-rx history`, as commander parses them. */
export interface HistoryOptions extends CommonOptions {
  /** IB's bar size (`'1 min'`), checked by the command. */
  readonly barSize: string;
  /** IB's duration (`'1 D'`), checked by the command. */
  readonly duration: string;
  /** whatToShow (default TRADES). */
  readonly what: string;
  /** Regular trading hours only. */
  readonly rth?: boolean;
  /** The end of the span: an ISO 8601 time (`2025-12-01T15:00:00Z`) or epoch ms; default now. */
  readonly end?: number;
  readonly csv?: boolean;
  readonly json?: boolean;
}
