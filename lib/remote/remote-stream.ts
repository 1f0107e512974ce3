import type { Msg } from '@nats-io/transport-node';
import { log } from '../log.js';
import type { ConsumerLink } from './consumer-link.js';
import type { JoinReply } from './protocol.js';
import type { StartRemote } from './remote-entry.js';
import { RemoteProtocolError } from './remote-errors.js';
import type { StreamRequest } from './stream-keys.js';
import { decodeControl, encodeControl, type StreamBatch, type StreamEnd } from './wire.js';
import { fromWireError } from './wire-error.js';

/** How one kind of stream travels: decoding its messages, restoring a snapshot, applying an update. */
export interface StreamCodec<S, I> {
  readonly subject: (id: string) => string;
  /** What one NATS message carries (inputs numbered from its first sequence number, maybe an end). */
  readonly decode: (subject: string, data: Uint8Array) => StreamBatch<I>;
  /** The value before the first input (the join said there is none yet). */
  readonly initial: (history: number) => S;
  /** The value a snapshot describes; `rows` holds every history row / bar (the record's and the fetched pages'). */
  readonly restore: (record: unknown, pages: readonly unknown[]) => S;
  readonly apply: (value: S, input: I) => S;
  readonly stale: (value: S, stale: boolean) => S;
}

type Phase = 'joining' | 'live' | 'waiting';

/**
 * Starts a remote stream: subscribes to its subject first, joins (a lease and the snapshot), then applies
 * the messages after the snapshot's sequence number — the buffered ones first — so there is no gap
 * and no duplicate. A gap, a new stream instance, a resync message, a rejoin signal (NATS or server
 * back, a lease the server does not know) joins again and continues from the new snapshot. While
 * the link is down the value is marked stale (locally). A stream error from the server errors it,
 * as its ib-rx class. Stopping it leaves the stream (the server drops it with its last lease).
 * Reports to a sink (see `remoteEntry`, which shares it): no object per input on the way.
 *
 * ```text
 * server seq   1  2  3  4  5 ...            join answered at seq 3 (snapshot S3)
 * consumer        (buffer 2 3 4)  S3 4 5 …  (2, 3 dropped: in S3)
 * ```
 */
export function remoteStream<S, I>(link: ConsumerLink, request: StreamRequest, codec: StreamCodec<S, I>): StartRemote<S, I> {
  return (sink) => {
    const subject = codec.subject(request.id);
    let phase: Phase = 'joining';
    let attempt = 0;
    let instance = '';
    let lastSeq = 0;
    /** The last value emitted. */
    let value: S | undefined;
    /** What the next input applies to (the initial value after a join that had no snapshot yet). */
    let base: S | undefined;
    let buffer: StreamBatch<I>[] = [];
    let ended = false;

    /** The stream has ended (an error, or unsubscribed): read through a call, as handlers change it. */
    const isEnded = (): boolean => ended;
    /** A join is under way (read through a call, as handlers change it). */
    const isJoining = (): boolean => phase === 'joining';
    /** A newer join (or the end) has replaced join `mine`. */
    const superseded = (mine: number): boolean => ended || mine !== attempt;
    const emit = (next: S, input: I | undefined): void => {
      value = next;
      base = next;
      sink.next(next, input);
    };
    const fail = (error: unknown): void => {
      if (ended) return;
      ended = true;
      sink.error(error);
    };
    const markStale = (): void => {
      if (value !== undefined) {
        const next = codec.stale(value, true);
        if (next !== value) {
          const keep = base !== value ? base : undefined;
          emit(next, undefined);
          if (keep !== undefined) base = keep;
        }
      }
    };
    /** Checks the instance and the next sequence number (joining again on a new instance or a gap); true when `seq` is to be applied. */
    const next = (batchInstance: string, seq: number): boolean => {
      if (batchInstance !== instance) {
        log.remote('%s: new stream instance %s: joining again', request.key, batchInstance);
        join();
        return false;
      }
      if (seq <= lastSeq) return false;
      if (seq !== lastSeq + 1) {
        log.remote('%s: gap (seq %d after %d): joining again', request.key, seq, lastSeq);
        join();
        return false;
      }
      lastSeq = seq;
      return true;
    };
    const end = (what: StreamEnd): void => {
      if (what.kind === 'error') fail(fromWireError(what.error));
      else join();
    };
    /** After a join started mid-batch: the batch's inputs from `i` on wait for the new snapshot. */
    const keepRest = (batch: StreamBatch<I>, i: number): void => {
      if (isJoining()) buffer.push(i === 0 ? batch : { ...batch, firstSeq: batch.firstSeq + i, inputs: batch.inputs.slice(i) });
    };
    /** Applies a live batch: the inputs after `lastSeq`, then its end. A join started on the way gets the rest. */
    const handle = (batch: StreamBatch<I>): void => {
      const mine = attempt;
      const { inputs, firstSeq } = batch;
      if (batch.instance !== instance) {
        log.remote('%s: new stream instance %s: joining again', request.key, batch.instance);
        join();
        keepRest(batch, 0);
        return;
      }
      for (let i = 0; i < inputs.length; i++) {
        const seq = firstSeq + i;
        if (seq <= lastSeq) continue;
        if (seq !== lastSeq + 1 || base === undefined) {
          if (base !== undefined) log.remote('%s: gap (seq %d after %d): joining again', request.key, seq, lastSeq);
          join();
          keepRest(batch, i);
          return;
        }
        lastSeq = seq;
        const input = inputs[i] as I;
        emit(codec.apply(base, input), input);
        if (isEnded() || superseded(mine)) {
          keepRest(batch, i + 1);
          return;
        }
      }
      if (batch.end !== undefined && next(batch.instance, firstSeq + inputs.length)) end(batch.end);
      else if (batch.end !== undefined && superseded(mine)) keepRest(batch, inputs.length);
    };
    const fetchPages = async (reply: Extract<JoinReply, { ok: true }>, sent: number, total: number): Promise<unknown[]> => {
      const pages: unknown[] = [];
      let from = sent;
      while (reply.pin !== undefined && from < total) {
        const msg = await link.nc.request(link.subjects.rows, encodeControl({ pin: reply.pin, from }), { timeout: 10_000 });
        const page = decodeControl(link.subjects.rows, msg.string()) as { readonly ok: boolean; readonly rows?: unknown };
        if (!page.ok) throw new RemoteProtocolError(link.subjects.rows, 'snapshot pages gone');
        pages.push(page.rows);
        const count = rowCount(page.rows);
        if (count === 0) break;
        from += count;
      }
      return pages;
    };
    const accept = async (reply: Extract<JoinReply, { ok: true }>, mine: number): Promise<void> => {
      const record = reply.record;
      const total = recordTotal(record);
      const pages = record === null ? [] : await fetchPages(reply, recordSent(record), total);
      if (superseded(mine)) return;
      instance = reply.instance;
      lastSeq = reply.seq;
      // No input yet at the server: the next input applies to a fresh value, as the server's does.
      if (record === null) base = codec.initial(reply.history);
      else emit(codec.restore(record, pages), undefined);
      phase = 'live';
      const waiting = buffer;
      buffer = [];
      for (const [i, batch] of waiting.entries()) {
        if (superseded(mine)) {
          if (isJoining()) buffer.push(...waiting.slice(i));
          break;
        }
        handle(batch);
      }
    };
    const join = (): void => {
      attempt += 1;
      const mine = attempt;
      phase = 'joining';
      buffer = [];
      link.nc
        .request(link.subjects.join, encodeControl({ consumer: link.consumerId, stream: request.id, target: request.target }), { timeout: 5000 })
        .then(async (msg: Msg) => {
          if (mine !== attempt || ended) return;
          const reply = decodeControl(link.subjects.join, msg.string()) as JoinReply;
          if (!reply.ok) {
            fail(fromWireError(reply.error));
            return;
          }
          await accept(reply, mine);
        })
        .catch((error: unknown) => {
          if (mine !== attempt || ended) return;
          if (error instanceof RemoteProtocolError) {
            fail(error);
            return;
          }
          log.remote('%s: join failed (%s): waiting for a server', request.key, error instanceof Error ? error.message : String(error));
          phase = 'waiting';
          markStale();
        });
    };

    const natsSub = link.nc.subscribe(subject, { callback: (error, msg) => {
      if (error !== null || ended) return;
      let batch: StreamBatch<I>;
      try {
        batch = codec.decode(subject, msg.data);
      } catch (failure: unknown) {
        fail(failure);
        return;
      }
      if (phase === 'live') handle(batch);
      else if (phase === 'joining') buffer.push(batch);
    } });
    const signals = link.signals$.subscribe({
      next: (signal) => {
        if (ended) return;
        switch (signal.type) {
          case 'down':
            phase = 'waiting';
            attempt += 1;
            markStale();
            break;
          case 'retry':
            if (phase === 'waiting') join();
            break;
          case 'rejoin':
            if (signal.streams === undefined || signal.streams.has(request.id)) join();
            break;
        }
      },
      error: fail,
    });
    link.hold(request.id);
    if (link.up) join();
    else phase = 'waiting';
    return () => {
      ended = true;
      signals.unsubscribe();
      natsSub.unsubscribe();
      link.release(request.id);
    };
  };
}

const rowCount = (rows: unknown): number => {
  if (Array.isArray(rows)) return rows.length;
  if (typeof rows === 'object' && rows !== null && 'close' in rows && Array.isArray(rows.close)) return rows.close.length;
  return 0;
};

function recordTotal(record: unknown): number {
  if (typeof record !== 'object' || record === null) return 0;
  if ('rowCount' in record && typeof record.rowCount === 'number') return record.rowCount;
  if ('total' in record && typeof record.total === 'number') return record.total;
  return 0;
}

function recordSent(record: unknown): number {
  if (typeof record !== 'object' || record === null) return 0;
  if ('rows' in record) return rowCount(record.rows);
  if ('bars' in record) return rowCount(record.bars);
  return 0;
}
