import type { DataType } from './data-type.js';

/**
 * The validated, fully defaulted ib-rx configuration (frozen). Keys are the ones of
 * `ib.config.json`; the README's config section documents each key, its default and its env override.
 */
export interface Config {
  readonly api: {
    readonly tws_endpoint: string;
    readonly port: number;
    readonly client_id: number;
  };
  readonly market_data: {
    /** Seconds. */
    readonly timeout: number;
    /**
     * How many times `IBClient.connectAndRun()` tries to connect before it resolves `false` (0
     * counts as 1), waiting `reconnect.initial_delay_ms`, doubling up to `max_delay_ms`, between
     * tries. Kept from the original design's config for `IBClient`; `IbSession` does not read it:
     * its reconnects follow `reconnect.*`, and a market data request that gets no first tick within
     * `timeout` fails with `MarketDataTimeoutError` without being sent again.
     */
    readonly retry_attempts: number;
    readonly data_type: DataType;
    readonly history: number;
    readonly stale_after_s: number;
  };
  readonly reconnect: {
    readonly initial_delay_ms: number;
    readonly max_delay_ms: number;
    /** `null` = retry forever. */
    readonly max_attempts: number | null;
    readonly heartbeat_ms: number;
    readonly stall_timeout_ms: number;
  };
  readonly limits: {
    readonly max_messages_per_s: number;
    readonly market_data_lines: number;
    /**
     * Historical data requests (of bars of 30 s or less) sent in any 10 minutes, at most; 1..60
     * (IB: more than 60 is a pacing violation). The session's historical governor holds back the
     * excess (see docs/history.md); BID_ASK requests count twice. Default 60.
     */
    readonly historical_requests_per_10_min: number;
    /** Tick-by-tick subscriptions at a time (IB: 10190 beyond the account's slots). Default 3. Not used yet. */
    readonly tick_by_tick_slots: number;
    /** Market depth requests at a time (`IbSession.depth$`; IB: 309 beyond the allowed number): one more gets `StreamLimitError`. Default 3. */
    readonly depth_requests: number;
  };
  readonly monitoring: {
    readonly interval_ms: number;
  };
}

type DeepPartial<T> = {
  readonly [K in keyof T]?: (T[K] extends object ? DeepPartial<T[K]> : T[K]) | undefined;
};

/** The `ib.config.json` shape with every key optional (a {@link Config} is a valid ConfigInput too). */
export type ConfigInput = DeepPartial<Config>;
