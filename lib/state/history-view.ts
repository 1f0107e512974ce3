import type { HistoryWindow } from './history-log.js';

/**
 * A read-only, immutable column of MarketState's history (oldest row first). It never changes
 * after the state that holds it was emitted, however many ticks follow. Supports `length`,
 * `at(i)` (negative counts from the end), `first` / `last`, iteration (`for … of`, spread) and
 * `toArray()`; `JSON.stringify` writes it as an array.
 */
export class HistoryView<T extends number | undefined = number> implements Iterable<T> {
  /** @internal */
  constructor(
    /** @internal The rows this view sees. */
    readonly window: HistoryWindow,
    private readonly column: number,
    private readonly nanIsAbsent: boolean,
  ) {}

  /** Number of rows. */
  get length(): number {
    return this.window.length;
  }

  /** Row `i` (0 = oldest; -1 = newest); `undefined` outside the range. */
  at(i: number): T | undefined {
    const length = this.window.length;
    const index = i < 0 ? length + i : i;
    if (!(index >= 0 && index < length)) return undefined;
    return this.value(index);
  }

  /** The oldest row, `undefined` when empty. */
  get first(): T | undefined {
    return this.at(0);
  }

  /** The newest row, `undefined` when empty. */
  get last(): T | undefined {
    return this.at(-1);
  }

  /** A fresh array of every row, oldest first. */
  toArray(): T[] {
    const out = new Array<T>(this.window.length);
    for (let i = 0; i < out.length; i++) out[i] = this.value(i);
    return out;
  }

  /** `JSON.stringify` support: the rows as an array. */
  toJSON(): T[] {
    return this.toArray();
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = 0; i < this.window.length; i++) yield this.value(i);
  }

  private value(index: number): T {
    const v = this.window.read(index, this.column);
    return (this.nanIsAbsent && Number.isNaN(v) ? undefined : v) as T;
  }
}

/** Rows `util.inspect` / `console.log` show of a history column (the newest ones). */
const INSPECT_ROWS = 5;

// `console.log(state)` prints each history column as its length and newest rows, not the log's
// internal chunks. Defined on the prototype (not as a class member) so the declarations need no
// Node.js types.
Object.defineProperty(HistoryView.prototype, Symbol.for('nodejs.util.inspect.custom'), {
  value(this: HistoryView<number | undefined>): string {
    const { length } = this;
    const from = Math.max(0, length - INSPECT_ROWS);
    const rows: string[] = [];
    for (let i = from; i < length; i++) rows.push(String(this.at(i)));
    const more = from > 0 ? '…, ' : '';
    return `HistoryView(${length}) [${more}${rows.join(', ')}]`;
  },
});
