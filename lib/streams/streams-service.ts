import type { Contract } from '@stoqey/ib';
import { BehaviorSubject, defer, merge, share, takeUntil, tap, timer, type Observable } from 'rxjs';
import type { Bar } from '../bars/bar.js';
import { SessionClosedError, StreamLimitError } from '../errors.js';
import { StreamActivity } from '../monitoring/stream-activity.js';
import { contractKey, contractLabel, normalizeContract, type SymbolOrContract } from '../requests/contract-key.js';
import { realTimeBarsQuery, type RealTimeBarsOptions } from './real-time-bars/real-time-bars-options.js';
import { realTimeBarsRequest$ } from './real-time-bars/real-time-bars-request.js';
import type { StreamContext } from './stream-context.js';
import { RequestSpacing } from './tick-by-tick/request-spacing.js';
import { checkTickByTickContract, checkTickByTickType, type TickByTick, type TickByTickOf, type TickByTickType } from './tick-by-tick/tick-by-tick.js';
import { tickByTickRequest$ } from './tick-by-tick/tick-by-tick-request.js';

/** IB: no more than one tick-by-tick request for the same instrument within 15 seconds. */
export const TICK_BY_TICK_RULE_MS = 15_000;
/**
 * ib-rx keeps 1 s more between two requests of one instrument and type than IB's 15 s: TWS counts
 * from when a request arrives, and the previous one may have taken longer on the way.
 */
export const TICK_BY_TICK_SPACING_MS = TICK_BY_TICK_RULE_MS + 1000;

/** Options of {@link StreamsService}. */
export interface StreamsServiceOptions {
  readonly context: StreamContext;
  /** Emits when the session closes: every stream completes, lingering requests are cancelled. */
  readonly closed$: Observable<unknown>;
  /** Connects the session if it is not connected; `false` once it is closed. */
  readonly open: () => boolean;
  /** Live tick-by-tick requests allowed (`limits.tick_by_tick_slots`); lingering ones count. */
  readonly tickByTickSlots: number;
  /** How long a tick-by-tick request stays alive after its last subscriber left. Default 15 000 ms. */
  readonly tickByTickLingerMs?: number;
  /** Least time between two requests of one instrument and type. Default {@link TICK_BY_TICK_SPACING_MS} (16 s). */
  readonly tickByTickSpacingMs?: number;
}


/**
 * The session's streams beside market data: `realTimeBars$` and `tickByTick$`, each shared per
 * normalised request over the session's connection, ids, routing, pacing and resubscription.
 *
 * Tick-by-tick requests *linger*: after the last subscriber leaves, the request stays alive for
 * `tickByTickLingerMs` (15 s), so an unsubscribe followed by a resubscribe within that time reuses
 * it (no new request, no 15-s violation); after the linger it is cancelled. A request that would
 * still come too soon (a reconnect, 1101, a resubscribe right after the linger) waits until 16 s
 * after the previous one of the same instrument and type (IB's 15 s plus 1 s for network delays).
 * Lingering requests hold their slot.
 */
export class StreamsService {
  /** Live tick-by-tick requests, lingering ones included (real-time bars count as market-data lines). Replays; completes on `complete()`. */
  readonly pending$: Observable<number>;
  readonly #options: StreamsServiceOptions;
  readonly #pending$ = new BehaviorSubject(0);
  readonly #realTime = new Map<string, Observable<Bar>>();
  /** What each live real-time bars request received (read by `health$`: a bar counts as a tick). */
  readonly #realTimeActivity = new Map<string, StreamActivity>();
  readonly #tickByTick = new Map<string, Observable<TickByTick>>();
  readonly #spacing: RequestSpacing;
  #slotsInUse = 0;

  constructor(options: StreamsServiceOptions) {
    this.#options = options;
    this.#spacing = new RequestSpacing(options.tickByTickSpacingMs ?? TICK_BY_TICK_SPACING_MS);
    this.pending$ = this.#pending$.asObservable();
  }

  /** The counters of a live real-time bars request by its registry key (bars so far, the last one's arrival), for `health$`. */
  activity(key: string): StreamActivity | undefined {
    return this.#realTimeActivity.get(key);
  }

  /** Tick-by-tick slots in use (live and lingering requests). */
  get tickByTickSlotsInUse(): number {
    return this.#slotsInUse;
  }

  /** 5-second bars (see `IbSession.realTimeBars$`). */
  realTimeBars$(input: SymbolOrContract, options?: RealTimeBarsOptions): Observable<Bar> {
    return defer(() => {
      const query = realTimeBarsQuery(options);
      const contract = normalizeContract(input);
      if (!this.#options.open()) throw new SessionClosedError();
      const key = `rtb:${contractKey(contract)}|${query.whatToShow}|rth=${String(query.useRTH)}`;
      const existing$ = this.#realTime.get(key);
      if (existing$ !== undefined) return existing$;
      const activity = new StreamActivity();
      const { scheduler } = this.#options.context;
      const forget = (): void => {
        if (this.#realTime.get(key) !== shared$) return;
        this.#realTime.delete(key);
        this.#realTimeActivity.delete(key);
      };
      const shared$ = realTimeBarsRequest$({ key, symbol: contractLabel(contract), contract, query }, this.#options.context).pipe(
        tap({ next: () => { activity.count(scheduler.now()); }, error: forget, complete: forget, unsubscribe: forget }),
        takeUntil(this.#options.closed$),
        share(),
      );
      this.#realTime.set(key, shared$);
      this.#realTimeActivity.set(key, activity);
      return shared$;
    });
  }

  /** Tick-by-tick data (see `IbSession.tickByTick$`). */
  tickByTick$<T extends TickByTickType>(input: SymbolOrContract, type: T): Observable<TickByTickOf<T>> {
    return defer(() => {
      checkTickByTickType(type);
      const contract = normalizeContract(input);
      checkTickByTickContract(contract);
      if (!this.#options.open()) throw new SessionClosedError();
      const key = `tbt:${contractKey(contract)}|${type}`;
      return (this.#tickByTick.get(key) ?? this.#createTickByTick$(key, contractLabel(contract), contract, type)) as Observable<TickByTickOf<T>>;
    });
  }

  /** The session closed: end `pending$`. */
  complete(): void {
    this.#pending$.complete();
  }

  #createTickByTick$(key: string, symbol: string, contract: Contract, type: TickByTickType): Observable<TickByTick> {
    const { context, closed$, tickByTickSlots: limit } = this.#options;
    const lingerMs = this.#options.tickByTickLingerMs ?? TICK_BY_TICK_RULE_MS;
    const forget = (): void => {
      if (this.#tickByTick.get(key) === shared$) this.#tickByTick.delete(key);
    };
    const slot$ = defer(() => {
      if (this.#slotsInUse >= limit) throw StreamLimitError.budgetExhausted({ stream: 'tick-by-tick', inUse: this.#slotsInUse, limit, symbol });
      this.#slotsInUse += 1;
      this.#count();
      const release = (): void => {
        this.#slotsInUse -= 1;
        this.#count();
      };
      return tickByTickRequest$({ key, symbol, contract, type }, context, this.#spacing).pipe(tap({ error: release, complete: release, unsubscribe: release }));
    });
    const shared$ = slot$.pipe(
      tap({ error: forget, complete: forget, unsubscribe: forget }),
      takeUntil(closed$),
      share({ resetOnRefCountZero: () => merge(timer(lingerMs, context.scheduler), closed$) }),
    );
    this.#tickByTick.set(key, shared$);
    return shared$;
  }

  #count(): void {
    if (!this.#pending$.closed) this.#pending$.next(this.#slotsInUse);
  }
}
