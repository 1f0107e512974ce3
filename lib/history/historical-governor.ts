import { Observable, type SchedulerLike, type Subscription } from 'rxjs';
import { pacingVerdict, type PacingRecord, type PacingTicket } from './pacing-verdict.js';
import type { HistoricalPacingRules } from './pacing-rules.js';

/** A job waiting for its turn. */
interface Waiting {
  readonly ticket: PacingTicket;
  readonly admit: () => void;
}

/**
 * Lets historical requests go to TWS only when IB's pacing rules allow it (see
 * `HistoricalPacingRules`): never a pacing violation, never a silent drop. Excess jobs wait in
 * call order; a job held back by a per-contract rule (identical request, same-contract burst) lets
 * later jobs for other contracts pass, one held back by the long window or the open-request cap
 * holds back every later small-bar job (so none is starved).
 *
 * ```text
 * burstMax 2, burstWindow 4 frames, one contract; each job: (s|) when admitted   (s: sent)
 * job 1    ^ (s|)
 * job 2    ^ (s|)
 * job 3    ^ ----(s|)        waits until job 1's send left the window
 * ```
 * - `through$(job$, ticket, isSent)` is cold: each subscription queues one job. Once admitted, the
 *   job is subscribed and counts as open until it completes, errors or is unsubscribed.
 * - A job counts in the time windows from the moment it emits a value for which `isSent` is true
 *   (its message left the pacing queue); until then it counts as sent "now", in every window. A
 *   job that ends before it was sent counts in none.
 * - Windows are measured on `scheduler` time, each widened by `rules.marginMs`.
 * - Errors and completion pass through; unsubscribing a queued job removes it from the queue.
 *
 * @example
 * governor.through$(request$, { identity, key, weight: 1, small: true }, (step) => step.type === 'sent')
 */
export class HistoricalGovernor {
  readonly #rules: HistoricalPacingRules;
  readonly #scheduler: SchedulerLike;
  readonly #queue: Waiting[] = [];
  #records: PacingRecord[] = [];
  #open = 0;
  #timer: Subscription | undefined;
  #timerAt = Number.POSITIVE_INFINITY;
  #scanning = false;
  /** Scans asked for (a scan asked for during a scan runs right after it). */
  #asked = 0;

  constructor(rules: HistoricalPacingRules, scheduler: SchedulerLike) {
    this.#rules = rules;
    this.#scheduler = scheduler;
  }

  /** Jobs waiting for their turn. */
  get queued(): number {
    return this.#queue.length;
  }

  /** Jobs admitted and not ended (requests open at TWS, or about to be). */
  get open(): number {
    return this.#open;
  }

  /** `job$` run in its turn (see the class): cold, one queued job per subscription. */
  through$<T>(job$: Observable<T>, ticket: PacingTicket, isSent: (value: T) => boolean): Observable<T> {
    return new Observable<T>((subscriber) => {
      let admitted = false;
      let ended = false;
      let record: PacingRecord | undefined;
      let running: Subscription | undefined;
      const end = (): void => {
        if (!admitted || ended) return;
        ended = true;
        this.#open -= 1;
        if (record !== undefined && record.t === undefined) this.#records = this.#records.filter((r) => r !== record);
        this.#scan();
      };
      const waiting: Waiting = {
        ticket,
        admit: () => {
          admitted = true;
          this.#open += 1;
          if (ticket.small) {
            record = { t: undefined, ticket };
            this.#records.push(record);
          }
          running = job$.subscribe({
            next: (value) => {
              if (record !== undefined && record.t === undefined && isSent(value)) {
                record.t = this.#scheduler.now();
                this.#scan();
              }
              subscriber.next(value);
            },
            error: (error: unknown) => {
              end();
              subscriber.error(error);
            },
            complete: () => {
              end();
              subscriber.complete();
            },
          });
        },
      };
      this.#queue.push(waiting);
      this.#scan();
      return () => {
        const at = this.#queue.indexOf(waiting);
        if (at >= 0) this.#queue.splice(at, 1);
        running?.unsubscribe();
        end();
        if (at >= 0) this.#scan();
      };
    });
  }

  /** Admits every job the rules allow now, and arms a timer for the earliest moment a held-back one may go. */
  #scan(): void {
    this.#asked += 1;
    if (this.#scanning) return;
    this.#scanning = true;
    try {
      let done: number;
      do {
        done = this.#asked;
        this.#pass();
      } while (this.#asked !== done);
    } finally {
      this.#scanning = false;
    }
  }

  #pass(): void {
    const now = this.#scheduler.now();
    this.#prune(now);
    let wakeAt = Number.POSITIVE_INFINITY;
    let windowFull = false;
    const heldKeys = new Set<string>();
    for (const waiting of [...this.#queue]) {
      if (this.#open >= this.#rules.maxOpen) break;
      const { ticket } = waiting;
      if (ticket.small && (windowFull || heldKeys.has(ticket.key))) continue;
      const verdict = ticket.small ? pacingVerdict(this.#records, ticket, now, this.#rules) : undefined;
      if (verdict === undefined) {
        this.#queue.splice(this.#queue.indexOf(waiting), 1);
        waiting.admit();
        continue;
      }
      if (verdict.until !== undefined) wakeAt = Math.min(wakeAt, verdict.until);
      if (verdict.rule === 'window') windowFull = true;
      else heldKeys.add(ticket.key);
    }
    this.#arm(this.#queue.length === 0 ? Number.POSITIVE_INFINITY : wakeAt);
  }

  /** Forgets sends older than every window. */
  #prune(now: number): void {
    const { windowMs, identicalWindowMs, burstWindowMs, marginMs } = this.#rules;
    const keep = Math.max(windowMs, identicalWindowMs, burstWindowMs) + marginMs;
    if (this.#records.some((r) => r.t !== undefined && now - r.t >= keep)) {
      this.#records = this.#records.filter((r) => r.t === undefined || now - r.t < keep);
    }
  }

  #arm(at: number): void {
    if (at === this.#timerAt) return;
    this.#timer?.unsubscribe();
    this.#timer = undefined;
    this.#timerAt = at;
    if (at === Number.POSITIVE_INFINITY) return;
    this.#timer = this.#scheduler.schedule(() => {
      this.#timer = undefined;
      this.#timerAt = Number.POSITIVE_INFINITY;
      this.#scan();
    }, Math.max(0, at - this.#scheduler.now()));
  }
}
