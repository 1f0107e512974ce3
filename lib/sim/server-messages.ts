import { escapeAscii7, type Field } from './frame.js';
import { ServerMsg } from './protocol-ids.js';
import { ServerVersion } from './server-version.js';

/**
 * Builders for the server → client messages, field by field as `@stoqey/ib`'s decoder reads them
 * (dist/core/io/decoder.js) for the negotiated server version.
 */

/** Per-message version fields as TWS sends them. */
const V = { TICK: 6, ERR: 2, ONE: 1 } as const;

/** Decimals kept in prices on the wire: enough for half-pip forex quotes (1.08235). */
const PRICE_SCALE = 1_000_000;

/** Prices travel as the shortest decimal text of the value (`189.5`, `202.55`, `1.08235`). */
export const priceText = (price: number): string => String(Math.round(price * PRICE_SCALE) / PRICE_SCALE);

/** tickPrice `1|6|reqId|tickType|price|size|attrMask`. */
export const tickPriceMsg = (reqId: number, tickType: number, price: number, size: number): Field[] => [
  ServerMsg.TICK_PRICE, V.TICK, reqId, tickType, priceText(price), size, 0,
];

/** tickSize `2|6|reqId|tickType|size`. */
export const tickSizeMsg = (reqId: number, tickType: number, size: number): Field[] => [
  ServerMsg.TICK_SIZE, V.TICK, reqId, tickType, size,
];

/** tickString `46|6|reqId|tickType|value`. */
export const tickStringMsg = (reqId: number, tickType: number, value: string): Field[] => [
  ServerMsg.TICK_STRING, V.TICK, reqId, tickType, value,
];

/** tickGeneric `45|6|reqId|tickType|value`. */
export const tickGenericMsg = (reqId: number, tickType: number, value: string): Field[] => [
  ServerMsg.TICK_GENERIC, V.TICK, reqId, tickType, value,
];

/** tickReqParams `81|reqId|minTick|bboExchange|snapshotPermissions` (no version field). */
export const tickReqParamsMsg = (reqId: number, minTick: number): Field[] => [
  ServerMsg.TICK_REQ_PARAMS, reqId, minTick, '9c0001', 3,
];

/** marketDataType `58|1|reqId|type` — the type actually delivered for that request. */
export const marketDataTypeMsg = (reqId: number, type: number): Field[] => [
  ServerMsg.MARKET_DATA_TYPE, V.ONE, reqId, type,
];

/** tickSnapshotEnd `57|1|reqId`. */
export const tickSnapshotEndMsg = (reqId: number): Field[] => [ServerMsg.TICK_SNAPSHOT_END, V.ONE, reqId];

/**
 * error `4`, in the layout of the server version: `4|2|id|code|msg` (< 166),
 * `4|2|id|code|msg|json` (166–193), `4|id|code|msg|json|errorTimeMs` (≥ 194, no version field).
 */
export const errorMsg = (serverVersion: number, reqId: number, code: number, message: string, nowMs: number): Field[] => {
  const text = serverVersion >= ServerVersion.ENCODE_MSG_ASCII7 ? escapeAscii7(message) : message;
  if (serverVersion >= ServerVersion.ERROR_TIME) return [ServerMsg.ERR_MSG, reqId, code, text, '', nowMs];
  if (serverVersion >= ServerVersion.ADVANCED_ORDER_REJECT) return [ServerMsg.ERR_MSG, V.ERR, reqId, code, text, ''];
  return [ServerMsg.ERR_MSG, V.ERR, reqId, code, text];
};

/** currentTime `49|1|epochSeconds`. */
export const currentTimeMsg = (epochSeconds: number): Field[] => [ServerMsg.CURRENT_TIME, V.ONE, epochSeconds];

/** currentTimeInMillis `109|epochMs` (servers ≥ 197). */
export const currentTimeInMillisMsg = (epochMs: number): Field[] => [ServerMsg.CURRENT_TIME_IN_MILLIS, epochMs];

/** managedAccounts `15|1|accounts`. */
export const managedAccountsMsg = (accounts: readonly string[]): Field[] => [
  ServerMsg.MANAGED_ACCTS, V.ONE, accounts.join(','),
];

/** nextValidId `9|1|orderId`. */
export const nextValidIdMsg = (orderId: number): Field[] => [ServerMsg.NEXT_VALID_ID, V.ONE, orderId];

/** contractDetailsEnd `52|1|reqId`. */
export const contractDetailsEndMsg = (reqId: number): Field[] => [ServerMsg.CONTRACT_DATA_END, V.ONE, reqId];
