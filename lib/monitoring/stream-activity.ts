import type { DataType } from '../config/index.js';
import type { MarketStateInput } from '../state/index.js';
import { FieldCounts } from './field-counts.js';

/**
 * What one market-data stream has folded so far, as plain counters: its ticks (in all and per
 * field), the time of the last one, and the type in effect. The session bumps them on the tick
 * path (a few additions per input, no object, no hop) and `health$` reads them when it takes a
 * snapshot, instead of observing every input. Mutable; one per shared stream.
 */
export class StreamActivity {
  readonly #byField = new FieldCounts();
  readonly #onTypeChange: (() => void) | undefined;
  #ticks = 0;
  #lastTickAt: number | undefined;
  #marketDataType: DataType | undefined;

  /** @param onTypeChange called when the type in effect changes (rare: health emits on it). */
  constructor(onTypeChange?: () => void) {
    this.#onTypeChange = onTypeChange;
  }

  /** Ticks so far. */
  get ticks(): number {
    return this.#ticks;
  }

  /** Scheduler time of the last tick (`undefined` before the first). */
  get lastTickAt(): number | undefined {
    return this.#lastTickAt;
  }

  /** The type TWS said is in effect (`undefined` until it said so). */
  get marketDataType(): DataType | undefined {
    return this.#marketDataType;
  }

  /** The ticks per field so far (live: `copy()` it for a baseline). */
  get byField(): FieldCounts {
    return this.#byField;
  }

  /** One update of a stream that has no tick fields (a 5-second bar) at scheduler time `time`: counted as a tick of no field. */
  count(time: number): void {
    this.#ticks += 1;
    this.#lastTickAt = time;
  }

  /** One folded input: a tick is counted, the type in effect kept, a stale flag ignored. */
  input(input: MarketStateInput): void {
    if (input.type === 'tick') {
      this.#ticks += 1;
      this.#lastTickAt = input.time;
      this.#byField.add(input.field);
    } else if (input.type === 'marketDataType' && input.marketDataType !== this.#marketDataType) {
      this.#marketDataType = input.marketDataType;
      this.#onTypeChange?.();
    }
  }
}
