import type { Observable } from 'rxjs';
import type { OrderBook } from '../streams/depth/order-book.js';
import { depthChangeJson, encodeItems, orderBookRecord, type ItemsKind } from './event-messages.js';
import { ServedStream, type ServedSnapshot, type ServedStreamHost } from './served-stream.js';
import { TaskBatch } from './task-batch.js';

/**
 * A served stream whose values travel as JSON items (`[3, instance, firstSeq, kind, [item …]]`):
 * each value is one item with the next sequence number; the items of one task go out together
 * (when the task ends, or when the message reaches `host.itemBytesPerMessage`).
 *
 * ```text
 * session values   -a-b-c----d-     (a, b, c in one socket read)
 * NATS messages    -----[abc]--[d]
 * ```
 */
abstract class ServedItems<V> extends ServedStream {
  /** Items (JSON texts) not yet published, and their bytes. */
  readonly #batch = new TaskBatch<string>((firstSeq, items) => {
    this.#bytes = 0;
    this.host.publish(this.subject, encodeItems(this.kind, this.instance, firstSeq, items));
  });
  #bytes = 0;

  constructor(
    id: string, key: string, subject: string, instance: string, host: ServedStreamHost,
    private readonly kind: ItemsKind,
    private readonly values$: Observable<V>,
  ) {
    super(id, key, subject, instance, host);
  }

  protected source$(): Observable<unknown> {
    return this.values$;
  }

  /** Queues one item (its JSON text) with the next sequence number. */
  protected push(json: string): void {
    if (this.#batch.size > 0 && this.#bytes + json.length > this.host.itemBytesPerMessage) this.#batch.flush();
    this.#batch.add(this.nextSeq(), json);
    this.#bytes += json.length;
  }

  protected override flush(): void {
    this.#batch.flush();
  }
}

/**
 * A served `depth$`: each book the session emits travels as its change from the previous one
 * (time, stale flag, and each side whose array changed, whole); a joiner gets the current book.
 * The consumer rebuilds the very book: the session's reducer inputs stay inside its depth fold
 * (`IbSession.depth$` emits books), so books travel, as changes (docs/remote.md).
 */
export class ServedDepth extends ServedItems<OrderBook> {
  #latest: OrderBook | undefined;

  constructor(id: string, key: string, subject: string, instance: string, host: ServedStreamHost, books$: Observable<OrderBook>) {
    super(id, key, subject, instance, host, 'd', books$);
  }

  snapshot(): ServedSnapshot {
    const book = this.#latest;
    return { seq: this.seq, record: book === undefined ? null : orderBookRecord(book), total: 0, sent: 0, page: () => undefined };
  }

  protected onValue(value: unknown): void {
    const book = value as OrderBook;
    const previous = this.#latest;
    this.#latest = book;
    this.push(depthChangeJson(book, previous));
  }
}

/**
 * A served stream of events with no replay (`tickByTick$`, `realTimeBars$`): each event is one
 * item; a joiner gets no snapshot, only the events after its join.
 */
export class ServedEvents<V> extends ServedItems<V> {
  constructor(
    id: string, key: string, subject: string, instance: string, host: ServedStreamHost, kind: ItemsKind, events$: Observable<V>,
    private readonly json: (value: V) => string,
  ) {
    super(id, key, subject, instance, host, kind, events$);
  }

  snapshot(): ServedSnapshot {
    return { seq: this.seq, record: null, total: 0, sent: 0, page: () => undefined };
  }

  protected onValue(value: unknown): void {
    this.push(this.json(value as V));
  }
}
