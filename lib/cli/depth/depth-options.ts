import type { CommonOptions } from '../common-options.js';

/** Options of `ib-rx depth`, as commander parses them. */
export interface DepthCommandOptions extends CommonOptions {
  /** Rows per side (1–100). */
  readonly rows: number;
  /** `--smart` / `--no-smart`; absent: smart depth for a SMART-routed contract (see `DepthOptions.smart`). */
  readonly smart?: boolean;
  /** Stop after this many seconds (default: until Ctrl-C). */
  readonly duration?: number;
  /** Least time between two redraws, ms. */
  readonly interval: number;
}
