/**
 * A seeded price path evaluable at any second: log-price noise built by midpoint displacement (a
 * Brownian bridge over 2^32 seconds from 1970, one hashed normal per node, so any second costs 32
 * steps and nothing is stored), a yearly drift, and pins the path passes through exactly (the
 * previous close, today's open, the price when history began), linearly corrected between them.
 */

/** A price the path must take at an instant. */
export interface PathPin {
  readonly t: number;
  readonly price: number;
}

/** Bounds the path keeps to inside a window (today's high and low so far). */
export interface PathClamp {
  readonly from: number;
  readonly to: number;
  readonly low: number;
  readonly high: number;
}

const LEVELS = 32;
const SPAN_S = 2 ** LEVELS;
const SECOND_MS = 1000;
const YEAR_MS = 365 * 86_400_000;
/** The hash index of the bridge's far endpoint (no midpoint has it: midpoints are < 2^32). */
const ROOT_INDEX = 0xffffffff;

/** A 32-bit integer mix (lowbias32). */
export const mix32 = (x: number): number => {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
};

const UINT32 = 4_294_967_296;
/** Decorrelates the second uniform of a normal draw from the first. */
const SECOND_DRAW_SALT = 0x9e3779b9;

/** A standard normal drawn from (key, index), always the same for the same pair. */
export const hashedNormal = (key: number, index: number): number => {
  const a = mix32(key ^ mix32(index));
  const b = mix32(a ^ SECOND_DRAW_SALT);
  const u1 = (a + 1) / (UINT32 + 1);
  const u2 = b / UINT32;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
};

export class PricePath {
  private readonly sigmaPerSqrtS: number;
  private readonly corrections: { readonly t: number; readonly c: number }[];

  /**
   * @param key seeds the noise (the simulator's seed and the contract).
   * @param dailyVol standard deviation of the log price over 24 hours.
   * @param yearlyDrift expected log return per year (older prices are lower when positive).
   * @param pins instants the path passes through, in time order (at least one).
   */
  constructor(
    private readonly key: number,
    dailyVol: number,
    private readonly yearlyDrift: number,
    pins: readonly PathPin[],
    private readonly clamp: PathClamp | undefined,
  ) {
    this.sigmaPerSqrtS = dailyVol / Math.sqrt(86_400);
    this.corrections = pins.map((p) => ({ t: p.t, c: Math.log(p.price) - this.raw(p.t) }));
  }

  /** Noise plus drift at `t` (ms), before pinning. */
  private raw(t: number): number {
    const s = Math.min(SPAN_S - 1, Math.max(0, Math.floor(t / SECOND_MS)));
    let a = 0;
    let b = SPAN_S;
    let va = 0;
    let vb = hashedNormal(this.key, ROOT_INDEX) * this.sigmaPerSqrtS * Math.sqrt(SPAN_S);
    while (b - a > 1) {
      const m = a + (b - a) / 2;
      const vm = (va + vb) / 2 + hashedNormal(this.key, m) * this.sigmaPerSqrtS * Math.sqrt(b - a) / 2;
      if (s < m) {
        b = m;
        vb = vm;
      } else {
        a = m;
        va = vm;
      }
    }
    return va + (this.yearlyDrift * t) / YEAR_MS;
  }

  /** The pin correction at `t`: constant before the first and after the last pin, linear between. */
  private correction(t: number): number {
    const cs = this.corrections;
    const first = cs[0];
    if (!first || t <= first.t) return first?.c ?? 0;
    for (let i = 1; i < cs.length; i++) {
      const lo = cs[i - 1];
      const hi = cs[i];
      if (lo && hi && t <= hi.t) return hi.t === lo.t ? hi.c : lo.c + ((hi.c - lo.c) * (t - lo.t)) / (hi.t - lo.t);
    }
    return cs[cs.length - 1]?.c ?? 0;
  }

  /** The price at `t` (ms), unrounded. */
  at(t: number): number {
    const price = Math.exp(this.raw(t) + this.correction(t));
    const k = this.clamp;
    return k && t >= k.from && t <= k.to ? Math.min(k.high, Math.max(k.low, price)) : price;
  }

  /** The per-second volatility (for wicks between samples). */
  get sigma(): number {
    return this.sigmaPerSqrtS;
  }
}
