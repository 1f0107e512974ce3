/**
 * Black-Scholes-Merton for European options on an underlying with a continuous dividend yield:
 * the model behind the simulator's option computation ticks. Greeks in TWS's units: vega per
 * volatility point (0.01), theta per calendar day, gamma per 1.00 of the underlying.
 */

/** The inputs of one valuation. */
export interface BsInputs {
  readonly right: 'C' | 'P';
  readonly spot: number;
  readonly strike: number;
  /** Time to expiry in years (> 0). */
  readonly years: number;
  /** Continuously compounded risk-free rate (0.04 = 4 %). */
  readonly rate: number;
  /** Continuous dividend yield. */
  readonly dividendYield: number;
  /** Annualised volatility (0.25 = 25 %). */
  readonly vol: number;
}

/** Price and greeks of one option. */
export interface BsValuation {
  readonly price: number;
  readonly delta: number;
  readonly gamma: number;
  readonly vega: number;
  readonly theta: number;
  /** Present value of the dividends expected until expiry (per share). */
  readonly pvDividend: number;
}

const DAYS_PER_YEAR = 365;
const PER_VOL_POINT = 0.01;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
// Abramowitz & Stegun 26.2.17 (absolute error < 7.5e-8).
const AS_P = 0.231_641_9;
const AS_B = [0.319_381_530, -0.356_563_782, 1.781_477_937, -1.821_255_978, 1.330_274_429] as const;

/** Standard normal density. */
export const normPdf = (x: number): number => INV_SQRT_2PI * Math.exp(-0.5 * x * x);

/** Standard normal cumulative distribution. */
export const normCdf = (x: number): number => {
  const t = 1 / (1 + AS_P * Math.abs(x));
  const poly = t * (AS_B[0] + t * (AS_B[1] + t * (AS_B[2] + t * (AS_B[3] + t * AS_B[4]))));
  const upper = normPdf(x) * poly;
  return x >= 0 ? 1 - upper : upper;
};

/** Price and greeks of a European call or put. */
export const blackScholes = (o: BsInputs): BsValuation => {
  const { spot: s, strike: k, years: t, rate: r, dividendYield: q, vol } = o;
  const sqrtT = Math.sqrt(t);
  const d1 = (Math.log(s / k) + (r - q + (vol * vol) / 2) * t) / (vol * sqrtT);
  const d2 = d1 - vol * sqrtT;
  const carry = Math.exp(-q * t);
  const discount = Math.exp(-r * t);
  const density = normPdf(d1);
  const gamma = (carry * density) / (s * vol * sqrtT);
  const vega = s * carry * density * sqrtT * PER_VOL_POINT;
  const decay = (-s * carry * density * vol) / (2 * sqrtT);
  const pvDividend = s * (1 - carry);
  if (o.right === 'C') {
    const price = s * carry * normCdf(d1) - k * discount * normCdf(d2);
    const theta = (decay - r * k * discount * normCdf(d2) + q * s * carry * normCdf(d1)) / DAYS_PER_YEAR;
    return { price, delta: carry * normCdf(d1), gamma, vega, theta, pvDividend };
  }
  const price = k * discount * normCdf(-d2) - s * carry * normCdf(-d1);
  const theta = (decay + r * k * discount * normCdf(-d2) - q * s * carry * normCdf(-d1)) / DAYS_PER_YEAR;
  return { price, delta: -carry * normCdf(-d1), gamma, vega, theta, pvDividend };
};

const MIN_VOL = 0.005;
const MAX_VOL = 5;
const BISECTIONS = 60;

/**
 * The volatility at which the model price equals `price`, or undefined when no volatility in
 * 0.5 %–500 % gives it (a price below intrinsic value, or absurdly high): TWS's "not computed".
 */
export const impliedVol = (price: number, o: Omit<BsInputs, 'vol'>): number | undefined => {
  const at = (vol: number): number => blackScholes({ ...o, vol }).price;
  let low = MIN_VOL;
  let high = MAX_VOL;
  if (!(price > at(low) && price < at(high))) return undefined;
  for (let i = 0; i < BISECTIONS; i++) {
    const mid = (low + high) / 2;
    if (at(mid) < price) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
};
