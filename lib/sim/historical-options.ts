import type { BarDateStyle } from './ib-dates.js';

/** State of the historical data (HMDS) farm: 2106 OK, 2105 broken, 2107 inactive (connects on demand). */
export type HmdsState = 'ok' | 'broken' | 'inactive';

/**
 * IB's pacing rules for historical data, enforced like TWS (162 "Historical data request pacing
 * violation"). Defaults are IB's values; `scale` multiplies every window (0.01: 15 s → 150 ms).
 */
export interface HistoricalPacingOptions {
  /** false = never refuse for pacing. Default true. */
  readonly enabled?: boolean;
  /** Multiplies every window below. Default 1. */
  readonly scale?: number;
  /** No identical request (contract, exchange, end, duration, bar size, whatToShow, useRTH) within this. Default 15 000 ms. */
  readonly identicalWindowMs?: number;
  /** Window of the same-contract rule. Default 2 000 ms. */
  readonly burstWindowMs?: number;
  /** Requests for one contract / exchange / whatToShow allowed per burst window ("six or more" violate). Default 5. */
  readonly burstMax?: number;
  /** The long window. Default 600 000 ms (10 minutes). */
  readonly windowMs?: number;
  /** Requests allowed per long window (BID_ASK counts twice). Default 60. */
  readonly windowMax?: number;
  /** Open requests per connection (in flight plus keepUpToDate ones, any bar size). Default 50. */
  readonly maxOpen?: number;
  /** The three time rules apply to bars this short or shorter (IB: "small bars", 30 secs). Default 30. */
  readonly smallBarMaxSeconds?: number;
}

/** How the simulator serves historical data. */
export interface HistoricalOptions {
  /** keepUpToDate: time between historicalDataUpdate messages. Default 5 000 ms. */
  readonly updateIntervalMs?: number;
  /** Delay before a historical answer (requests are open meanwhile). Default 0. */
  readonly latencyMs?: number;
  /** formatDate 1 intraday times: `zoned` (TWS 10.17+, default) or `legacy` (`yyyyMMdd  HH:mm:ss`). */
  readonly dateStyle?: BarDateStyle;
  /** The HMDS farm's state at start. Default `ok`. */
  readonly hmds?: HmdsState;
}

/** The pacing rules with every default filled and the scale applied. */
export interface ResolvedHistoricalPacing {
  readonly enabled: boolean;
  readonly identicalWindowMs: number;
  readonly burstWindowMs: number;
  readonly burstMax: number;
  readonly windowMs: number;
  readonly windowMax: number;
  readonly maxOpen: number;
  readonly smallBarMaxSeconds: number;
}

/** The historical options with every default filled. */
export interface ResolvedHistoricalOptions {
  readonly updateIntervalMs: number;
  readonly latencyMs: number;
  readonly dateStyle: BarDateStyle;
  readonly hmds: HmdsState;
  readonly pacing: ResolvedHistoricalPacing;
}

/** IB's values. */
export const IB_HISTORICAL_PACING: ResolvedHistoricalPacing = {
  enabled: true,
  identicalWindowMs: 15_000,
  burstWindowMs: 2_000,
  burstMax: 5,
  windowMs: 600_000,
  windowMax: 60,
  maxOpen: 50,
  smallBarMaxSeconds: 30,
};

const DEFAULT_UPDATE_INTERVAL_MS = 5_000;
const HMDS_STATES: readonly HmdsState[] = ['ok', 'broken', 'inactive'];

const nonNegative = (name: string, value: number): number => {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`simulator option ${name} must be a number ≥ 0, got ${value}`);
  return value;
};

/** Fills defaults, applies the pacing scale and validates (throws RangeError). */
export const resolveHistoricalOptions = (h: HistoricalOptions = {}, p: HistoricalPacingOptions = {}): ResolvedHistoricalOptions => {
  const scale = nonNegative('historicalPacing.scale', p.scale ?? 1);
  const ib = IB_HISTORICAL_PACING;
  const window = (name: keyof HistoricalPacingOptions, value: number | undefined, fallback: number): number =>
    nonNegative(`historicalPacing.${name}`, value ?? fallback) * scale;
  const hmds = h.hmds ?? 'ok';
  if (!HMDS_STATES.includes(hmds)) throw new RangeError(`simulator option historical.hmds must be one of ${HMDS_STATES.join(', ')}`);
  const updateIntervalMs = nonNegative('historical.updateIntervalMs', h.updateIntervalMs ?? DEFAULT_UPDATE_INTERVAL_MS);
  if (updateIntervalMs === 0) throw new RangeError('simulator option historical.updateIntervalMs must be > 0');
  return {
    updateIntervalMs,
    latencyMs: nonNegative('historical.latencyMs', h.latencyMs ?? 0),
    dateStyle: h.dateStyle === 'legacy' ? 'legacy' : 'zoned',
    hmds,
    pacing: {
      enabled: p.enabled ?? true,
      identicalWindowMs: window('identicalWindowMs', p.identicalWindowMs, ib.identicalWindowMs),
      burstWindowMs: window('burstWindowMs', p.burstWindowMs, ib.burstWindowMs),
      burstMax: nonNegative('historicalPacing.burstMax', p.burstMax ?? ib.burstMax),
      windowMs: window('windowMs', p.windowMs, ib.windowMs),
      windowMax: nonNegative('historicalPacing.windowMax', p.windowMax ?? ib.windowMax),
      maxOpen: nonNegative('historicalPacing.maxOpen', p.maxOpen ?? ib.maxOpen),
      smallBarMaxSeconds: nonNegative('historicalPacing.smallBarMaxSeconds', p.smallBarMaxSeconds ?? ib.smallBarMaxSeconds),
    },
  };
};
