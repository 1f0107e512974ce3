/** A seeded pseudo-random source: returns numbers in [0, 1). */
export type Prng = () => number;

/** mulberry32: small, fast and good enough for a market walk; same seed → same sequence. */
export const createPrng = (seed: number): Prng => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/** An integer in [min, max]. */
export const randomInt = (rng: Prng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
