/// <reference lib="esnext.disposable" preserve="true" />
import { defer, firstValueFrom, lastValueFrom, Subscription, takeUntil, takeWhile, throwError, timer } from 'rxjs';
import type { Observable } from 'rxjs';
import { parseConfig } from '../config/index.js';
import type { Config, ConfigInput } from '../config/index.js';
import { IbRxError, MarketDataTimeoutError, SessionClosedError } from '../errors.js';
import { log } from '../log.js';
import { IbSession } from '../session/ib-session.js';
import type { IbSessionOptions } from '../session/session-options.js';
import { isCompleteQuote } from '../session/complete-quote.js';
import type { MarketState } from '../state/market-state.js';
import { toMarketData } from './market-data.js';
import type { MarketData } from './market-data.js';

/** A state worth returning from `getMarketData` at the timeout: a trade price, or both sides of the quote. */
const hasPrice = (state: MarketState): boolean => state.last !== undefined || (state.bid !== undefined && state.ask !== undefined);

/** What `getMarketData` waits for: bid, ask and last all known. */

/** Why an `IBClient` call returned `false` / `null`, also kept in `client.lastError`. */
function asIbRxError(error: unknown): IbRxError {
  return error instanceof IbRxError ? error : new IbRxError(String(error), { cause: error });
}

/**
 * The original design's API on top of {@link IbSession}, for code written against it:
 *
 * ```ts
 * const client = new IBClient({ api: { tws_endpoint: '127.0.0.1', port: 7497 } });
 * if (await client.connectAndRun()) {
 *   const data = await client.getMarketData('AAPL');    // null (and a logged reason) on error
 *   if (data) console.log(`Last price: ${data.close.at(-1)}`);
 * }
 * await client.disconnect();
 * ```
 *
 * Failures never throw: `connectAndRun` returns `false` and `getMarketData` `null`; the reason is
 * logged (`DEBUG=ib-rx:*`) and kept in {@link IBClient.lastError}. Once requested, a symbol stays
 * subscribed (its history keeps growing, later calls answer at once) until `disconnect()`.
 */
export class IBClient {
  /** The validated config in use. */
  readonly config: Config;
  /** Why the last `connectAndRun` / `getMarketData` failed (`undefined` after a success). */
  lastError: IbRxError | undefined;

  readonly #options: IbSessionOptions;
  #session: IbSession | undefined;
  readonly #held = new Map<string, Subscription>();

  /**
   * @param config the `ib.config.json` shape (`{ api: { tws_endpoint, port, client_id }, market_data:
   *   { timeout, retry_attempts, data_type, … } }`, every key optional) or `loadConfig()`'s result.
   *   Throws `ConfigError` for invalid values.
   * @param options session options (scheduler, test hooks).
   */
  constructor(config: ConfigInput | Config = {}, options: IbSessionOptions = {}) {
    this.config = parseConfig(config);
    this.#options = options;
  }

  /** True after a successful `connectAndRun()` until `disconnect()`. */
  get connected(): boolean {
    return this.#session !== undefined;
  }

  /**
   * Connects to TWS / IB Gateway. Resolves `true` once connected and `nextValidId` arrived (the
   * connection is ready for requests); after `market_data.retry_attempts` failed tries (waiting
   * `reconnect.initial_delay_ms`, doubling, between them) resolves `false` and logs why. Later
   * drops are reconnected automatically.
   */
  async connectAndRun(): Promise<boolean> {
    if (this.#session !== undefined) return true;
    const attempts = Math.max(1, this.config.market_data.retry_attempts);
    const { host, port } = { host: this.config.api.tws_endpoint, port: this.config.api.port };
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        this.#session = await IbSession.connect(this.config, this.#options);
        this.lastError = undefined;
        log.connection('IBClient connected to %s:%d (attempt %d of %d)', host, port, attempt, attempts);
        return true;
      } catch (error: unknown) {
        this.lastError = asIbRxError(error);
        log.connection('IBClient: connection attempt %d of %d to %s:%d failed: %s', attempt, attempts, host, port, this.lastError.message);
        if (attempt < attempts) await firstValueFrom(timer(this.#retryDelayMs(attempt), this.#options.scheduler), { defaultValue: 0 });
      }
    }
    log.connection('IBClient: giving up on %s:%d after %d attempts: %s', host, port, attempts, this.lastError?.message);
    return false;
  }

  /**
   * The symbol's market data in the original structure (history arrays, current high/low, last
   * update, plus the quote) once bid, ask and last are known — waiting up to `market_data.timeout`
   * seconds, then returning what has a price by then.
   * `null` with a logged reason (and `lastError`) when not connected, for an unknown symbol, without
   * market data permission, or on timeout.
   */
  async getMarketData(symbol: string): Promise<MarketData | null> {
    const session = this.#session;
    if (session === undefined) return this.#fail(symbol, new SessionClosedError('not connected: call connectAndRun() first'));
    const timeoutMs = this.config.market_data.timeout * 1000;
    const state$ = session.marketData$(symbol);
    if (!this.#held.has(symbol)) {
      this.#held.set(symbol, state$.subscribe({ error: () => { this.#release(symbol); } }));
    }
    try {
      // The first complete quote, else whatever price arrived by the timeout.
      const state = await lastValueFrom(
        state$.pipe(takeWhile((s) => !isCompleteQuote(s), true), takeUntil(timer(timeoutMs, this.#options.scheduler))),
        { defaultValue: undefined },
      );
      if (state === undefined || !hasPrice(state)) throw new MarketDataTimeoutError({ symbol, timeoutMs });
      this.lastError = undefined;
      return toMarketData(state);
    } catch (error: unknown) {
      this.#release(symbol);
      return this.#fail(symbol, error);
    }
  }

  /**
   * The symbol's market state stream for reactive use (see `IbSession.marketData$`: shared,
   * continuous across reconnects). Errors with `SessionClosedError` when not connected.
   */
  marketData$(symbol: string): Observable<MarketState> {
    return defer(() => this.#session?.marketData$(symbol) ?? throwError(() => new SessionClosedError('not connected: call connectAndRun() first')));
  }

  /** `await using client = new IBClient(…)`: `disconnect()` when the scope ends. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.disconnect();
  }

  /** Ends every subscription and closes the connection (no socket, timer or listener left). */
  async disconnect(): Promise<void> {
    for (const symbol of [...this.#held.keys()]) this.#release(symbol);
    const session = this.#session;
    this.#session = undefined;
    await session?.close();
  }

  #retryDelayMs(attempt: number): number {
    const { initial_delay_ms: initial, max_delay_ms: max } = this.config.reconnect;
    return Math.min(max, initial * 2 ** (attempt - 1));
  }

  #release(symbol: string): void {
    this.#held.get(symbol)?.unsubscribe();
    this.#held.delete(symbol);
  }

  #fail(symbol: string, error: unknown): null {
    this.lastError = asIbRxError(error);
    log.requests('IBClient.getMarketData(%s) failed: %s', symbol, this.lastError.message);
    return null;
  }
}
