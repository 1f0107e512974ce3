import type { TickField } from '../ticks/tick.js';

/** The fields of a stock feed, in the order `FieldCounts.toRecord` lists them (others follow). */
const COMMON_FIELDS = [
  'bid', 'ask', 'last', 'high', 'low', 'close', 'open', 'bidSize', 'askSize', 'lastSize', 'volume', 'lastTimestamp', 'halted',
] as const satisfies readonly TickField[];

/** The slot of `field` in {@link COMMON_FIELDS}, -1 for any other (a switch: cheaper per tick than a Map lookup). */
function slotOf(field: TickField): number {
  switch (field) {
    case 'bid': return 0;
    case 'ask': return 1;
    case 'last': return 2;
    case 'high': return 3;
    case 'low': return 4;
    case 'close': return 5;
    case 'open': return 6;
    case 'bidSize': return 7;
    case 'askSize': return 8;
    case 'lastSize': return 9;
    case 'volume': return 10;
    case 'lastTimestamp': return 11;
    case 'halted': return 12;
    default: return -1;
  }
}

/**
 * Ticks counted per field: an array slot per common field, so counting a tick is an add instead
 * of a Map lookup and store (other fields go to a Map). Mutable; one per stream of a `HealthTracker`.
 */
export class FieldCounts {
  readonly #counts = new Float64Array(COMMON_FIELDS.length);
  readonly #others = new Map<TickField, number>();

  /** Counts one tick of `field`. */
  add(field: TickField): void {
    const slot = slotOf(field);
    if (slot >= 0) this.#counts[slot] = (this.#counts[slot] ?? 0) + 1;
    else this.#others.set(field, (this.#others.get(field) ?? 0) + 1);
  }

  /** A copy of the counts so far (a baseline for `toRecord`). */
  copy(): FieldCounts {
    const copy = new FieldCounts();
    copy.#counts.set(this.#counts);
    for (const [field, count] of this.#others) copy.#others.set(field, count);
    return copy;
  }

  /** The fields seen so far (since `base`, a `copy` of these counts) with their counts (fields never seen are left out). */
  toRecord(base?: FieldCounts): Partial<Record<TickField, number>> {
    const out: Partial<Record<TickField, number>> = {};
    const baseCounts = base === undefined ? undefined : base.#counts;
    const baseOthers = base === undefined ? undefined : base.#others;
    COMMON_FIELDS.forEach((field, slot) => {
      const count = (this.#counts[slot] ?? 0) - (baseCounts?.[slot] ?? 0);
      if (count > 0) out[field] = count;
    });
    for (const [field, total] of this.#others) {
      const count = total - (baseOthers?.get(field) ?? 0);
      if (count > 0) out[field] = count;
    }
    return out;
  }
}
