import { Observable, timer, type SchedulerLike, type Subscription } from 'rxjs';

/** A job waiting for its turn at a {@link SpacingGate}. */
interface Ticket {
  readonly admit: () => void;
}

/**
 * Lets requests through one at a time, in the order they asked, at least `intervalMs` apart
 * (measured from the moment each one actually went out): IB's "about one `reqMatchingSymbols`
 * per second", never violated, never reordered.
 *
 * ```text
 * interval 3 frames; each job: --s--a|   (s: sent, a: answer)
 * job 1   ^ --s--a|
 * job 2    ^    ----s--a|          waits for job 1's s, then 3 frames from it
 * job 3     ^   (unsubscribed while queued: never runs, takes no turn)
 * ```
 * - `through$(job$, isSent)` is cold: each subscription queues one job. The job is subscribed when
 *   every earlier job has been sent (or has ended) and `intervalMs` has passed since the last
 *   send; its values pass through unchanged.
 * - The job holds the gate until it emits a value for which `isSent` is true (its message left),
 *   completes, errors or is unsubscribed; then the next job may go once the interval is over.
 * - Errors and completion pass through; unsubscribing a queued job removes it from the queue,
 *   unsubscribing a running one unsubscribes it.
 * Time comes from `scheduler`.
 *
 * @example
 * const gate = new SpacingGate(1000, asyncScheduler);
 * gate.through$(search$('AA'), (step) => step.type === 'sent').subscribe(…);
 */
export class SpacingGate {
  readonly #intervalMs: number;
  readonly #scheduler: SchedulerLike;
  readonly #queue: Ticket[] = [];
  #lastSentAt = Number.NEGATIVE_INFINITY;
  #busy = false;

  /**
   * @param intervalMs the least time between two sends (≥ 0).
   * @param scheduler the clock and timers.
   */
  constructor(intervalMs: number, scheduler: SchedulerLike) {
    if (!(intervalMs >= 0)) throw new RangeError(`intervalMs must be ≥ 0, got ${intervalMs}`);
    this.#intervalMs = intervalMs;
    this.#scheduler = scheduler;
  }

  /** Jobs waiting for their turn (not counting the one running). */
  get queued(): number {
    return this.#queue.length;
  }

  /** `job$` run in its turn (see the class): cold, one queued job per subscription. */
  through$<T>(job$: Observable<T>, isSent: (value: T) => boolean): Observable<T> {
    return new Observable<T>((subscriber) => {
      let holding = false;
      let running: Subscription | undefined;
      const release = (): void => {
        if (!holding) return;
        holding = false;
        this.#busy = false;
        this.#admitNext();
      };
      const start = (): void => {
        running = job$.subscribe({
          next: (value) => {
            if (holding && isSent(value)) {
              this.#lastSentAt = this.#scheduler.now();
              release();
            }
            subscriber.next(value);
          },
          error: (error: unknown) => {
            release();
            subscriber.error(error);
          },
          complete: () => {
            release();
            subscriber.complete();
          },
        });
      };
      const ticket: Ticket = {
        admit: () => {
          holding = true;
          this.#busy = true;
          const waitMs = this.#lastSentAt + this.#intervalMs - this.#scheduler.now();
          if (waitMs <= 0) start();
          else running = timer(waitMs, this.#scheduler).subscribe({ next: start, error: (error: unknown) => { subscriber.error(error); } });
        },
      };
      this.#queue.push(ticket);
      this.#admitNext();
      return () => {
        const at = this.#queue.indexOf(ticket);
        if (at >= 0) this.#queue.splice(at, 1);
        running?.unsubscribe();
        release();
      };
    });
  }

  #admitNext(): void {
    if (this.#busy) return;
    this.#queue.shift()?.admit();
  }
}
