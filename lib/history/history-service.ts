import { BehaviorSubject, defer, firstValueFrom, map, takeUntil, tap, type Observable } from 'rxjs';
import { checkOptionKeys } from '../config/known-keys.js';
import type { Bar } from '../bars/bar.js';
import { InvalidInputError, SessionClosedError } from '../errors.js';
import { contractKey, contractLabel, normalizeContract, type SymbolOrContract } from '../requests/contract-key.js';
import { initialBarSeries, type BarSeries } from './bar-series.js';
import { barsRequest$ } from './bars-request.js';
import { pacingTicket } from './historical-attempt.js';
import { historicalBarsRequest$ } from './historical-bars-request.js';
import { BARS_OPTION_KEYS, HISTORICAL_BARS_OPTION_KEYS, type BarsOptions, type HistoricalBarsOptions } from './historical-options.js';
import { checkHistoricalQuery, type HistoricalQueryInput } from './historical-query.js';
import type { HistoricalRequestSpec, HistoryContext } from './history-context.js';
import { sharedBarSeries$ } from './shared-bar-series.js';

/** Options of {@link HistoryService}. */
export interface HistoryServiceOptions {
  /** The session's connection, ids, routing, clock, answer timeout and governor. */
  readonly context: HistoryContext;
  /** Emits when the session closes: pending requests reject with `SessionClosedError`, series complete. */
  readonly closed$: Observable<unknown>;
  /** Connects the session if it is not connected; `false` once it is closed. */
  readonly open: () => boolean;
  /** Closed bars a series keeps by default (`market_data.history`). */
  readonly history: number;
}

/** An answer kept for identical requests: pending, or resolved at `at`. */
interface Answer {
  readonly promise: Promise<readonly Bar[]>;
  at: number | undefined;
}

/**
 * The session's historical data: `historicalBars` (one-shot, identical requests shared and served
 * from a short cache) and `bars$` (kept up to date, shared per request). Every request goes through
 * the session's `HistoricalGovernor` and shares its connection, request ids and routing. See
 * docs/history.md.
 */
export class HistoryService {
  /** Historical requests in flight plus live `bars$` requests (the session stays connected while there are any). Replays; completes on `complete()`. */
  readonly pending$: Observable<number>;
  readonly #options: HistoryServiceOptions;
  readonly #pending$ = new BehaviorSubject(0);
  readonly #answers = new Map<string, Answer>();
  readonly #series = new Map<string, Observable<BarSeries>>();
  #inFlight = 0;

  constructor(options: HistoryServiceOptions) {
    this.#options = options;
    this.pending$ = this.#pending$.asObservable();
  }

  /** The bars of a span (see `IbSession.historicalBars`). */
  async historicalBars(input: SymbolOrContract, options: HistoricalBarsOptions): Promise<readonly Bar[]> {
    checkOptionKeys(options, HISTORICAL_BARS_OPTION_KEYS, 'historicalBars');
    const spec = this.#spec(input, options, false);
    const { context } = this.#options;
    const identity = pacingTicket(spec, spec.query.duration.duration, context.rules).identity;
    const now = context.scheduler.now();
    this.#evict(now);
    const known = this.#answers.get(identity);
    if (known !== undefined) return known.promise;
    const answer: Answer = { promise: this.#run(historicalBarsRequest$(spec, context)).then((bars) => Object.freeze(bars.slice())), at: undefined };
    this.#answers.set(identity, answer);
    answer.promise.then(
      () => { answer.at = context.scheduler.now(); },
      () => { if (this.#answers.get(identity) === answer) this.#answers.delete(identity); },
    );
    return answer.promise;
  }

  /** Bars kept up to date (see `IbSession.bars$`); no options (from JavaScript) is an `InvalidInputError` naming `barSize`. */
  bars$(input: SymbolOrContract, options: BarsOptions | undefined): Observable<BarSeries> {
    return defer(() => {
      checkOptionKeys(options, BARS_OPTION_KEYS, 'bars$');
      const { barSize, duration, whatToShow, useRTH, history = this.#options.history }: Partial<BarsOptions> = options ?? {};
      const spec = this.#spec(input, { barSize, duration, whatToShow, useRTH }, true);
      if (!(Number.isInteger(history) && history >= 1)) throw new InvalidInputError({ field: 'history', value: history, expected: 'an integer ≥ 1 (closed bars kept)' });
      if (!this.#options.open()) throw new SessionClosedError();
      const key = `${pacingTicket(spec, spec.query.duration.duration, this.#options.context.rules).identity}|history=${history}`;
      return this.#series.get(key) ?? this.#createSeries$(key, spec, history);
    });
  }

  /** The session closed: forget the cache, end `pending$`. */
  complete(): void {
    this.#answers.clear();
    this.#pending$.complete();
  }

  #createSeries$(key: string, spec: HistoricalRequestSpec, history: number): Observable<BarSeries> {
    const forget = (): void => {
      if (this.#series.get(key) !== series$) return;
      this.#series.delete(key);
      this.#count();
    };
    const inputs$ = barsRequest$(spec, this.#options.context).pipe(tap({ error: forget, complete: forget, unsubscribe: forget }), takeUntil(this.#options.closed$));
    const series$ = sharedBarSeries$(inputs$, () => initialBarSeries(spec.symbol, spec.query.barSize.barSize, history));
    this.#series.set(key, series$);
    this.#count();
    return series$;
  }

  #spec(input: SymbolOrContract, options: HistoricalQueryInput | undefined, keepUpToDate: boolean): HistoricalRequestSpec {
    const contract = normalizeContract(input);
    const query = checkHistoricalQuery(options ?? { barSize: undefined, duration: undefined }, keepUpToDate);
    return { symbol: contractLabel(contract), contract, contractKey: contractKey(contract), query };
  }

  /** Forgets answers older than the identical-request window (IB would count a repeat as a violation before that). */
  #evict(now: number): void {
    const windowMs = this.#options.context.rules.identicalWindowMs;
    for (const [identity, answer] of this.#answers) {
      if (answer.at !== undefined && now - answer.at >= windowMs) this.#answers.delete(identity);
    }
  }

  /** Runs a one-shot request: connects lazily, counts it as pending, rejects with `SessionClosedError` on close. */
  async #run<T>(request$: Observable<T>): Promise<T> {
    const counted$ = defer(() => {
      if (!this.#options.open()) throw new SessionClosedError();
      this.#inFlight += 1;
      this.#count();
      const done = (): void => {
        this.#inFlight -= 1;
        this.#count();
      };
      return request$.pipe(tap({ error: done, complete: done, unsubscribe: done }), takeUntil(this.#options.closed$));
    });
    const result = await firstValueFrom(counted$.pipe(map((value) => ({ value }))), { defaultValue: undefined });
    if (result === undefined) throw new SessionClosedError();
    return result.value;
  }

  #count(): void {
    if (!this.#pending$.closed) this.#pending$.next(this.#inFlight + this.#series.size);
  }
}
