import { Observable } from 'rxjs';
import type { Subscription } from 'rxjs';

/**
 * Receives the events of one routed request id, then the source's error or completion. A
 * `Subscriber` is one; the per-tick path of market data passes plain functions (one call per
 * event instead of a `Subscriber`'s chain).
 */
export interface RouteListener<E> {
  next(event: E): void;
  error(error: unknown): void;
  complete(): void;
}

/**
 * Routes the events of one hot source to per-request streams in O(1) per event (a map lookup by
 * request id instead of one `filter` per live request).
 *
 * ```text
 * source            --a1--b2--c1--d9--|      (letter = event, digit = request id)
 * route$(1)   ^     --a1------c1------|
 * route$(2)       ^ ----b2------------|
 * ```
 * - The source is subscribed while at least one route is subscribed, and unsubscribed after the last.
 * - Events for an id without a route (a cancelled or finished request, notices) are dropped: a late
 *   tick can never revive a stream.
 * - Source completion or error completes or errors every route.
 * - One route per id at a time; a second subscriber to the same id replaces the first (ids are
 *   never reused, so that only happens by mistake and is logged by the caller's tests).
 */
export class RequestRouter<E> {
  readonly #source$: Observable<E>;
  readonly #reqIdOf: (event: E) => number | undefined;
  readonly #routes = new Map<number, RouteListener<E>>();
  #connection: Subscription | undefined;

  /**
   * @param source$ the hot event source (e.g. the connection's `events$`).
   * @param reqIdOf the request id an event belongs to, or undefined for connection-wide events.
   */
  constructor(source$: Observable<E>, reqIdOf: (event: E) => number | undefined) {
    this.#source$ = source$;
    this.#reqIdOf = reqIdOf;
  }

  /** Number of routed request ids right now. */
  get size(): number {
    return this.#routes.size;
  }

  /** The events of request `reqId`, from now on. */
  route$(reqId: number): Observable<E> {
    return new Observable<E>((subscriber) => this.listen(reqId, subscriber));
  }

  /**
   * `route$` without an Observable: `listener` gets the events of request `reqId` from now on (the
   * source's error or completion too, after which it is removed); the returned function removes it.
   * The source is subscribed as for `route$`.
   */
  listen(reqId: number, listener: RouteListener<E>): () => void {
    this.#routes.set(reqId, listener);
    this.#connect();
    return () => {
      if (this.#routes.get(reqId) === listener) this.#routes.delete(reqId);
      if (this.#routes.size === 0) this.#disconnect();
    };
  }

  #connect(): void {
    if (this.#connection !== undefined) return;
    this.#connection = this.#source$.subscribe({
      next: (event) => {
        const reqId = this.#reqIdOf(event);
        if (reqId !== undefined) this.#routes.get(reqId)?.next(event);
      },
      error: (error: unknown) => {
        this.#connection = undefined;
        const routes = [...this.#routes.values()];
        this.#routes.clear();
        for (const route of routes) route.error(error);
      },
      complete: () => {
        this.#connection = undefined;
        const routes = [...this.#routes.values()];
        this.#routes.clear();
        for (const route of routes) route.complete();
      },
    });
    if (this.#connection.closed) this.#connection = undefined;
  }

  #disconnect(): void {
    const connection = this.#connection;
    this.#connection = undefined;
    connection?.unsubscribe();
  }
}
