import { endWith, filter, map, scan, type OperatorFunction } from 'rxjs';
import type { Tick } from '../ticks/tick.js';
import { addTrade, addVolume, openBar, type Bar } from './bar.js';

interface State {
  readonly bar: Bar | undefined;
  readonly out: Bar | undefined;
}

const SEED: State = { bar: undefined, out: undefined };
const FLUSH = 'flush' as const;

/**
 * OHLCV bars of `trades` trades each (`last` ticks; `lastSize` ticks add volume). A bar is emitted
 * once it has `trades` trades and the size of its last trade arrived, or when the next trade
 * arrives without that size (so the trailing size lands in the right bar whether or not TWS sends
 * it). `start` / `end` are the first / last trade's tick times.
 *
 * ```text
 * ticks:   -l-s-l-s-l-l-|     l: last, s: its lastSize
 *          tickBars(2)
 * bars:    -------A-----(B|)  A: 2 trades with both sizes; B: the partial bar, on completion
 * ```
 *
 * Completion emits the unfinished bar, then completes (like `bufferCount`). An error drops it and
 * is forwarded. Unsubscribing unsubscribes the source.
 *
 * @example
 * ticks$.pipe(tickBars(100)).subscribe((b) => console.log(b.open, b.high, b.low, b.close, b.volume));
 */
export function tickBars(trades: number): OperatorFunction<Tick, Bar> {
  if (!(Number.isInteger(trades) && trades >= 1)) throw new RangeError(`trades must be an integer ≥ 1, got ${trades}`);
  return (source$) =>
    source$.pipe(
      endWith(FLUSH),
      scan((state: State, input: Tick | typeof FLUSH) => next(state, input, trades), SEED),
      map((state) => state.out),
      filter((bar): bar is Bar => bar !== undefined),
    );
}

function next(state: State, input: Tick | typeof FLUSH, trades: number): State {
  const bar = state.bar;
  if (input === FLUSH) return { bar: undefined, out: bar };
  if (input.field === 'last') {
    if (bar === undefined) return { bar: openBar(input.time, input.time, input.value, 1, 0), out: undefined };
    if (bar.trades >= trades) return { bar: openBar(input.time, input.time, input.value, 1, 0), out: bar };
    return { bar: addTrade(bar, input.value, input.time), out: undefined };
  }
  if (input.field === 'lastSize' && bar !== undefined) {
    const updated = addVolume(bar, input.value);
    return updated.trades >= trades ? { bar: undefined, out: updated } : { bar: updated, out: undefined };
  }
  return state.out === undefined ? state : { bar, out: undefined };
}
