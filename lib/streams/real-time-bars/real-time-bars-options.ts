import { checkOptionKeys, didYouMean } from '../../config/known-keys.js';
import { InvalidInputError } from '../../errors.js';

/**
 * What 5-second bars show (`reqRealTimeBars`' whatToShow). Only `TRADES` bars carry volume,
 * trade count and WAP; `MIDPOINT`, `BID` and `ASK` bars have `volume` 0, `trades` 0 and no `wap`.
 */
export type RealTimeBarsWhatToShow = 'TRADES' | 'MIDPOINT' | 'BID' | 'ASK';

/** Every {@link RealTimeBarsWhatToShow}. */
export const REAL_TIME_BARS_WHAT_TO_SHOW: readonly RealTimeBarsWhatToShow[] = ['TRADES', 'MIDPOINT', 'BID', 'ASK'];

/** Options of `IbSession.realTimeBars$`. */
export interface RealTimeBarsOptions {
  /** Default `'TRADES'`, the only kind with volume, trade count and WAP (see {@link RealTimeBarsWhatToShow}). */
  readonly whatToShow?: RealTimeBarsWhatToShow;
  /** Regular trading hours only. Default `false`. */
  readonly useRTH?: boolean;
}

/** {@link RealTimeBarsOptions} checked and defaulted. */
export interface RealTimeBarsQuery {
  readonly whatToShow: RealTimeBarsWhatToShow;
  readonly useRTH: boolean;
}

/** The keys of {@link RealTimeBarsOptions}. */
export const REAL_TIME_BARS_OPTION_KEYS: readonly (keyof RealTimeBarsOptions)[] = ['whatToShow', 'useRTH'];

/**
 * Checks the options: `InvalidInputError` naming `whatToShow` or `useRTH` when wrong,
 * `UnknownOptionError` for a key realTimeBars$ does not take (`whatToshow`, `rth`).
 */
export function realTimeBarsQuery(options: RealTimeBarsOptions | undefined): RealTimeBarsQuery {
  checkOptionKeys(options, REAL_TIME_BARS_OPTION_KEYS, 'realTimeBars$');
  const whatToShow: unknown = options?.whatToShow ?? 'TRADES';
  const useRTH: unknown = options?.useRTH ?? false;
  if (typeof whatToShow !== 'string' || !(REAL_TIME_BARS_WHAT_TO_SHOW as readonly string[]).includes(whatToShow)) {
    throw new InvalidInputError({ field: 'whatToShow', value: whatToShow, expected: `one of ${REAL_TIME_BARS_WHAT_TO_SHOW.join(', ')} (real-time bars)${didYouMean(whatToShow, REAL_TIME_BARS_WHAT_TO_SHOW)}` });
  }
  if (typeof useRTH !== 'boolean') throw new InvalidInputError({ field: 'useRTH', value: useRTH, expected: 'a boolean' });
  return { whatToShow: whatToShow as RealTimeBarsWhatToShow, useRTH };
}
