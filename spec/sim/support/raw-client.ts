import { EventName, IBApi, SecType } from '@stoqey/ib';
import type { Contract } from '@stoqey/ib';

const RAW_TRAFFIC: ReadonlySet<string> = new Set([EventName.sent, EventName.received]);
const TICK_EVENTS: ReadonlySet<string> = new Set([EventName.tickPrice, EventName.tickSize]);

/** One event the raw IBApi emitted (from its `all` event). */
export interface ApiEvent {
  readonly name: string;
  readonly args: readonly unknown[];
}

/** A US stock contract as a strategy would send it. */
export const stock = (symbol: string): Contract => ({ symbol, secType: SecType.STK, exchange: 'SMART', currency: 'USD' });

/**
 * The unpatched `@stoqey/ib` IBApi plus a log of everything it emitted, for driving the simulator
 * in specs. `waitFor` resolves when the log satisfies a predicate (bounded by a timeout).
 */
export class RawClient {
  readonly api: IBApi;
  readonly events: ApiEvent[] = [];
  private readonly waiters = new Set<() => void>();

  /** `maxReqPerSec`: the client's own message rate limit (its default is 40). */
  constructor(port: number, clientId = 0, maxReqPerSec?: number) {
    this.api = new IBApi({ host: '127.0.0.1', port, clientId, ...(maxReqPerSec !== undefined && { maxReqPerSec }) });
    this.api.on(EventName.all, (name: string, args: unknown[]) => {
      if (RAW_TRAFFIC.has(name)) return; // raw traffic: not decoded events
      this.events.push({ name, args });
      for (const check of [...this.waiters]) check();
    });
    // IBApi is an EventEmitter: an 'error' without a listener would throw.
    this.api.on(EventName.error, () => undefined);
  }

  /** Events of one name, as argument lists. */
  of(name: string): (readonly unknown[])[] {
    return this.events.filter((e) => e.name === name).map((e) => e.args);
  }

  /** Resolves once `predicate` holds for the event log; rejects after `timeoutMs`. */
  waitFor(what: string, predicate: (client: RawClient) => boolean, timeoutMs = 3000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!predicate(this)) return;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${what}; got ${this.events.map((e) => e.name).join(',')}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Waits for `n` events of a name in total. */
  waitForCount(name: string, n = 1, timeoutMs?: number): Promise<void> {
    return this.waitFor(`${n}× ${name}`, (c) => c.of(name).length >= n, timeoutMs);
  }

  /** Connects and waits for nextValidId (when the client starts sending requests). */
  async connect(): Promise<void> {
    this.api.connect();
    await this.waitForCount(EventName.nextValidId);
  }

  /** Info notices (request id -1) as codes. */
  infoCodes(): number[] {
    return this.of(EventName.info).map((args) => args[1] as number);
  }

  /** Request errors as `{ code, reqId }`. */
  errors(): { code: number; reqId: number; message: string }[] {
    return this.of(EventName.error).map((args) => ({ code: args[1] as number, reqId: args[2] as number, message: (args[0] as Error).message }));
  }

  /** Tick type ids of tickPrice / tickSize events for one request. */
  tickTypes(reqId: number): number[] {
    return this.events
      .filter((e) => TICK_EVENTS.has(e.name) && e.args[0] === reqId)
      .map((e) => e.args[1] as number);
  }

  /** Disconnects and waits until the socket is closed. */
  async close(): Promise<void> {
    this.waiters.clear();
    if (this.api.isConnected) {
      const closed = this.waitForCount(EventName.disconnected, this.of(EventName.disconnected).length + 1).catch(() => undefined);
      this.api.disconnect();
      await closed;
    } else this.api.disconnect();
    this.api.removeAllListeners();
  }
}
