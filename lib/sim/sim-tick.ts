import { PRICE_SIZE_FIELD, isPriceField, type TickField } from './tick-ids.js';

/**
 * One market-data change of a symbol. Price ticks of bid / ask / last may carry the size that
 * travels inside the same tickPrice message.
 */
export interface SimTick {
  readonly field: TickField;
  readonly value: number;
  readonly size?: number;
}

/** The order of the first ticks after a subscription, like a live gateway's. */
const SNAPSHOT_ORDER: readonly TickField[] = [
  'last', 'lastSize', 'volume', 'high', 'low', 'close', 'open', 'bid', 'bidSize', 'ask', 'askSize',
];

/** The latest value of every field of one symbol (what a new subscriber is sent first). */
export class SymbolBook {
  private readonly values = new Map<TickField, number>();

  apply(tick: SimTick): void {
    this.values.set(tick.field, tick.value);
    const sizeField = isPriceField(tick.field) ? PRICE_SIZE_FIELD[tick.field] : undefined;
    if (sizeField && tick.size !== undefined) this.values.set(sizeField, tick.size);
  }

  get(field: TickField): number | undefined {
    return this.values.get(field);
  }

  /** The size to put into a tickPrice of `tick` (0 for high / low / close / open). */
  sizeFor(tick: SimTick): number {
    if (tick.size !== undefined) return tick.size;
    const sizeField = isPriceField(tick.field) ? PRICE_SIZE_FIELD[tick.field] : undefined;
    return sizeField ? (this.values.get(sizeField) ?? 0) : 0;
  }

  /** The current state as ticks, in gateway order. */
  snapshot(): SimTick[] {
    const ticks: SimTick[] = [];
    for (const field of SNAPSHOT_ORDER) {
      const value = this.values.get(field);
      if (value !== undefined) ticks.push({ field, value });
    }
    return ticks;
  }
}
