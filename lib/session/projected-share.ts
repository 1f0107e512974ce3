import { Observable, Subscription, type Subscriber } from 'rxjs';

/**
 * What a shared source tells its share: each new value with the input that made it (none for a
 * snapshot or a local mark), its error, its end. `changed` says whether `value` is a new value
 * (default: it is not the value emitted last).
 */
export interface ProjectionSink<S, I> {
  readonly next: (value: S, input: I | undefined, changed?: boolean) => void;
  readonly error: (error: unknown) => void;
  readonly complete: () => void;
}

/** Starts a source that reports to `sink`; returns what stops it. */
export type StartProjected<S, I> = (sink: ProjectionSink<S, I>) => () => void;

/** Options of {@link projectedShare}. */
export interface ProjectedShareOptions<I, T> {
  /** The input as an `inputs$` value, or `undefined` when it is not one (market data: ticks only). */
  readonly pick: (input: I) => T | undefined;
  /** Emits once when everything ends (the session closed): every subscriber completes. */
  readonly end$?: Observable<unknown> | undefined;
  /** Called when the source stops (error, completion, `end$`, last unsubscribe), before any subscriber hears of it. */
  readonly onEnd?: (() => void) | undefined;
}

/** The two projections of one shared source. */
export interface ProjectedShare<S, T> {
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
 * One source shared by every subscriber of two projections — its values and its picked inputs —
 * started by the first subscriber of either, stopped when the last one leaves or `end$` emits;
 * its error or completion reaches every subscriber (after `onEnd`, so a new subscriber starts
 * afresh). The per-tick path of a local market-data stream (`foldRequest`) and of a NATS
 * consumer's streams (`remoteEntry`).
 *
 * ```text
 * source      --S--a--b--|        S: a value with no input, a / b: ticks
 * inputs$  ^  -----a--b--|
 * value$         ^ (S)A--B--|     a late subscriber gets the latest value at once
 * ```
 * Hand-written instead of `tap` + `share` + `map` + `distinctUntilChanged` + `filter` + `map`
 * (the rules of `share` with every reset on): each input is one call into here and one `next`
 * per subscriber.
 */
export function projectedShare<S, I, T>(start: StartProjected<S, I>, options: ProjectedShareOptions<I, T>): ProjectedShare<S, T> {
  const { pick, end$, onEnd } = options;
  /** Copied on every change, so a delivery loop never sees a list change under it. */
  let listeners: readonly Listener<S, T>[] = [];
  /** The source's stop and `end$` while started. */
  let connection: Subscription | undefined;
  let latest: S | undefined;

  const disconnect = (): void => {
    if (connection === undefined) return;
    const current = connection;
    connection = undefined;
    latest = undefined;
    current.unsubscribe();
    onEnd?.();
  };
  /** Stops the source, then tells every subscriber (`error` or `complete`). */
  const finish = (deliver: (subscriber: Subscriber<never>) => void): void => {
    const all = listeners;
    listeners = [];
    disconnect();
    for (const { subscriber } of all) deliver(subscriber);
  };
  const complete = (): void => { finish((subscriber) => { subscriber.complete(); }); };
  const sink: ProjectionSink<S, I> = {
    next: (value, input, changed = value !== latest) => {
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
    complete,
  };
  const connect = (): void => {
    const bag = new Subscription();
    connection = bag;
    if (end$ !== undefined) bag.add(end$.subscribe({ next: complete, error: sink.error }));
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
