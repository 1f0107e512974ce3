/** TWS error / status codes the simulator sends, with TWS-like texts. */
export const SimCode = {
  MAX_RATE_EXCEEDED: 100,
  MAX_TICKERS: 101,
  HISTORICAL_DATA_ERROR: 162,
  NO_SECURITY_DEFINITION: 200,
  CANT_FIND_ID: 300,
  MAX_DEPTH_REQUESTS: 309,
  DEPTH_HALTED: 316,
  DEPTH_RESET: 317,
  VALIDATION_ERROR: 321,
  DUPLICATE_TICKER_ID: 322,
  CLIENT_ID_IN_USE: 326,
  NOT_SUBSCRIBED: 354,
  NO_HISTORICAL_QUERY: 366,
  CONNECTIVITY_LOST: 1100,
  CONNECTIVITY_RESTORED_DATA_LOST: 1101,
  CONNECTIVITY_RESTORED_DATA_MAINTAINED: 1102,
  MARKET_DATA_FARM_BROKEN: 2103,
  MARKET_DATA_FARM_OK: 2104,
  HMDS_FARM_BROKEN: 2105,
  HMDS_FARM_OK: 2106,
  HMDS_FARM_INACTIVE: 2107,
  SEC_DEF_FARM_OK: 2158,
  IMPLIED_TIME_ZONE: 2174,
  DELAYED_DATA_DISPLAYED: 10167,
  INVALID_END_DATE_TIME: 10314,
} as const;

export type SimCodeValue = (typeof SimCode)[keyof typeof SimCode];

/** The request id of messages that belong to no request (status notices). */
export const NO_REQ_ID = -1;

/** Message texts, worded like TWS's. */
export const simCodeText = {
  maxRateExceeded: (what: string, minIntervalMs: number) =>
    `Max rate of messages per second has been exceeded. (${what}: at most one request per ${minIntervalMs} ms)`,
  maxTickers: 'Max number of tickers has been reached',
  noSecurityDefinition: 'No security definition has been found for the request',
  ambiguousContract: (symbol: string) => `The contract description specified for ${symbol} is ambiguous.`,
  cantFindId: (reqId: number) => `Can't find EId with tickerId:${reqId}`,
  duplicateTickerId: (reqId: number) => `Error processing request.-'bW' : cause - Duplicate ticker id ${reqId}`,
  clientIdInUse: 'Unable to connect as the client id is already in use. Retry with a unique client id.',
  notSubscribed: (symbol: string) =>
    `Requested market data is not subscribed. Check API status by selecting the Account menu then under Management choose Market Data Subscription Manager and/or Delayed market data is available.${symbol} NASDAQ.NMS/TOP/ALL`,
  connectivityLost: 'Connectivity between IB and Trader Workstation has been lost.',
  restoredDataLost: 'Connectivity between IB and Trader Workstation has been restored - data lost.',
  restoredDataMaintained:
    'Connectivity between IB and Trader Workstation has been restored - data maintained. All data farms are connected: usfarm; ushmds; secdefnj.',
  farmBroken: 'Market data farm connection is broken:usfarm',
  farmOk: 'Market data farm connection is OK:usfarm',
  hmdsOk: 'HMDS data farm connection is OK:ushmds',
  hmdsBroken: 'HMDS data farm connection is broken:ushmds',
  hmdsInactive: 'HMDS data farm connection is inactive but should be available upon demand.ushmds',
  secDefOk: 'Sec-def data farm connection is OK:secdefnj',
  delayedDisplayed: 'Requested market data is not subscribed. Displaying delayed market data.',
  maxDepthRequests: 'Max number of market depth requests has been reached',
  depthHalted: 'Market depth data has been HALTED. Please re-subscribe.',
  depthReset: 'Market depth data has been RESET. Please empty deep book contents before applying any new entries.',
} as const;
