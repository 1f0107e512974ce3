import { endWith, mergeMap, scan, type OperatorFunction } from 'rxjs';
import type { Bar } from './bar.js';

/** The coarse bar being merged, with what its `wap` needs. */
interface Merging {
  readonly bar: Bar;
  /** Σ wap × volume of the merged bars. */
  readonly wapVolume: number;
  /** Every merged bar had a `wap`. */
  readonly allWap: boolean;
}

interface State {
  readonly merging: Merging | undefined;
  /** Start of the newest bucket seen: bars of earlier buckets come too late and are dropped. */
  readonly bucket: number;
  /** Bars completed by the last input (at most two: the previous bucket's and, if the input fills its bucket, its own). */
  readonly out: readonly Bar[];
}

const NONE: readonly Bar[] = [];
const SEED: State = { merging: undefined, bucket: Number.NEGATIVE_INFINITY, out: NONE };
const FLUSH = 'flush' as const;

/**
 * Merges a stream of bars into coarser bars of `ms` milliseconds, aligned to multiples of `ms`
 * from the epoch (60 000: whole minutes; 86 400 000: UTC days). A bar belongs to the bucket of its
 * `start`. The coarse bar has the first bar's open, the highest high, the lowest low, the last
 * close, the summed volume and trades, `start` / `end` = the bucket, and a volume-weighted `wap`
 * when every merged bar has one (and the volume is not 0).
 *
 * ```text
 * bars:   -a-b-c-d-|      a, b in [0, 10) (b ends at 10), c in [10, 20), d in [20, 30)
 *         resample(10)
 * out:    ---A---C-(D|)   A = a+b as soon as a bar ends at the bucket's end; C when d opens a
 *                         later bucket; D, unfinished, on completion
 * ```
 * A coarse bar is emitted as soon as a merged bar ends at (or after) the bucket's end, or when a
 * bar of a later bucket arrives, or on completion (the unfinished one, like `bufferTime`). Bars of
 * a bucket already emitted or passed (late, out of order) are dropped. An error drops the
 * unfinished bar and is forwarded. Unsubscribing unsubscribes the source.
 *
 * @example
 * session.bars$('AAPL', { barSize: '5 secs', duration: '1800 S' }).pipe(closedBars(), resample(60_000))
 */
export function resample(ms: number): OperatorFunction<Bar, Bar> {
  if (!(ms > 0 && Number.isFinite(ms))) throw new RangeError(`ms must be > 0, got ${ms}`);
  return (source$) =>
    source$.pipe(
      endWith(FLUSH),
      scan((state: State, input: Bar | typeof FLUSH) => next(state, input, ms), SEED),
      mergeMap((state) => state.out),
    );
}

function next(state: State, input: Bar | typeof FLUSH, ms: number): State {
  const { merging } = state;
  if (input === FLUSH) return { merging: undefined, bucket: state.bucket, out: merging === undefined ? NONE : [withWap(merging)] };
  const bucket = Math.floor(input.start / ms) * ms;
  if (bucket < state.bucket || (bucket === state.bucket && merging === undefined)) return state.out.length === 0 ? state : { ...state, out: NONE };
  const closed = merging !== undefined && bucket > merging.bar.start ? [withWap(merging)] : NONE;
  const merged = closed === NONE && merging !== undefined ? merge(merging, input) : open(input, bucket, ms);
  return input.end >= merged.bar.end
    ? { merging: undefined, bucket, out: [...closed, withWap(merged)] }
    : { merging: merged, bucket, out: closed };
}

function open(bar: Bar, bucket: number, ms: number): Merging {
  const { wap } = bar;
  return {
    bar: { start: bucket, end: bucket + ms, open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume, trades: bar.trades },
    wapVolume: wap === undefined ? 0 : wap * bar.volume,
    allWap: wap !== undefined,
  };
}

function merge(merging: Merging, bar: Bar): Merging {
  const m = merging.bar;
  return {
    bar: {
      start: m.start,
      end: m.end,
      open: m.open,
      high: bar.high > m.high ? bar.high : m.high,
      low: bar.low < m.low ? bar.low : m.low,
      close: bar.close,
      volume: m.volume + bar.volume,
      trades: m.trades + bar.trades,
    },
    wapVolume: merging.wapVolume + (bar.wap === undefined ? 0 : bar.wap * bar.volume),
    allWap: merging.allWap && bar.wap !== undefined,
  };
}

function withWap(merging: Merging): Bar {
  const { bar } = merging;
  return merging.allWap && bar.volume > 0 ? { ...bar, wap: merging.wapVolume / bar.volume } : bar;
}
