import { Observable, Subscription, type Subscriber } from 'rxjs';

/** What a remote stream tells its entry: each new value with the input that made it (none for a snapshot or a local stale mark), or its error. */
export interface RemoteSink<S, I> {
  readonly next: (value: S, input: I | undefined) => void;
  readonly error: (error: unknown) => void;
}

/** Starts a remote stream that reports to `sink`; returns what stops it. */
export type StartRemote<S, I> = (sink: RemoteSink<S, I>) => () => void;

/** Options of {@link remoteEntry}. */
export interface RemoteEntryOptions<I, T> {
  /** The input as an `inputs$` value, or `undefined` when it is not one (market data: ticks only). */
  readonly pick: (input: I) => T | undefined;
  /** Emits once when the session closes: every subscriber completes. */
  readonly end$: Observable<unknown>;
  /** Called when the stream ends (error, `end$`, last unsubscribe), before any subscriber hears of it. */
  readonly onEnd: () => void;
}

/** The projections of one remote stream, shared in this process. */
export interface RemoteEntry<S, T> {
  /** The values, each new one once; a late subscriber gets the latest at once. */
  readonly value$: Observable<S>;
  /** The picked inputs (no replay). */
  readonly inputs$: Observable<T>;
}

/** A subscriber of either projection, in subscription order. */
interface Listener<S, T> {
  readonly subscriber: Subscriber<S> | Subscriber<T>;
  readonly inputs: boolean;
}

/**
 * One remote stream shared by every subscriber of a key in a consumer process: started by the
 * first subscriber of either projection, stopped when the last one leaves or `end$` emits; its
 * error reaches every subscriber (after `onEnd`, so a new subscriber starts afresh).
 *
 * ```text
 * stream      --S--a--b--|        S: a snapshot (no input), a / b: ticks
 * inputs$  ^  -----a--b--|
 * value$         ^ (S)A--B--|     a late subscriber gets the latest value at once
 * ```
 * `value$` emits a value only when it is not the one emitted last (an input that changes nothing
 * is no new value). Hand-written instead of `tap` + `share` + `map` + `distinctUntilChanged` +
 * `filter` + `map` (the rules of `share` with every reset on): each input is one call into here
 * and one `next` per subscriber — the per-tick path of a consumer (see FoldRequest, its local twin).
 */
export function remoteEntry<S, I, T>(start: StartRemote<S, I>, options: RemoteEntryOptions<I, T>): RemoteEntry<S, T> {
  const { pick, end$, onEnd } = options;
  /** Copied on every change, so a delivery loop never sees a list change under it. */
  let listeners: readonly Listener<S, T>[] = [];
  /** The stream's stop and `end$` while started. */
  let connection: Subscription | undefined;
  let latest: S | undefined;

  const disconnect = (): void => {
    if (connection === undefined) return;
    const current = connection;
    connection = undefined;
    latest = undefined;
    current.unsubscribe();
    onEnd();
  };
  const finish = (deliver: (subscriber: Subscriber<never>) => void): void => {
    const all = listeners;
    listeners = [];
    disconnect();
    for (const { subscriber } of all) deliver(subscriber);
  };
  const sink: RemoteSink<S, I> = {
    next: (value, input) => {
      const changed = value !== latest;
      if (changed) latest = value;
      const picked = input === undefined ? undefined : pick(input);
      if (!changed && picked === undefined) return;
      for (const listener of listeners) {
        if (listener.inputs) {
          if (picked !== undefined) (listener.subscriber as Subscriber<T>).next(picked);
        } else if (changed) (listener.subscriber as Subscriber<S>).next(value);
      }
    },
    error: (error) => { finish((subscriber) => { subscriber.error(error); }); },
  };
  const connect = (): void => {
    const bag = new Subscription();
    connection = bag;
    bag.add(end$.subscribe({ next: () => { finish((subscriber) => { subscriber.complete(); }); }, error: sink.error }));
    if (connection !== bag) return;
    // Added after a synchronous end → stopped at once.
    bag.add(start(sink));
  };
  const projection$ = <V extends S | T>(inputs: boolean): Observable<V> =>
    new Observable<V>((subscriber) => {
      if (!inputs && latest !== undefined) {
        (subscriber as Subscriber<S>).next(latest);
        if (subscriber.closed) return undefined;
      }
      const listener: Listener<S, T> = { subscriber: subscriber as Subscriber<S> | Subscriber<T>, inputs };
      listeners = [...listeners, listener];
      if (connection === undefined) connect();
      return () => {
        if (!listeners.includes(listener)) return;
        listeners = listeners.filter((other) => other !== listener);
        if (listeners.length === 0) disconnect();
      };
    });
  return { value$: projection$<S>(false), inputs$: projection$<T>(true) };
}
