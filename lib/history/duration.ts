import { InvalidInputError } from '../errors.js';

/** IB's duration units: seconds, (trading) days, weeks, months, years. */
export type DurationUnit = 'S' | 'D' | 'W' | 'M' | 'Y';

/** An IB duration string: a whole number, one space, a unit (`'30 S'`, `'1 D'`, `'2 W'`, `'1 M'`, `'1 Y'`). */
export type Duration = `${number} ${DurationUnit}`;

/** A parsed duration. */
export interface DurationInfo {
  readonly duration: Duration;
  readonly count: number;
  readonly unit: DurationUnit;
  /** Nominal length, s (D = 1 day, W = 7, M = 30, Y = 365), as IB compares durations with bar sizes. */
  readonly seconds: number;
}

const DAY = 86_400;
const UNIT_SECONDS: Readonly<Record<DurationUnit, number>> = { S: 1, D: DAY, W: 7 * DAY, M: 30 * DAY, Y: 365 * DAY };
const PATTERN = /^([1-9]\d*) ([SDWMY])$/;

/** Parses an IB duration; throws `InvalidInputError` (field `duration`) unless it is `N U` with N ≥ 1 and U one of S D W M Y. */
export function durationInfo(value: unknown): DurationInfo {
  const match = typeof value === 'string' ? PATTERN.exec(value) : null;
  const count = Number(match?.[1]);
  const unit = match?.[2] as DurationUnit | undefined;
  if (unit === undefined || !Number.isSafeInteger(count)) {
    throw new InvalidInputError({ field: 'duration', value, expected: "IB's duration: a whole number ≥ 1, one space and S, D, W, M or Y (e.g. '30 S', '1 D', '2 W', '1 M', '1 Y')" });
  }
  return { duration: `${count} ${unit}`, count, unit, seconds: count * UNIT_SECONDS[unit] };
}

/** `count` and `unit` as an IB duration string. */
export function formatDuration(count: number, unit: DurationUnit): Duration {
  return `${count} ${unit}`;
}

/** A short human name of a length in seconds in the largest unit that divides it (`86400` → `1 D`), for messages. */
export function describeSeconds(seconds: number): Duration {
  for (const unit of ['Y', 'M', 'W', 'D'] as const) {
    const size = UNIT_SECONDS[unit];
    if (seconds >= size && seconds % size === 0) return `${seconds / size} ${unit}`;
  }
  return `${seconds} S`;
}
