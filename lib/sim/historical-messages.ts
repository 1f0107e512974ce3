import type { Field } from './field.js';
import { ServerMsg } from './protocol-ids.js';
import { priceText } from './server-messages.js';
import { ServerVersion } from './server-version.js';

/** One bar as it travels: its time text and values (-1 where IB has none: volume, WAP and count of non-TRADES bars). */
export interface BarRow {
  readonly time: string;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly wap: number;
  readonly count: number;
}

/** The per-message version TWS put into historicalData before server 124. */
const HISTORICAL_DATA_VERSION = 3;
/** `hasGaps`, sent before server 124 as TWS did: the word, not a digit. */
const NO_GAPS = 'false';
const NOT_AVAILABLE = -1;

const num = (value: number): Field => (value === NOT_AVAILABLE ? NOT_AVAILABLE : priceText(value));

const barFields = (bar: BarRow, withGaps: boolean): Field[] => [
  bar.time, priceText(bar.open), priceText(bar.high), priceText(bar.low), priceText(bar.close), bar.volume, num(bar.wap),
  ...(withGaps ? [NO_GAPS] : []), bar.count,
];

/**
 * historicalData in the layout of the server version, as the official decoders read it:
 * `17|3|reqId|start|end|n|(time|o|h|l|c|volume|wap|hasGaps|count)×n` below 124 (SYNT_REALTIME_BARS),
 * `17|reqId|start|end|n|(time|o|h|l|c|volume|wap|count)×n` from 124, and from 196
 * (HISTORICAL_DATA_END) `17|reqId|n|bars…` followed by historicalDataEnd `108|reqId|start|end`.
 */
export const historicalDataMsgs = (serverVersion: number, reqId: number, start: string, end: string, bars: readonly BarRow[]): Field[][] => {
  const old = serverVersion < ServerVersion.SYNT_REALTIME_BARS;
  const body = bars.flatMap((b) => barFields(b, old));
  if (serverVersion >= ServerVersion.HISTORICAL_DATA_END) {
    return [[ServerMsg.HISTORICAL_DATA, reqId, bars.length, ...body], [ServerMsg.HISTORICAL_DATA_END, reqId, start, end]];
  }
  const head: Field[] = old ? [ServerMsg.HISTORICAL_DATA, HISTORICAL_DATA_VERSION, reqId] : [ServerMsg.HISTORICAL_DATA, reqId];
  return [[...head, start, end, bars.length, ...body]];
};

/** historicalDataUpdate `90|reqId|count|time|open|close|high|low|wap|volume` (note the order; no version field). */
export const historicalDataUpdateMsg = (reqId: number, bar: BarRow): Field[] => [
  ServerMsg.HISTORICAL_DATA_UPDATE, reqId, bar.count, bar.time, priceText(bar.open), priceText(bar.close),
  priceText(bar.high), priceText(bar.low), num(bar.wap), bar.volume,
];

/** headTimestamp `88|reqId|timestamp` (no version field). */
export const headTimestampMsg = (reqId: number, timestamp: string): Field[] => [ServerMsg.HEAD_TIMESTAMP, reqId, timestamp];
