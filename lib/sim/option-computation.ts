import type { Field } from './field.js';
import { ServerMsg } from './protocol-ids.js';
import { ServerVersion } from './server-version.js';

/**
 * How the simulator fills option computation ticks:
 * - `computed` (default): model values; only what the model cannot compute is "not computed"
 *   (e.g. no implied volatility from a bid below intrinsic value).
 * - `not-computed`: every field carries IB's "not computed" value (impliedVol -1, delta -2,
 *   optPrice -1, pvDividend -1, gamma / vega / theta -2, undPrice -1).
 * - `max-value`: every field is Double.MAX_VALUE (`1.7976931348623157E308`), TWS's other "unset".
 * - `alternate`: every other computation tick (per option) is `not-computed`.
 */
export type OptionComputationMode = 'computed' | 'not-computed' | 'max-value' | 'alternate';

/** The modes, for validation and CLI help. */
export const OPTION_COMPUTATION_MODES: readonly OptionComputationMode[] = ['computed', 'not-computed', 'max-value', 'alternate'];

/** One option computation; undefined = not computed. */
export interface OptionComputation {
  readonly impliedVol: number | undefined;
  readonly delta: number | undefined;
  readonly optPrice: number | undefined;
  readonly pvDividend: number | undefined;
  readonly gamma: number | undefined;
  readonly vega: number | undefined;
  readonly theta: number | undefined;
  readonly undPrice: number | undefined;
  /** How "not computed" travels: IB's -1 / -2 values, or Double.MAX_VALUE. */
  readonly notComputedAs: 'ib' | 'max';
}

/** IB's "not computed" value of each field (what `@stoqey/ib` turns into undefined). */
export const NOT_COMPUTED = {
  impliedVol: -1, delta: -2, optPrice: -1, pvDividend: -1, gamma: -2, vega: -2, theta: -2, undPrice: -1,
} as const;

/** Java's Double.MAX_VALUE as TWS writes it. */
export const DOUBLE_MAX_TEXT = '1.7976931348623157E308';

const NOTHING = {
  impliedVol: undefined, delta: undefined, optPrice: undefined, pvDividend: undefined,
  gamma: undefined, vega: undefined, theta: undefined, undPrice: undefined,
} as const;

/** The computation to send under a mode; `sequence` counts this option's computation ticks. */
export const applyComputationMode = (c: OptionComputation, mode: OptionComputationMode, sequence: number): OptionComputation => {
  if (mode === 'not-computed' || (mode === 'alternate' && sequence % 2 === 1)) return { ...NOTHING, notComputedAs: 'ib' };
  if (mode === 'max-value') return { ...NOTHING, notComputedAs: 'max' };
  return c;
};

/** tickAttrib: 0 = return-based volatility (1 would be price-based). */
const RETURN_BASED = 0;
/** The message version TWS sends before PRICE_BASED_VOLATILITY (156). */
const TICK_OPTION_VERSION = 6;

const field = (value: number | undefined, notComputed: number, as: 'ib' | 'max'): Field =>
  value !== undefined && Number.isFinite(value) ? value : as === 'max' ? DOUBLE_MAX_TEXT : notComputed;

/**
 * tickOptionComputation (21) as `@stoqey/ib` decodes it: from server 156 (PRICE_BASED_VOLATILITY)
 * `21|reqId|tickType|tickAttrib|impliedVol|delta|optPrice|pvDividend|gamma|vega|theta|undPrice`,
 * before it `21|6|reqId|tickType|impliedVol|…|undPrice` (version 6 carries every field).
 */
export const tickOptionComputationMsg = (v: number, reqId: number, tickType: number, c: OptionComputation): Field[] => {
  const as = c.notComputedAs;
  const values: Field[] = [
    field(c.impliedVol, NOT_COMPUTED.impliedVol, as),
    field(c.delta, NOT_COMPUTED.delta, as),
    field(c.optPrice, NOT_COMPUTED.optPrice, as),
    field(c.pvDividend, NOT_COMPUTED.pvDividend, as),
    field(c.gamma, NOT_COMPUTED.gamma, as),
    field(c.vega, NOT_COMPUTED.vega, as),
    field(c.theta, NOT_COMPUTED.theta, as),
    field(c.undPrice, NOT_COMPUTED.undPrice, as),
  ];
  return v >= ServerVersion.PRICE_BASED_VOLATILITY
    ? [ServerMsg.TICK_OPTION_COMPUTATION, reqId, tickType, RETURN_BASED, ...values]
    : [ServerMsg.TICK_OPTION_COMPUTATION, TICK_OPTION_VERSION, reqId, tickType, ...values];
};
