/** Columns of one history row, interleaved in each chunk. */
export const COL_TIMESTAMP = 0;
export const COL_CLOSE = 1;
export const COL_HIGH = 2;
export const COL_LOW = 3;
export const COL_VOLUME = 4;
const COLUMNS = 5;

/**
 * Rows per chunk: 256 rows × 5 columns × 8 bytes = 10 KB. Small enough that a new symbol's first
 * chunk, and each later one, stays a young-generation allocation (1024-row, 40 KB chunks for 100
 * symbols pushed full mark-compacts into the first seconds of a feed — see BENCHMARKS.md), large
 * enough that dropping a chunk (a copy of the chunk list) is rare.
 */
const CHUNK_ROWS = 256;

/**
 * The append-only storage behind MarketState's history: rows numbered from 0 forever, kept in
 * fixed-size `Float64Array` chunks. Appending writes only past every existing row; eviction drops
 * whole chunks by replacing the chunk list (never editing it in place), so a {@link HistoryWindow}
 * taken earlier keeps seeing exactly its rows. O(1) amortised per row, independent of capacity.
 * Absent values (a volume not yet known) are stored as NaN.
 */
export class HistoryLog {
  /** Rows per chunk. */
  readonly chunkRows = CHUNK_ROWS;
  /** Chunks still kept; `chunks[0]` holds rows from `firstChunk * chunkRows`. Append-only array. */
  chunks: Float64Array[] = [];
  firstChunk = 0;
  /** Rows ever appended (the next row's number). */
  total = 0;

  constructor(readonly capacity: number) {}

  /** Appends one row and returns the window of the newest `capacity` rows. */
  append(timestamp: number, close: number, high: number, low: number, volume: number): HistoryWindow {
    const row = this.total;
    const offset = (row % this.chunkRows) * COLUMNS;
    if (offset === 0) this.chunks.push(new Float64Array(this.chunkRows * COLUMNS));
    const chunk = this.chunks[this.chunks.length - 1] as Float64Array;
    chunk[offset + COL_TIMESTAMP] = timestamp;
    chunk[offset + COL_CLOSE] = close;
    chunk[offset + COL_HIGH] = high;
    chunk[offset + COL_LOW] = low;
    chunk[offset + COL_VOLUME] = volume;
    this.total = row + 1;
    const start = Math.max(0, this.total - this.capacity);
    if (Math.floor(start / this.chunkRows) > this.firstChunk) {
      this.chunks = this.chunks.slice(1);
      this.firstChunk += 1;
    }
    return new HistoryWindow(this, this.chunks, this.firstChunk, start, this.total - start);
  }

  /** A new log holding a copy of `window`'s rows (used when a reducer branches from an old state). */
  static copyOf(window: HistoryWindow): HistoryLog {
    const log = new HistoryLog(window.log.capacity);
    for (let i = 0; i < window.length; i++) {
      const at = (c: number): number => window.read(i, c);
      log.append(at(COL_TIMESTAMP), at(COL_CLOSE), at(COL_HIGH), at(COL_LOW), at(COL_VOLUME));
    }
    return log;
  }
}

/** An immutable (start, length) view of a {@link HistoryLog}'s rows. */
export class HistoryWindow {
  constructor(
    readonly log: HistoryLog,
    private readonly chunks: readonly Float64Array[],
    private readonly firstChunk: number,
    readonly start: number,
    readonly length: number,
  ) {}

  /** An empty window on a fresh log of `capacity` rows. */
  static empty(capacity: number): HistoryWindow {
    const log = new HistoryLog(capacity);
    return new HistoryWindow(log, log.chunks, 0, 0, 0);
  }

  /** `true` when this window ends at the log's newest row, so appending extends it. */
  get isTip(): boolean {
    return this.start + this.length === this.log.total;
  }

  /** Value of column `col` in row `i` of this window (0 ≤ i < length; not checked). */
  read(i: number, col: number): number {
    const row = this.start + i;
    const rows = this.log.chunkRows;
    const chunkNo = Math.floor(row / rows);
    const chunk = this.chunks[chunkNo - this.firstChunk] as Float64Array;
    return chunk[(row - chunkNo * rows) * COLUMNS + col] as number;
  }
}
