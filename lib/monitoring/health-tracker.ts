import type { DataType } from '../config/index.js';
import type { ConnectionState } from '../connection/connection-state.js';
import { isInterrupted } from '../connection/connection-signals.js';
import type { MarketStateInput } from '../state/index.js';
import type { TickField } from '../ticks/tick.js';
import type { HealthCounters, SessionErrorEvent, StreamEvent } from './health-sources.js';
import { FieldCounts } from './field-counts.js';
import type { StreamActivity } from './stream-activity.js';
import { RateMeter } from './rate-meter.js';
import type { ConnectionHealth, ErrorCount, HealthError, SessionHealth, StreamHealth } from './health.js';

/** Settings of a {@link HealthTracker}. */
export interface HealthTrackerOptions {
  readonly staleAfterMs: number;
  readonly lineLimit: number;
  /** Rates are measured over this window (ms). */
  readonly rateWindowMs: number;
}

interface StreamRecord {
  readonly key: string;
  readonly symbol: string;
  readonly meter: RateMeter;
  readonly byField: FieldCounts;
  reqId: number | undefined;
  marketDataType: DataType | undefined;
  ticks: number;
  lastTickAt: number | undefined;
  resubscriptions: number;
  lastError: HealthError | undefined;
  /** With session counters: the stream's counters when this record started (what it counts from). */
  base: { readonly activity: StreamActivity | undefined; readonly ticks: number; readonly byField: FieldCounts | undefined } | undefined;
}

/**
 * The running counters behind one `health$` subscription: O(1) work per event (the tick path only
 * bumps counters), and {@link snapshot} builds an immutable {@link SessionHealth} from them. Mutable
 * by design and private to the `defer` of `buildHealth$` (one per subscription).
 */
export class HealthTracker {
  readonly #options: HealthTrackerOptions;
  readonly #streams = new Map<string, StreamRecord>();
  readonly #errors = new Map<string, { code: number | undefined; kind: string; count: number }>();
  readonly #inMeter: RateMeter;
  readonly #outMeter: RateMeter;
  readonly #counters: HealthCounters;
  readonly #inboundBase: number;
  #state: ConnectionState | undefined;
  #generation: number | undefined;
  #connections = 0;
  #connectedSince: number | undefined;
  #lastDisconnectReason: string | undefined;
  #inbound = 0;
  #sent: number | undefined;
  #sentBase: number | undefined;
  #queued: number | undefined;

  /** @param counters the session's own counters, read at each snapshot (what is not given is counted here). */
  constructor(options: HealthTrackerOptions, start: number, counters: HealthCounters = {}) {
    this.#options = options;
    this.#counters = counters;
    this.#inboundBase = counters.inbound?.() ?? 0;
    this.#inMeter = new RateMeter(options.rateWindowMs, start);
    this.#outMeter = new RateMeter(options.rateWindowMs, start);
  }

  /** `true` once a connection state arrived (snapshots before it would say nothing). */
  get started(): boolean {
    return this.#state !== undefined;
  }

  /** A new connection state. */
  connectionState(state: ConnectionState, now: number): void {
    const socket = state.socket;
    if (socket.status === 'connected' && socket.generation !== this.#generation) {
      this.#generation = socket.generation;
      this.#connections += 1;
      this.#connectedSince = now;
    } else if (socket.status !== 'connected') {
      this.#connectedSince = undefined;
    }
    if (socket.status === 'disconnected' || socket.status === 'reconnecting') this.#lastDisconnectReason = socket.reason;
    this.#state = state;
  }

  /** One inbound event. */
  inbound(): void {
    this.#inbound += 1;
  }

  /** New outgoing counters (`sent` cumulative). */
  outbound(sent: number, queued: number): void {
    this.#sentBase ??= sent;
    this.#sent = sent;
    this.#queued = queued;
  }

  /** An error of the session. */
  sessionError(error: SessionErrorEvent): void {
    this.#countError(error.code, error.kind);
  }

  /** One tick of stream `key` (the per-tick path: two counters and the field's count). */
  tick(key: string, field: TickField, time: number): void {
    const record = this.#streams.get(key);
    if (record === undefined) return;
    record.ticks += 1;
    record.lastTickAt = time;
    record.byField.add(field);
  }

  /** One input stream `key` folded: a tick is counted, the type in effect kept, a stale flag ignored (staleness is derived here). */
  input(key: string, input: MarketStateInput): void {
    if (input.type === 'tick') this.tick(key, input.field, input.time);
    else if (input.type === 'marketDataType') {
      const record = this.#streams.get(key);
      if (record !== undefined) record.marketDataType = input.marketDataType;
    }
  }

  /** One stream event (`now` stamps an error; ticks go to {@link tick}, which needs no clock). */
  stream(event: StreamEvent, now: number): void {
    if (event.type === 'added') {
      const activity = this.#counters.stream?.(event.key);
      this.#streams.set(event.key, {
        key: event.key, symbol: event.symbol, meter: new RateMeter(this.#options.rateWindowMs, now), byField: new FieldCounts(),
        reqId: undefined, marketDataType: undefined, ticks: 0, lastTickAt: undefined, resubscriptions: 0, lastError: undefined,
        base: this.#counters.stream === undefined ? undefined : { activity, ticks: activity?.ticks ?? 0, byField: activity?.byField.copy() },
      });
      return;
    }
    if (event.type === 'removed') {
      this.#streams.delete(event.key);
      return;
    }
    const record = this.#streams.get(event.key);
    if (record === undefined) return;
    switch (event.type) {
      case 'tick':
        this.tick(event.key, event.field, event.time);
        return;
      case 'requested':
        record.reqId = event.reqId;
        if (event.resubscription) record.resubscriptions += 1;
        return;
      case 'dataType':
        record.marketDataType = event.marketDataType;
        return;
      case 'error':
        record.lastError = { code: event.code, kind: event.kind, message: event.message, time: now };
        this.#countError(event.code, event.kind);
        return;
    }
  }

  /** The immutable snapshot at `now` (also advances the rate windows). */
  snapshot(now: number): SessionHealth {
    const interrupted = this.#state === undefined || isInterrupted(this.#state);
    const streams = [...this.#streams.values()].map((record) => this.#streamHealth(record, now, interrupted));
    const errors: ErrorCount[] = [...this.#errors.values()].map(({ code, kind, count }) => ({ code, kind, count }));
    return { time: now, connection: this.#connectionHealth(now, interrupted), streams, errors };
  }

  #connectionHealth(now: number, interrupted: boolean): ConnectionHealth {
    const state = this.#state;
    const socket = state?.socket;
    const sent = this.#sent;
    return {
      status: socket?.status ?? 'idle',
      ready: socket?.status === 'connected' && socket.ready,
      link: state?.link ?? 'unknown',
      interrupted,
      brokenFarms: Object.values(state?.farms ?? {}).filter((farm) => farm.status === 'broken').map((farm) => farm.name),
      serverVersion: socket?.status === 'connected' ? socket.serverVersion : undefined,
      connectedSince: this.#connectedSince,
      reconnects: Math.max(0, this.#connections - 1),
      lastDisconnectReason: this.#lastDisconnectReason,
      messagesInPerSecond: this.#inMeter.rate(now, this.#counters.inbound === undefined ? this.#inbound : this.#counters.inbound() - this.#inboundBase),
      messagesOutPerSecond: sent === undefined ? undefined : this.#outMeter.rate(now, sent - (this.#sentBase ?? sent)),
      pacingQueueDepth: this.#queued,
      linesInUse: this.#streams.size,
      lineLimit: this.#options.lineLimit,
    };
  }

  #streamHealth(record: StreamRecord, now: number, interrupted: boolean): StreamHealth {
    const counted = this.#counted(record);
    const age = counted.lastTickAt === undefined ? undefined : Math.max(0, now - counted.lastTickAt);
    return {
      key: record.key,
      symbol: record.symbol,
      reqId: record.reqId,
      marketDataType: counted.marketDataType,
      ticks: counted.ticks,
      ticksByField: counted.ticksByField,
      ticksPerSecond: record.meter.rate(now, counted.ticks),
      lastTickAgeMs: age,
      stale: age !== undefined && (interrupted || age >= this.#options.staleAfterMs),
      resubscriptions: record.resubscriptions,
      lastError: record.lastError,
    };
  }

  /** A stream's ticks, last tick and type: counted here, or read from the session's counters since the record started. */
  #counted(record: StreamRecord): Pick<StreamHealth, 'marketDataType' | 'ticks' | 'ticksByField'> & { readonly lastTickAt: number | undefined } {
    const { base } = record;
    if (base === undefined) {
      return { marketDataType: record.marketDataType, ticks: record.ticks, ticksByField: record.byField.toRecord(), lastTickAt: record.lastTickAt };
    }
    const activity = this.#counters.stream?.(record.key);
    if (activity === undefined) return { marketDataType: record.marketDataType, ticks: 0, ticksByField: {}, lastTickAt: undefined };
    // A stream replaced under the same key (not seen as removed and added) counts from its start.
    const same = activity === base.activity;
    const ticks = activity.ticks - (same ? base.ticks : 0);
    return {
      marketDataType: activity.marketDataType ?? record.marketDataType,
      ticks,
      ticksByField: activity.byField.toRecord(same ? base.byField : undefined),
      lastTickAt: ticks > 0 ? activity.lastTickAt : undefined,
    };
  }

  #countError(code: number | undefined, kind: string): void {
    const id = `${String(code)}|${kind}`;
    const entry = this.#errors.get(id);
    if (entry === undefined) this.#errors.set(id, { code, kind, count: 1 });
    else entry.count += 1;
  }
}
