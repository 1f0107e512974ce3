/**
 * IB's pacing rules for historical data, as the session's governor applies them (see
 * `HistoricalGovernor`). IB: for bars of 30 s or less, a violation is an identical request within
 * 15 s, six or more requests for the same contract, exchange and tick type within 2 s, or more
 * than 60 requests in any 10 minutes (BID_ASK counting twice); and at most 50 requests may be open
 * (keepUpToDate ones included), whatever the bar size.
 */
export interface HistoricalPacingRules {
  /** The long window, ms. IB: 10 minutes. */
  readonly windowMs: number;
  /** Requests per long window (BID_ASK counts twice). Config `limits.historical_requests_per_10_min`. */
  readonly windowMax: number;
  /** No identical request within this, ms. IB: 15 s. */
  readonly identicalWindowMs: number;
  /** The same-contract window, ms. IB: 2 s. */
  readonly burstWindowMs: number;
  /** Requests for one contract / exchange / tick type per burst window (BID_ASK counts twice). IB: 5 ("six or more" violate). */
  readonly burstMax: number;
  /** Open requests at a time (answers pending, keepUpToDate streams). IB: 50. */
  readonly maxOpen: number;
  /** The time rules apply to bars this long or shorter, s. IB: 30 ("small bars"). */
  readonly smallBarMaxSeconds: number;
  /**
   * Added to every window, ms: a request counts here when it leaves ib-rx's pacing queue, at TWS
   * when it arrives, and `@stoqey/ib` has a send queue of its own (40 messages/s) behind ib-rx's
   * (`limits.max_messages_per_s`, 45 by default), so a request may reach TWS later than the one
   * after it would. Default 1 000.
   */
  readonly marginMs: number;
  /** First wait after TWS answered a pacing violation anyway (162), ms; doubles per retry. Default 2 000 (IB's same-contract window). */
  readonly retryDelayMs: number;
  /** Longest wait between retries after pacing violations, ms. Default 60 000. */
  readonly maxRetryDelayMs: number;
  /** Retries after pacing violations before the request fails with `HistoricalDataError` (162). Default 8. */
  readonly maxRetries: number;
}

/** IB's values (and ib-rx's margin and retry defaults). */
export const IB_HISTORICAL_PACING: HistoricalPacingRules = {
  windowMs: 600_000,
  windowMax: 60,
  identicalWindowMs: 15_000,
  burstWindowMs: 2_000,
  burstMax: 5,
  maxOpen: 50,
  smallBarMaxSeconds: 30,
  marginMs: 1_000,
  retryDelayMs: 2_000,
  maxRetryDelayMs: 60_000,
  maxRetries: 8,
};

/**
 * The rules in use: IB's, with `windowMax` from the config and any override (the session's test
 * hook `IbSessionOptions.historicalPacing`). Throws RangeError for a negative or non-number value.
 */
export function historicalPacingRules(windowMax: number, override: Partial<HistoricalPacingRules> = {}): HistoricalPacingRules {
  const rules: HistoricalPacingRules = { ...IB_HISTORICAL_PACING, windowMax, ...override };
  for (const [name, value] of Object.entries(rules)) {
    if (typeof value !== 'number' || Number.isNaN(value) || value < 0) throw new RangeError(`historical pacing ${name} must be a number ≥ 0, got ${String(value)}`);
  }
  for (const name of ['maxOpen', 'burstMax', 'windowMax'] as const) {
    if (rules[name] < 1) throw new RangeError(`historical pacing ${name} must be ≥ 1, got ${rules[name]}`);
  }
  return rules;
}
