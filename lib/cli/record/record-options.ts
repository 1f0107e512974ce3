import type { CommonOptions } from '../common-options.js';

/** Options of `ib-rx record`. */
export interface RecordOptions extends CommonOptions {
  readonly out: string;
  readonly duration?: number;
}
