import type { Contract } from '@stoqey/ib';
import { checkOptionKeys } from '../../config/known-keys.js';
import { InvalidInputError } from '../../errors.js';

/** Options of `IbSession.depth$`. */
export interface DepthOptions {
  /** Rows per side (`reqMktDepth`'s numRows): an integer from 1 to {@link MAX_DEPTH_ROWS}. Default 10. */
  readonly rows?: number;
  /**
   * Smart depth: one book aggregated over the exchanges, each row naming its exchange in
   * `marketMaker`. Default: `true` for a contract routed `SMART` (a string symbol), `false`
   * otherwise (the book of the contract's exchange).
   */
  readonly smart?: boolean;
}

/** Rows per side when `rows` is not given. */
export const DEFAULT_DEPTH_ROWS = 10;
/** The most rows per side ib-rx asks for (a book's cost per update grows with its rows). */
export const MAX_DEPTH_ROWS = 100;

/** The keys of {@link DepthOptions}. */
export const DEPTH_OPTION_KEYS: readonly (keyof DepthOptions)[] = ['rows', 'smart'];

/**
 * Checked {@link DepthOptions} for a contract, defaults filled; `InvalidInputError` naming `rows`
 * or `smart` otherwise, `UnknownOptionError` for a key depth$ does not take (`row`).
 */
export function checkDepthOptions(options: DepthOptions | undefined, contract: Contract): { readonly rows: number; readonly smart: boolean } {
  checkOptionKeys(options, DEPTH_OPTION_KEYS, 'depth$');
  const { rows = DEFAULT_DEPTH_ROWS, smart = contract.exchange?.toUpperCase() === 'SMART' }: { rows?: unknown; smart?: unknown } = options ?? {};
  if (typeof rows !== 'number' || !Number.isInteger(rows) || rows < 1 || rows > MAX_DEPTH_ROWS) {
    throw new InvalidInputError({ field: 'rows', value: rows, expected: `an integer from 1 to ${MAX_DEPTH_ROWS} (rows per side)` });
  }
  if (typeof smart !== 'boolean') throw new InvalidInputError({ field: 'smart', value: smart, expected: 'true or false' });
  return { rows, smart };
}
