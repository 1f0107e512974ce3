import type { BarSize } from '../../history/bar-size.js';
import type { CommonOptions } from '../common-options.js';

/** Options of `ib-rx watch`. */
export interface WatchOptions extends CommonOptions {
  readonly duration?: number;
  readonly interval: number;
  readonly metricsPort?: number;
  /** `--bars 1m`: show each symbol's forming bar of this (IB) bar size. */
  readonly bars?: BarSize;
  /** `--web`: serve the browser view instead of drawing the table. */
  readonly web?: boolean;
  /** `--web-port N`: the browser view's port (0 = any free one). */
  readonly webPort?: number;
  /** `--depth AAPL,MSFT`: depth ladders on the browser view. */
  readonly depth?: readonly string[];
}
