import type { CommonOptions } from '../common-options.js';

/** Options of `ib-rx snapshot`. */
export interface SnapshotOptions extends CommonOptions {
  readonly json?: boolean;
  readonly timeout?: number;
}
