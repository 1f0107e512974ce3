import type { CommonOptions } from '../common-options.js';

/** Options of `ib-rx contract`. */
export interface ContractOptions extends CommonOptions {
  readonly json?: boolean;
}
