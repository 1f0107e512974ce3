/**
 * Texts of the historical-data errors, worded like TWS's where a recorded message is known (see
 * docs/simulator.md for which ones are recorded and which are the simulator's own wording).
 */

/** Every HMDS (162) message starts with this. */
const HMDS = 'Historical Market Data Service error message:';
/** TWS's prefix of request validation errors (321). */
const VALIDATION = "Error validating request.-'bK' : cause - ";

/** The bar sizes TWS lists in its 321 answer to an invalid one (recorded). */
export const LEGAL_BAR_SIZES_TEXT =
  '1 secs, 5 secs, 10 secs, 15 secs, 30 secs, 1 min, 2 mins, 3 mins, 5 mins, 10 mins, 15 mins, 20 mins, 30 mins, 1 hour, 2 hours, 3 hours, 4 hours, 8 hours, 1 day, 1W, 1M';

export const historicalText = {
  /** 162, recorded. */
  pacingViolation: `${HMDS}Historical data request pacing violation`,
  /** 162, recorded (`AAPL@SMART Trades`, `EUR.USD@IDEALPRO Ask`). */
  noData: (what: string) => `${HMDS}HMDS query returned no data: ${what}`,
  /** 162, recorded: a query the client cancelled before it completed, or a live one. */
  cancelled: (reqId: number) => `${HMDS}API historical data query cancelled: ${reqId}`,
  /** 162: the duration is longer than the bar size allows (TWS wording from memory, unverified). */
  timeLengthExceedMax: `${HMDS}Time length exceed max.`,
  /** 162: keepUpToDate with bars under 5 s (the simulator's wording). */
  liveBarsTooSmall: (barSize: string) => `${HMDS}Live updates are not available for bars of ${barSize}; use 5 secs or more`,
  /** 321, recorded. */
  invalidBarSize: `${VALIDATION}Historical data bar size setting is invalid. Legal ones are: ${LEGAL_BAR_SIZES_TEXT}`,
  /** 321 (TWS wording from memory, unverified). */
  endDateWithLiveUpdates: "Error validating request.-'bX' : cause - End date not supported with live updates",
  /** 321 (the simulator's wording). */
  invalidDuration: (duration: string) => `${VALIDATION}Historical data duration format is invalid: '${duration}'. Use an integer, a space and S, D, W, M or Y`,
  /** 321 (the simulator's wording). */
  invalidWhatToShow: (whatToShow: string) => `${VALIDATION}Historical data what to show is invalid: '${whatToShow}'`,
  /** 366, worded as TWS's. */
  noHistoricalQuery: (reqId: number) => `No historical data query found for ticker id:${reqId}`,
  /** 2174, recorded (TWS 10.17+): an end date without a time zone. */
  impliedTimeZone:
    'Warning: You submitted request with date-time attributes without explicit time zone. Please switch to use yyyymmdd-hh:mm:ss in UTC or use instrument time zone, like US/Eastern. Implied time zone functionality will be removed in the next API release',
  /** 10314, worded as TWS's. */
  invalidEndDateTime:
    'End Date/Time: The date, time, or time-zone entered is invalid. The correct format is yyyymmdd hh:mm:ss xx/xxxx where yyyymmdd and xx/xxxx are optional. E.g.: 20031126 15:59:00 US/Eastern  Note that there is a space between the date and time, and between the time and time-zone.  If no date is specified, current date is assumed. If no time-zone is specified, local time-zone is assumed(deprecated).  You can also provide yyyymmddd-hh:mm:ss time is in UTC. Note that there is a dash between the date and time in UTC notation.',
} as const;
