import type { Observable, Subscription } from 'rxjs';
import type { Bar } from '../bars/bar.js';
import type { BarSeries } from '../history/bar-series.js';
import type { MarketState, MarketStateInput } from '../state/index.js';
import { historyRows, toMarketStateRecord } from './market-state-record.js';
import type { BarSeriesRecord, SnapshotRecord } from './protocol.js';
import { encodeInputBatch } from './input-batch.js';
import { TaskBatch } from './task-batch.js';
import { barTuple, encodeBarsUpdate, encodeResync, encodeStreamError, type BarTuple } from './wire.js';
import { toWireError } from './wire-error.js';

/** What a served stream needs from its server. */
export interface ServedStreamHost {
  /** Publishes a stream message (JSON text or a binary batch). */
  readonly publish: (subject: string, payload: string | Uint8Array) => void;
  /** The stream ended by itself (its request failed or the session closed): forget it. */
  readonly ended: (stream: ServedStream) => void;
  /** Most bars one message may carry (more: a resync message, joiners fetch them in pages). */
  readonly barsPerMessage: number;
  /** Bytes of items one JSON items message may carry (depth changes, tick-by-tick, 5-s bars): a quarter of NATS's `max_payload`. */
  readonly itemBytesPerMessage: number;
}

/** A snapshot for a joiner: the last sequence number it includes, the first page, and the rest by page. */
export interface ServedSnapshot {
  readonly seq: number;
  readonly record: SnapshotRecord | null;
  /** Rows (history rows or bars) in all. */
  readonly total: number;
  /** Rows in `record`. */
  readonly sent: number;
  /** Rows `from` … `from + count` (history columns or bar tuples). */
  readonly page: (from: number, count: number) => unknown;
}

/**
 * One stream the server serves: one subscription at the session (one IB line), the consumers'
 * leases on it, and its sequence numbers. Subclasses say what it subscribes to and how a joiner
 * gets the current value.
 */
export abstract class ServedStream {
  /** Consumer id → lease expiry (scheduler ms). */
  readonly #leases = new Map<string, number>();
  #seq = 0;
  #subscription: Subscription | undefined;
  #ended = false;

  constructor(
    readonly id: string,
    /** The session's sharing key. */
    readonly key: string,
    readonly subject: string,
    readonly instance: string,
    protected readonly host: ServedStreamHost,
  ) {}

  /** Consumers holding a lease. */
  get consumers(): number {
    return this.#leases.size;
  }

  /** True when `consumer` holds a lease. */
  holds(consumer: string): boolean {
    return this.#leases.has(consumer);
  }

  /** Grants or refreshes `consumer`'s lease until `until`. */
  lease(consumer: string, until: number): void {
    this.#leases.set(consumer, until);
  }

  /** Ends `consumer`'s lease; true when none is left. */
  release(consumer: string): boolean {
    this.#leases.delete(consumer);
    return this.#leases.size === 0;
  }

  /** Every lease runs until at least `until` (after the server's own NATS outage). */
  extendAll(until: number): void {
    for (const [consumer, expiry] of this.#leases) this.#leases.set(consumer, Math.max(expiry, until));
  }

  /** Drops leases that expired before `now`; returns the consumers dropped. */
  expire(now: number): string[] {
    const gone = [...this.#leases].filter(([, expiry]) => expiry < now).map(([consumer]) => consumer);
    for (const consumer of gone) this.#leases.delete(consumer);
    return gone;
  }

  /** Subscribes at the session; throws the subscription's synchronous error (bad input). */
  start(): void {
    let syncError: { readonly error: unknown } | undefined;
    let starting = true;
    this.#subscription = this.source$().subscribe({
      next: (value) => { this.onValue(value); },
      error: (error: unknown) => {
        if (starting) {
          syncError = { error };
          return;
        }
        this.flush();
        this.host.publish(this.subject, encodeStreamError(this.instance, this.nextSeq(), toWireError(error)));
        this.#end();
      },
      complete: () => { this.#end(); },
    });
    starting = false;
    if (syncError !== undefined) {
      this.#ended = true;
      throw syncError.error;
    }
  }

  /** Unsubscribes at the session (the last local subscriber leaving cancels the IB request). */
  stop(): void {
    this.flush();
    this.#ended = true;
    this.#subscription?.unsubscribe();
  }

  /** The current value for a joiner. */
  abstract snapshot(pageRows: number): ServedSnapshot;

  /** Publishes what is waiting to be published (before an error or the end). */
  protected flush(): void {
    // Nothing waits by default.
  }

  protected abstract source$(): Observable<unknown>;
  protected abstract onValue(value: unknown): void;

  protected nextSeq(): number {
    this.#seq += 1;
    return this.#seq;
  }

  protected get seq(): number {
    return this.#seq;
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.host.ended(this);
  }
}

/** Most inputs in one market-data message. */
const MAX_BATCH = 1024;

/** A served `marketData$`: publishes every input the session folds for its key (fed by the server's one step listener, `listenSteps`). */
export class ServedMarketData extends ServedStream {
  #latest: MarketState | undefined;
  /** Inputs not yet published (they go out together at the end of the current task). */
  readonly #batch = new TaskBatch<MarketStateInput>((firstSeq, inputs) => {
    this.host.publish(this.subject, encodeInputBatch(this.instance, firstSeq, inputs));
  });

  constructor(
    id: string, key: string, subject: string, instance: string, host: ServedStreamHost,
    private readonly state$: Observable<MarketState>,
  ) {
    super(id, key, subject, instance, host);
  }

  /**
   * One folded input of this stream's key, with the next sequence number. The inputs of one
   * socket read travel in one message (published when the current task ends, or at
   * {@link MAX_BATCH} inputs): fewer, larger messages for NATS and the consumers.
   */
  step(input: MarketStateInput, state: MarketState): void {
    this.#latest = state;
    this.#batch.add(this.nextSeq(), input);
    if (this.#batch.size >= MAX_BATCH) this.#batch.flush();
  }

  protected override flush(): void {
    this.#batch.flush();
  }

  snapshot(pageRows: number): ServedSnapshot {
    const state = this.#latest;
    if (state === undefined) return { seq: this.seq, record: null, total: 0, sent: 0, page: () => undefined };
    const record = toMarketStateRecord(state, pageRows);
    return { seq: this.seq, record, total: record.rowCount, sent: record.rows.close.length, page: (from, count) => historyRows(state, from, from + count) };
  }

  protected source$(): Observable<unknown> {
    return this.state$;
  }

  protected onValue(value: unknown): void {
    // The replayed current state (the server's own users may hold the key already); later states
    // come with their step first.
    this.#latest ??= value as MarketState;
  }
}

/** A served `bars$`: publishes what changed between two series (closed bars appended, the forming bar, the flag). */
export class ServedBars extends ServedStream {
  #latest: BarSeries | undefined;

  constructor(
    id: string, key: string, subject: string, instance: string, host: ServedStreamHost,
    private readonly series$: Observable<BarSeries>,
  ) {
    super(id, key, subject, instance, host);
  }

  snapshot(pageRows: number): ServedSnapshot {
    const series = this.#latest;
    if (series === undefined) return { seq: this.seq, record: null, total: 0, sent: 0, page: () => undefined };
    const bars = series.bars;
    const sent = Math.min(pageRows, bars.length);
    const record: BarSeriesRecord = {
      symbol: series.symbol,
      barSize: series.barSize,
      history: bars.capacity,
      total: bars.length,
      bars: bars.slice(0, sent).map(barTuple),
      forming: series.forming === undefined ? null : barTuple(series.forming),
      stale: series.stale,
    };
    return { seq: this.seq, record, total: bars.length, sent, page: (from, count): BarTuple[] => bars.slice(from, from + count).map(barTuple) };
  }

  protected source$(): Observable<unknown> {
    return this.series$;
  }

  protected onValue(value: unknown): void {
    const series = value as BarSeries;
    const previous = this.#latest;
    this.#latest = series;
    const closed = previous === undefined ? series.bars.toArray() : closedSince(series, previous.bars.last?.start);
    if (closed.length > this.host.barsPerMessage) {
      this.host.publish(this.subject, encodeResync(this.instance, this.nextSeq()));
      return;
    }
    this.host.publish(this.subject, encodeBarsUpdate(this.instance, this.nextSeq(), { type: 'bars', closed, forming: series.forming, stale: series.stale }));
  }
}

/** The closed bars of `series` that start after `lastStart` (all when `undefined`), oldest first. */
function closedSince(series: BarSeries, lastStart: number | undefined): Bar[] {
  const { bars } = series;
  if (lastStart === undefined) return bars.toArray();
  let from = bars.length;
  while (from > 0 && (bars.at(from - 1)?.start ?? Number.NEGATIVE_INFINITY) > lastStart) from -= 1;
  return bars.slice(from);
}
