/** MIN_SERVER_VER_* gates the simulator's message layouts depend on (TWS API numbering). */
export const ServerVersion = {
  OPTIONAL_CAPABILITIES: 72,
  PRIMARYEXCH: 75,
  V100: 100,
  PAST_LIMIT: 109,
  MD_SIZE_MULTIPLIER: 110,
  REQ_SMART_COMPONENTS: 114,
  AGG_GROUP: 121,
  UNDERLYING_INFO: 122,
  MARKET_RULES: 126,
  REAL_EXPIRATION_DATE: 134,
  STOCK_TYPE: 152,
  ENCODE_MSG_ASCII7: 153,
  FRACTIONAL_SIZE_SUPPORT: 163,
  SIZE_RULES: 164,
  ADVANCED_ORDER_REJECT: 166,
  BOND_ISSUERID: 176,
  FUND_DATA_FIELDS: 179,
  LAST_TRADE_DATE: 182,
  INELIGIBILITY_REASONS: 186,
  ERROR_TIME: 194,
  CURRENT_TIME_IN_MILLIS: 197,
  PARAMETRIZED_DAYS_OF_EXECUTIONS: 200,
} as const;

/** Oldest server version the simulator speaks (v100+ framing). */
export const SIM_MIN_SERVER_VERSION = ServerVersion.V100;
/** Newest: 201 switches to protobuf payloads, which the simulator does not speak. */
export const SIM_MAX_SERVER_VERSION = ServerVersion.PARAMETRIZED_DAYS_OF_EXECUTIONS;
