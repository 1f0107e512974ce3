import { catchError, concat, defer, EMPTY, map, merge, mergeMap, of, scan, switchMap, tap, throwError, type Observable } from 'rxjs';
import { asIbRxError } from './as-ib-rx-error.js';
import type { BarSeriesInput } from './bar-series.js';
import { gapDuration } from './gap-duration.js';
import { historicalAttempt$, type AttemptMemory, type AttemptStep } from './historical-attempt.js';
import type { HistoricalRequestSpec, HistoryContext } from './history-context.js';

/** A step of the pipeline: an attempt's step, "re-requested, not answered yet", or the connection-wide interruption. */
type Step = AttemptStep | { readonly type: 'awaiting' } | { readonly type: 'interrupted'; readonly value: boolean };

/** The stale flag's inputs, and the series inputs of the last step. */
interface StaleState {
  readonly interrupted: boolean;
  readonly awaiting: boolean;
  readonly answered: boolean;
  readonly stale: boolean;
  readonly out: readonly BarSeriesInput[];
}

/** What the request knows of the bars so far (for the duration of a re-request). */
interface Known {
  /** Start of the newest bar known closed. */
  closedStart: number | undefined;
  /** Start of the newest bar (the forming one). */
  formingStart: number | undefined;
  /** Scheduler time of the last answer or update. */
  lastDataAt: number;
}

const AWAITING: Step = { type: 'awaiting' };
const SEED: StaleState = { interrupted: false, awaiting: true, answered: false, stale: false, out: [] };
const SECOND_MS = 1000;

/**
 * One `bars$` subscription over the life of a session: `reqHistoricalData` with keepUpToDate, as
 * series inputs (history, updates, stale flags), continuous across reconnects.
 *
 * ```text
 * ready$        -c-------------r----------    c connected, r reconnected (or 1101)
 * requests       1 (duration)  2 (the gap)    a fresh id each time, through the governor
 * output        --H--u--u--S------(Hs)--u--   H: history, u: update, S: stale, s: fresh again
 * ```
 * - The first request asks for `spec.query.duration`; every later one (a new socket, 1101) for the
 *   span from the last closed bar's start to now (`gapDuration`), so the answer overlaps what is
 *   known and `reduceBarSeries` merges it without duplicate or missing starts.
 * - `stale: true` while data is interrupted connection-wide, and from a re-request until its
 *   answer; only after the first answer (a series is never emitted just to say it is stale).
 * - Errors as `historicalAttempt$` (every error an `IbRxError`); `connectionDeadline$`'s error when
 *   the session never connects. Unsubscribing cancels the live request (on its own socket).
 */
export function barsRequest$(spec: HistoricalRequestSpec, context: HistoryContext): Observable<BarSeriesInput> {
  return defer(() => {
    const { scheduler } = context;
    const { barSize } = spec.query;
    const memory: AttemptMemory = { requestLost: false };
    const known: Known = { closedStart: undefined, formingStart: undefined, lastDataAt: scheduler.now() };
    const duration = (): string => {
      const { formingStart, closedStart, lastDataAt } = known;
      if (formingStart === undefined) return spec.query.duration.duration;
      const from = closedStart ?? formingStart;
      return gapDuration(barSize, formingStart - from + barSize.seconds * SECOND_MS + (scheduler.now() - lastDataAt));
    };
    let requested = false;
    const attempts$ = context.ready$.pipe(
      tap((ready) => {
        memory.requestLost = ready.reason !== 'connected';
      }),
      switchMap((ready) => {
        const again = requested;
        requested = true;
        return concat(again ? of(AWAITING) : EMPTY, historicalAttempt$(spec, duration, ready.generation, context, memory).pipe(tap((step) => { remember(known, step, scheduler.now()); })));
      }),
    );
    const interrupted$ = context.interrupted$.pipe(map((value): Step => ({ type: 'interrupted', value })));
    return merge(attempts$, interrupted$, context.connectionDeadline$).pipe(
      scan(withStale, SEED),
      mergeMap((state) => state.out),
      catchError((error: unknown) => throwError(() => asIbRxError(error, `the bars request for ${spec.symbol}`))),
    );
  });
}

/** Folds one step into the stale flag and says which series inputs it makes. */
function withStale(state: StaleState, step: Step): StaleState {
  switch (step.type) {
    case 'sent':
      return state.out.length === 0 ? state : { ...state, out: [] };
    case 'update':
      // A literal, not a spread: this runs per update.
      return { interrupted: state.interrupted, awaiting: state.awaiting, answered: state.answered, stale: state.stale, out: [step] };
    case 'history':
      return staleAfter({ ...state, awaiting: false, answered: true }, [step]);
    case 'awaiting':
      return staleAfter({ ...state, awaiting: true }, []);
    case 'interrupted':
      return staleAfter({ ...state, interrupted: step.value }, []);
  }
}

function staleAfter(state: StaleState, out: readonly BarSeriesInput[]): StaleState {
  const stale = state.interrupted || state.awaiting;
  if (!state.answered || stale === state.stale) return { ...state, out };
  return { ...state, stale, out: [...out, { type: 'stale', stale }] };
}

/** Tracks the newest and the newest closed bar start, and when data last came. */
function remember(known: Known, step: AttemptStep, now: number): void {
  if (step.type === 'sent') return;
  known.lastDataAt = now;
  const starts = step.type === 'history' ? step.bars.map((bar) => bar.start) : [step.bar.start];
  for (const start of starts) {
    if (known.formingStart === undefined || start > known.formingStart) {
      if (known.formingStart !== undefined) known.closedStart = known.formingStart;
      known.formingStart = start;
    }
  }
}
