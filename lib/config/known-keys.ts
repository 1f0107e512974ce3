import { InvalidInputError, UnknownOptionError } from '../errors.js';

/**
 * Optimal string alignment distance (Levenshtein plus swapping two neighbours), case-insensitive.
 * commander has one (`suggestSimilar`) but does not export it.
 */
function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const width = y.length + 1;
  const table = Array.from({ length: (x.length + 1) * width }, (_, k) => (k < width ? k : k % width === 0 ? k / width : 0));
  const at = (i: number, j: number): number => table[i * width + j] ?? 0;
  for (let i = 1; i <= x.length; i += 1) {
    for (let j = 1; j <= y.length; j += 1) {
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (x[i - 1] === y[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      table[i * width + j] = best;
    }
  }
  return at(x.length, y.length);
}

/** Edits a name of this length may be away from a known one and still count as a typo of it. */
const allowedEdits = (length: number): number => (length <= 3 ? 1 : length <= 6 ? 2 : 3);

/** The candidates at the smallest distance, if that distance passes `close`. */
function nearest(word: string, candidates: readonly string[], distance: (candidate: string) => number, close: (d: number) => boolean): string[] {
  const scored = candidates.map((candidate) => ({ candidate, d: distance(candidate) })).filter(({ d }) => close(d));
  const best = Math.min(...scored.map(({ d }) => d));
  return scored.filter(({ d }) => d === best).map(({ candidate }) => candidate);
}

/**
 * The one candidate `word` is probably a typo of, for a "did you mean …?" hint: the same name in
 * another case (`last` → `Last`), else the only one a few edits away (`row` → `rows`,
 * `marketdata` → `market_data`), else the only one containing it or contained in it, 3 letters
 * or more (`what` → `whatToShow`). `undefined` when none or several are equally close.
 */
export function closestName(word: string, candidates: readonly string[]): string | undefined {
  const byEdits = nearest(word, candidates, (candidate) => editDistance(word, candidate), (d) => d <= allowedEdits(word.length) && d < word.length);
  if (byEdits.length > 0) return byEdits.length === 1 ? byEdits[0] : undefined;
  const lower = word.toLowerCase();
  const contains = (candidate: string): boolean => {
    const other = candidate.toLowerCase();
    return Math.min(lower.length, other.length) >= 3 && (other.includes(lower) || lower.includes(other));
  };
  const byPart = candidates.filter(contains);
  return byPart.length === 1 ? byPart[0] : undefined;
}

/** ` (did you mean "Last"?)` when `value` is a string close to one of `names` (see {@link closestName}), else `''`. */
export function didYouMean(value: unknown, names: readonly string[]): string {
  const close = typeof value === 'string' ? closestName(value, names) : undefined;
  return close === undefined ? '' : ` (did you mean "${close}"?)`;
}

/**
 * Checks the keys of a call's options object: a key the call does not take is an
 * `UnknownOptionError` naming it, the call's options and the close one (`row` → "did you mean
 * rows?"), where TypeScript would not catch it (JavaScript callers, `as` casts, spread objects).
 * Options that are not an object are an `InvalidInputError` naming `options`; `undefined` (no
 * options) passes. The same rule as the config's unknown keys (see `configProblems`).
 */
export function checkOptionKeys(options: unknown, known: readonly string[], call: string): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidInputError({ field: 'options', value: options, expected: `an object of options of ${call} { ${known.map((key) => `${key}?`).join(', ')} }` });
  }
  const key = Object.keys(options).find((name) => !known.includes(name));
  if (key === undefined) return;
  const value: unknown = (options as Readonly<Record<string, unknown>>)[key];
  throw new UnknownOptionError({ call, key, value, known, suggestion: closestName(key, known) });
}
