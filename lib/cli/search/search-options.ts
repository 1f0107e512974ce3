import type { CommonOptions } from '../common-options.js';

/** Options of `ib-rx search`. */
export interface SearchOptions extends CommonOptions {
  readonly json?: boolean;
}
