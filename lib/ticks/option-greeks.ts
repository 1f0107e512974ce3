import { IBApiTickType } from '@stoqey/ib';
import type { TickOptionComputationEvent } from '../connection/ib-event.js';

/**
 * An option's model computation (TWS's MODEL_OPTION tick 13, delayed 83): implied volatility
 * (a fraction: 0.25 = 25 %), the greeks, the model price and the underlying price it used.
 * A field TWS did not compute is `undefined` (never IB's -1 / -2 / Double.MAX_VALUE markers).
 */
export interface OptionGreeks {
  readonly impliedVol: number | undefined;
  readonly delta: number | undefined;
  readonly gamma: number | undefined;
  readonly vega: number | undefined;
  readonly theta: number | undefined;
  /** The model's option price. */
  readonly optPrice: number | undefined;
  /** The underlying price the computation used. */
  readonly undPrice: number | undefined;
}

/** IB's "not computed" value of the volatility and price fields. */
const NOT_COMPUTED_PRICE = -1;
/** IB's "not computed" value of the greeks (delta, gamma, vega, theta). */
const NOT_COMPUTED_GREEK = -2;
/** Anything this large is TWS's Double.MAX_VALUE "unset" (1.7976931348623157e308), however it was rounded. */
const UNSET_MAGNITUDE = 1e300;

const T = IBApiTickType;
/** The model computation ids (live, delayed). */
const MODEL_IDS: ReadonlySet<number> = new Set<number>([T.MODEL_OPTION, T.DELAYED_MODEL_OPTION]);

/** `true` for the model computation ids 13 (MODEL_OPTION) and 83 (DELAYED_MODEL_OPTION). */
export function isModelComputation(tickType: number): boolean {
  return MODEL_IDS.has(tickType);
}

/** `true` for DELAYED_MODEL_OPTION (83). */
export function isDelayedComputation(tickType: number): boolean {
  return tickType === (T.DELAYED_MODEL_OPTION as number);
}

const value = (raw: number | undefined, notComputed: number): number | undefined =>
  raw === undefined || raw === notComputed || !Number.isFinite(raw) || Math.abs(raw) >= UNSET_MAGNITUDE ? undefined : raw;

/**
 * The greeks of one computation event, IB's markers turned into `undefined`: -1 for implied
 * volatility, option and underlying price; -2 for delta, gamma, vega and theta (a delta of -1 is a
 * real one); Double.MAX_VALUE (or anything ≥ 1e300, NaN, ±Infinity) for every field. A negative
 * implied volatility is never real either.
 */
export function optionGreeks(event: TickOptionComputationEvent): OptionGreeks {
  const impliedVol = value(event.impliedVol, NOT_COMPUTED_PRICE);
  return {
    impliedVol: impliedVol !== undefined && impliedVol < 0 ? undefined : impliedVol,
    delta: value(event.delta, NOT_COMPUTED_GREEK),
    gamma: value(event.gamma, NOT_COMPUTED_GREEK),
    vega: value(event.vega, NOT_COMPUTED_GREEK),
    theta: value(event.theta, NOT_COMPUTED_GREEK),
    optPrice: value(event.optPrice, NOT_COMPUTED_PRICE),
    undPrice: value(event.undPrice, NOT_COMPUTED_PRICE),
  };
}
