import { InvalidInputError } from '../errors.js';

/** IB's generic tick ids are three-digit numbers (100 option volume … 236 shortable … 619 IPO prices). */
const MIN_GENERIC_TICK = 100;
const MAX_GENERIC_TICK = 999;

/**
 * The `genericTickList` of `reqMktData` for a list of generic tick ids: unique, ascending,
 * comma-separated (`[236, 233, 236]` → `'233,236'`; none → `''`), so that every spelling of the
 * same list shares one request. Throws `InvalidInputError` (field `genericTicks`) for anything but
 * whole numbers from 100 to 999.
 *
 * @example
 * genericTickList([236, 233]); // '233,236' (RTVolume, shortable)
 */
export function genericTickList(ticks: readonly number[] | undefined): string {
  if (ticks === undefined) return '';
  for (const id of ticks) {
    if (!Number.isInteger(id) || id < MIN_GENERIC_TICK || id > MAX_GENERIC_TICK) {
      throw new InvalidInputError({ field: 'genericTicks', value: ticks, expected: `generic tick ids (whole numbers ${MIN_GENERIC_TICK}–${MAX_GENERIC_TICK}, e.g. 233 RTVolume, 236 shortable)` });
    }
  }
  return [...new Set(ticks)].sort((a, b) => a - b).join(',');
}
