import type { Bar } from './bar.js';

/** Bars per chunk of the log behind a {@link BarList}. */
const CHUNK_BARS = 256;

/**
 * The append-only storage behind BarLists: bars numbered from 0 forever, in fixed-size chunks.
 * Appending writes only past every existing bar; eviction drops whole chunks by replacing the
 * chunk list (never editing it in place), so a list taken earlier keeps seeing exactly its bars.
 */
class BarLog {
  chunks: Bar[][] = [];
  firstChunk = 0;
  /** Bars ever appended (the next bar's number). */
  total = 0;

  constructor(readonly capacity: number) {}

  append(bar: Bar): BarList {
    const at = this.total % CHUNK_BARS;
    if (at === 0) this.chunks.push([]);
    (this.chunks[this.chunks.length - 1] as Bar[]).push(bar);
    this.total += 1;
    const start = Math.max(0, this.total - this.capacity);
    if (Math.floor(start / CHUNK_BARS) > this.firstChunk) {
      this.chunks = this.chunks.slice(1);
      this.firstChunk += 1;
    }
    return new BarList(this, this.chunks, this.firstChunk, start, this.total - start);
  }
}

/**
 * An immutable list of bars, oldest first, bounded (the newest `capacity` bars are kept): what
 * `BarSeries.bars` holds. Appending returns a new list in O(1) (amortised) and never changes this
 * one, so every emitted series keeps exactly its bars. Supports `length`, `at(i)` (negative counts
 * from the end), `first` / `last`, `slice`, iteration (`for … of`, spread), `toArray()`;
 * `JSON.stringify` writes it as an array.
 *
 * @example
 * const closes = series.bars.slice(-50).map((bar) => bar.close);
 */
export class BarList implements Iterable<Bar> {
  /** @internal */
  constructor(
    private readonly log: BarLog,
    private readonly chunks: readonly (readonly Bar[])[],
    private readonly firstChunk: number,
    private readonly start: number,
    /** Number of bars. */
    readonly length: number,
  ) {}

  /** An empty list that keeps at most `capacity` bars (an integer ≥ 1; RangeError otherwise). */
  static empty(capacity: number): BarList {
    if (!(Number.isInteger(capacity) && capacity >= 1)) throw new RangeError(`capacity must be an integer ≥ 1, got ${capacity}`);
    const log = new BarLog(capacity);
    return new BarList(log, log.chunks, 0, 0, 0);
  }

  /** The most bars this list keeps. */
  get capacity(): number {
    return this.log.capacity;
  }

  /** This list plus `bar` at the end (the oldest bar dropped beyond `capacity`); this list is unchanged. */
  append(bar: Bar): BarList {
    if (this.start + this.length === this.log.total) return this.log.append(bar);
    // Branching from an older list: copy its bars into a log of its own first (rare).
    let copy = BarList.empty(this.capacity);
    for (const old of this) copy = copy.append(old);
    return copy.append(bar);
  }

  /** Bar `i` (0 = oldest; -1 = newest); `undefined` outside the range. */
  at(i: number): Bar | undefined {
    const index = i < 0 ? this.length + i : i;
    if (!(index >= 0 && index < this.length)) return undefined;
    return this.read(index);
  }

  /** The oldest bar, `undefined` when empty. */
  get first(): Bar | undefined {
    return this.at(0);
  }

  /** The newest bar, `undefined` when empty. */
  get last(): Bar | undefined {
    return this.at(-1);
  }

  /** The bars from `start` to `end` (exclusive; negative counts from the end), like `Array.prototype.slice`. */
  slice(start = 0, end = this.length): Bar[] {
    const from = clamp(start, this.length);
    const to = clamp(end, this.length);
    const out: Bar[] = [];
    for (let i = from; i < to; i++) out.push(this.read(i));
    return out;
  }

  /** A fresh array of every bar, oldest first. */
  toArray(): Bar[] {
    return this.slice();
  }

  /** `JSON.stringify` support: the bars as an array. */
  toJSON(): Bar[] {
    return this.toArray();
  }

  *[Symbol.iterator](): Iterator<Bar> {
    for (let i = 0; i < this.length; i++) yield this.read(i);
  }

  private read(index: number): Bar {
    const row = this.start + index;
    const chunkNo = Math.floor(row / CHUNK_BARS);
    return (this.chunks[chunkNo - this.firstChunk] as readonly Bar[])[row - chunkNo * CHUNK_BARS] as Bar;
  }
}

const clamp = (i: number, length: number): number => (i < 0 ? Math.max(0, length + i) : Math.min(i, length));
