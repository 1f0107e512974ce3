/**
 * Message ids of the TWS API socket protocol, named from the simulator's side.
 * Values as in `@stoqey/ib`'s OUT_MSG_ID / IN_MSG_ID (lib/sim does not import it).
 */

/** Messages a client sends to the server (the ones the simulator understands). */
export const ClientMsg = {
  REQ_MKT_DATA: 1,
  CANCEL_MKT_DATA: 2,
  REQ_IDS: 8,
  REQ_CONTRACT_DATA: 9,
  REQ_MKT_DEPTH: 10,
  CANCEL_MKT_DEPTH: 11,
  REQ_MANAGED_ACCTS: 17,
  REQ_HISTORICAL_DATA: 20,
  CANCEL_HISTORICAL_DATA: 25,
  REQ_CURRENT_TIME: 49,
  REQ_MARKET_DATA_TYPE: 59,
  START_API: 71,
  REQ_SEC_DEF_OPT_PARAMS: 78,
  REQ_MATCHING_SYMBOLS: 81,
  REQ_HEAD_TIMESTAMP: 87,
  CANCEL_HEAD_TIMESTAMP: 90,
  REQ_CURRENT_TIME_IN_MILLIS: 105,
} as const;

/** Messages the server sends to a client. */
export const ServerMsg = {
  TICK_PRICE: 1,
  TICK_SIZE: 2,
  ERR_MSG: 4,
  NEXT_VALID_ID: 9,
  CONTRACT_DATA: 10,
  MANAGED_ACCTS: 15,
  HISTORICAL_DATA: 17,
  TICK_OPTION_COMPUTATION: 21,
  TICK_GENERIC: 45,
  TICK_STRING: 46,
  CURRENT_TIME: 49,
  CONTRACT_DATA_END: 52,
  TICK_SNAPSHOT_END: 57,
  MARKET_DATA_TYPE: 58,
  SECURITY_DEFINITION_OPTION_PARAMETER: 75,
  SECURITY_DEFINITION_OPTION_PARAMETER_END: 76,
  SYMBOL_SAMPLES: 79,
  TICK_REQ_PARAMS: 81,
  HEAD_TIMESTAMP: 88,
  HISTORICAL_DATA_UPDATE: 90,
  HISTORICAL_DATA_END: 108,
  CURRENT_TIME_IN_MILLIS: 109,
} as const;

/** An id no client knows: used by the `unknown-message-id` garbage fault. */
export const UNKNOWN_SERVER_MSG_ID = 999;
