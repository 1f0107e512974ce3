import { InvalidArgumentError } from 'commander';
import { isBarSize, type BarSize } from '../../history/bar-size.js';
import { LIVE_BAR_MIN_SECONDS } from '../../history/historical-query.js';

const UNITS: Readonly<Record<string, (n: number) => string>> = {
  s: (n) => `${n} secs`,
  m: (n) => (n === 1 ? '1 min' : `${n} mins`),
  h: (n) => (n === 1 ? '1 hour' : `${n} hours`),
  d: (n) => (n === 1 ? '1 day' : `${n} days`),
  w: (n) => (n === 1 ? '1 week' : `${n} weeks`),
};

/**
 * `watch --bars`: a short bar size (`5s`, `1m`, `15m`, `1h`, `1d`, `1w`) or IB's own spelling
 * (`'1 min'`) → IB's bar size, one that IB keeps up to date (5 secs or longer). Anything else throws
 * commander's InvalidArgumentError (one line, exit 2).
 */
export function parseBarInterval(value: string): BarSize {
  const text = value.trim();
  const short = /^(\d+)([smhdw])$/.exec(text);
  const barSize = short === null ? text : (UNITS[short[2] ?? ''] ?? String)(Number(short[1]));
  if (!isBarSize(barSize) || barSize === '1 secs') {
    throw new InvalidArgumentError(`expected a bar size IB keeps up to date (${LIVE_BAR_MIN_SECONDS} secs or longer): 5s, 10s, 15s, 30s, 1m, 2m, 3m, 5m, 10m, 15m, 20m, 30m, 1h, 2h, 3h, 4h, 8h, 1d, 1w, or IB's spelling such as '1 min'.`);
  }
  return barSize;
}
