const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/**
 * A one-line chart of the last `width` values, scaled between their min and max
 * (`sparkline([1, 2, 3, 2]) === '▁▅█▅'`; a flat series is drawn mid-height, no values as '').
 */
export function sparkline(values: readonly number[], width = 20): string {
  const recent = values.slice(-width).filter((v) => Number.isFinite(v));
  if (recent.length === 0) return '';
  const min = Math.min(...recent);
  const max = Math.max(...recent);
  const top = BARS.length - 1;
  return recent
    .map((v) => BARS[max === min ? Math.floor(top / 2) : Math.round(((v - min) / (max - min)) * top)] ?? BARS[0])
    .join('');
}

/** Appends `value` to a bounded list of recent values (a new array; the input is not changed). */
export function pushRecent(values: readonly number[], value: number, limit: number): readonly number[] {
  return values.length < limit ? [...values, value] : [...values.slice(values.length - limit + 1), value];
}
