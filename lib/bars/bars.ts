import {
  asyncScheduler,
  connect,
  endWith,
  filter,
  ignoreElements,
  map,
  merge,
  scan,
  takeUntil,
  timer,
  type OperatorFunction,
  type SchedulerLike,
} from 'rxjs';
import type { Tick } from '../ticks/tick.js';
import { addTrade, addVolume, openBar, type Bar } from './bar.js';

type Step =
  | { readonly kind: 'tick'; readonly tick: Tick; readonly now: number }
  | { readonly kind: 'close'; readonly boundary: number }
  | { readonly kind: 'flush' };

interface State {
  readonly bar: Bar | undefined;
  readonly lastPrice: number | undefined;
  readonly out: Bar | undefined;
}

const SEED: State = { bar: undefined, lastPrice: undefined, out: undefined };
const FLUSH: Step = { kind: 'flush' };

/**
 * OHLCV time bars from trades, on scheduler time. Intervals are aligned to multiples of
 * `intervalMs` of `scheduler.now()` (e.g. 60 000 → whole minutes); a tick belongs to the interval
 * in which it arrives. A bar is emitted when its interval closes (a scheduler timer at each
 * boundary, or the first tick of a later interval, whichever comes first). Intervals without trades
 * emit nothing (no flat bars: a gap in the output is a gap in trading). Only `last` (prices, trade
 * count) and `lastSize` (volume) ticks are used; delayed ticks count like live ones.
 *
 * ```text
 * time:    0   10  20  30  40        (intervalMs 20)
 * ticks:   --l-s----l----l--|        l: last, s: lastSize
 *          bars(20)
 * bars:    --------A-------(B|)      A: [0, 20) at 20; B: [40, 60) partial, on completion
 * ```
 *
 * Completion emits the unfinished bar (like `bufferTime`), then completes. An error drops the
 * unfinished bar and is forwarded. Unsubscribing stops the timer and unsubscribes the source.
 *
 * @example
 * ticks$.pipe(bars(60_000)).subscribe((b) => console.log(new Date(b.start), b.open, b.close, b.volume));
 */
export function bars(intervalMs: number, scheduler: SchedulerLike = asyncScheduler): OperatorFunction<Tick, Bar> {
  if (!(intervalMs > 0 && Number.isFinite(intervalMs))) throw new RangeError(`intervalMs must be > 0, got ${intervalMs}`);
  return (source$) =>
    source$.pipe(
      connect((ticks$) => {
        const now = scheduler.now();
        const firstBoundary = (Math.floor(now / intervalMs) + 1) * intervalMs;
        const boundaries$ = timer(firstBoundary - now, intervalMs, scheduler).pipe(
          map((k): Step => ({ kind: 'close', boundary: firstBoundary + k * intervalMs })),
          takeUntil(ticks$.pipe(ignoreElements(), endWith(true))),
        );
        const steps$ = ticks$.pipe(map((tick): Step => ({ kind: 'tick', tick, now: scheduler.now() })));
        return merge(steps$, boundaries$).pipe(endWith(FLUSH));
      }),
      scan((state: State, step: Step) => next(state, step, intervalMs), SEED),
      map((state) => state.out),
      filter((bar): bar is Bar => bar !== undefined),
    );
}

function next(state: State, step: Step, intervalMs: number): State {
  switch (step.kind) {
    case 'flush':
      return { bar: undefined, lastPrice: state.lastPrice, out: state.bar };
    case 'close':
      return state.bar !== undefined && state.bar.start < step.boundary
        ? { bar: undefined, lastPrice: state.lastPrice, out: state.bar }
        : { ...state, out: undefined };
    case 'tick': {
      const start = Math.floor(step.now / intervalMs) * intervalMs;
      const closed = state.bar !== undefined && state.bar.start !== start ? state.bar : undefined;
      const bar = closed === undefined ? state.bar : undefined;
      const tick = step.tick;
      if (tick.field === 'last') {
        const updated = bar === undefined ? openBar(start, start + intervalMs, tick.value, 1, 0) : addTrade(bar, tick.value);
        return { bar: updated, lastPrice: tick.value, out: closed };
      }
      if (tick.field === 'lastSize') {
        if (bar !== undefined) return { bar: addVolume(bar, tick.value), lastPrice: state.lastPrice, out: closed };
        if (state.lastPrice !== undefined) {
          return { bar: openBar(start, start + intervalMs, state.lastPrice, 0, tick.value), lastPrice: state.lastPrice, out: closed };
        }
      }
      return { bar, lastPrice: state.lastPrice, out: closed };
    }
  }
}
