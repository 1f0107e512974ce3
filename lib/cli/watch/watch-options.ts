import type { CommonOptions } from '../common-options.js';

/** Options of `ib-rx watch`. */
export interface WatchOptions extends CommonOptions {
  readonly duration?: number;
  readonly interval: number;
  readonly metricsPort?: number;
}
