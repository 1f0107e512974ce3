import { Cursor, readContract, skipComboLegs, type RequestedContract } from './request-cursor.js';
import { ServerVersion } from './server-version.js';

/** reqHistoricalData as the client sent it (strings as on the wire, not yet validated). */
export interface HistoricalDataRequest {
  readonly type: 'reqHistoricalData';
  readonly reqId: number;
  readonly contract: RequestedContract;
  readonly includeExpired: boolean;
  /** `''` (now), `yyyyMMdd-HH:mm:ss` (UTC) or `yyyyMMdd HH:mm:ss[ zone]`. */
  readonly endDateTime: string;
  readonly barSize: string;
  readonly duration: string;
  readonly useRTH: boolean;
  readonly whatToShow: string;
  /** 1: date strings; 2: epoch seconds (daily bars stay `yyyyMMdd`). */
  readonly formatDate: number;
  readonly keepUpToDate: boolean;
  /** Tag-value text (`a=1;b=2;`), unused. */
  readonly chartOptions: string;
}

/** reqHeadTimestamp as the client sent it. */
export interface HeadTimestampRequest {
  readonly type: 'reqHeadTimestamp';
  readonly reqId: number;
  readonly contract: RequestedContract;
  readonly includeExpired: boolean;
  readonly useRTH: boolean;
  readonly whatToShow: string;
  readonly formatDate: number;
}

/** The historical-data messages a client sends. */
export type HistoricalClientRequest =
  | HistoricalDataRequest
  | { readonly type: 'cancelHistoricalData'; readonly reqId: number }
  | HeadTimestampRequest
  | { readonly type: 'cancelHeadTimestamp'; readonly reqId: number };

/**
 * reqHistoricalData `20|[6 below 124]|reqId|contract (12 fields)|includeExpired|endDateTime|
 * barSize|duration|useRTH|whatToShow|formatDate|[BAG legs]|[keepUpToDate from 124]|chartOptions`
 * (`@stoqey/ib`'s encoder; conId / tradingClass from 68, chartOptions from 70, both below the
 * simulator's oldest version 100).
 */
export const parseReqHistoricalData = (c: Cursor, serverVersion: number): HistoricalDataRequest => {
  const synthetic = serverVersion >= ServerVersion.SYNT_REALTIME_BARS;
  if (!synthetic) c.skip(1); // message version (6)
  const reqId = c.int();
  const contract = readContract(c);
  const includeExpired = c.bool();
  const endDateTime = c.str();
  const barSize = c.str();
  const duration = c.str();
  const useRTH = c.bool();
  const whatToShow = c.str();
  const formatDate = c.int();
  skipComboLegs(c, contract);
  const keepUpToDate = synthetic ? c.bool() : false;
  const chartOptions = c.str();
  return { type: 'reqHistoricalData', reqId, contract, includeExpired, endDateTime, barSize, duration, useRTH, whatToShow, formatDate, keepUpToDate, chartOptions };
};

/** cancelHistoricalData `25|1|reqId`. */
export const parseCancelHistoricalData = (c: Cursor): HistoricalClientRequest => {
  c.skip(1);
  return { type: 'cancelHistoricalData', reqId: c.int() };
};

/** reqHeadTimestamp `87|reqId|contract (12 fields)|includeExpired|useRTH|whatToShow|formatDate` (no version field). */
export const parseReqHeadTimestamp = (c: Cursor): HeadTimestampRequest => {
  const reqId = c.int();
  const contract = readContract(c);
  const includeExpired = c.bool();
  const useRTH = c.bool();
  const whatToShow = c.str();
  const formatDate = c.int();
  return { type: 'reqHeadTimestamp', reqId, contract, includeExpired, useRTH, whatToShow, formatDate };
};

/** cancelHeadTimestamp `90|reqId` (no version field). */
export const parseCancelHeadTimestamp = (c: Cursor): HistoricalClientRequest => ({ type: 'cancelHeadTimestamp', reqId: c.int() });
