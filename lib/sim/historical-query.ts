import { LIVE_BAR_MIN_S, parseBarSize, parseDuration, type BarSize, type Duration } from './bar-sizes.js';
import { SimCode } from './codes.js';
import type { HistoricalDataRequest } from './historical-request-parsers.js';
import { historicalText } from './historical-texts.js';
import { UNSIMULATED_WHAT_TO_SHOW, WHAT_TO_SHOW, type ShowSource } from './historical-bars.js';
import { parseEndDateTime } from './ib-dates.js';
import type { SimContract } from './sim-contract.js';

/** A reqHistoricalData that passed TWS's checks. */
export interface HistoricalQuery {
  readonly contract: SimContract;
  readonly barSize: BarSize;
  readonly duration: Duration;
  /** Upper case, as answered in texts (`TRADES`). */
  readonly whatToShow: string;
  readonly source: ShowSource;
  readonly useRTH: boolean;
  readonly formatDate: number;
  readonly keepUpToDate: boolean;
  readonly endDateTime: string;
  /** The end had no time zone: TWS warns with 2174 and uses its own. */
  readonly impliedZone: boolean;
}

/** A refusal: the error code and text to send. */
export interface QueryError {
  readonly code: number;
  readonly text: string;
}

/** The time zone TWS assumes for an end date without one: its login zone, UTC here (as the handshake's time says). */
export const IMPLIED_ZONE = 'UTC';

const refuse = (code: number, text: string): QueryError => ({ code, text });

/** `AAPL@SMART Trades`: how HMDS names a query in "no data" answers. */
export const queryName = (contract: SimContract, exchange: string, whatToShow: string): string => {
  const kind = whatToShow.charAt(0) + whatToShow.slice(1).toLowerCase();
  return `${contract.localSymbol || contract.symbol}@${exchange || contract.exchange} ${kind}`;
};

/**
 * Checks a request as TWS does, in this order: bar size (321), duration (321), whatToShow (321;
 * valid but unsimulated kinds get 162 "no data"), end date (10314), keepUpToDate with an end date
 * (321) or bars under 5 s (162), duration too long for the bar size (162 "Time length exceed max.").
 */
export const checkHistoricalRequest = (req: HistoricalDataRequest, contract: SimContract, now: number): HistoricalQuery | QueryError => {
  const barSize = parseBarSize(req.barSize);
  if (!barSize) return refuse(SimCode.VALIDATION_ERROR, historicalText.invalidBarSize);
  const duration = parseDuration(req.duration);
  if (!duration) return refuse(SimCode.VALIDATION_ERROR, historicalText.invalidDuration(req.duration));
  const whatToShow = req.whatToShow.trim().toUpperCase();
  const source = WHAT_TO_SHOW[whatToShow];
  if (!source) {
    return UNSIMULATED_WHAT_TO_SHOW.has(whatToShow)
      ? refuse(SimCode.HISTORICAL_DATA_ERROR, historicalText.noData(queryName(contract, req.contract.exchange, whatToShow)))
      : refuse(SimCode.VALIDATION_ERROR, historicalText.invalidWhatToShow(req.whatToShow));
  }
  const end = parseEndDateTime(req.endDateTime, now, IMPLIED_ZONE);
  if (!end) return refuse(SimCode.INVALID_END_DATE_TIME, historicalText.invalidEndDateTime);
  if (req.keepUpToDate && req.endDateTime.trim() !== '') return refuse(SimCode.VALIDATION_ERROR, historicalText.endDateWithLiveUpdates);
  if (req.keepUpToDate && barSize.seconds < LIVE_BAR_MIN_S) return refuse(SimCode.HISTORICAL_DATA_ERROR, historicalText.liveBarsTooSmall(barSize.text));
  if (duration.seconds > barSize.maxDurationS) return refuse(SimCode.HISTORICAL_DATA_ERROR, historicalText.timeLengthExceedMax);
  return {
    contract, barSize, duration, whatToShow, source, useRTH: req.useRTH, formatDate: req.formatDate,
    keepUpToDate: req.keepUpToDate, endDateTime: req.endDateTime.trim(), impliedZone: end.impliedZone,
  };
};
