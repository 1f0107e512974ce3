import type { BarSize } from '../../history/bar-size.js';
import type { CommonOptions } from '../common-options.js';

/** Options of `ib-rx watch`. */
export interface WatchOptions extends CommonOptions {
  readonly duration?: number;
  readonly interval: number;
  readonly metricsPort?: number;
  /** `--bars 1m`: show each symbol's forming bar of this (IB) bar size. */
  readonly bars?: BarSize;
}
