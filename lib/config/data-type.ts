import { MarketDataType } from '@stoqey/ib';

/** The market data types a config may ask for, in TWS's id order (1..4). */
export const DATA_TYPES = ['realtime', 'frozen', 'delayed', 'delayed-frozen'] as const;

/** A market data type by name: `realtime` 1, `frozen` 2, `delayed` 3, `delayed-frozen` 4. */
export type DataType = (typeof DATA_TYPES)[number];

/** The id `reqMarketDataType` takes (and `marketDataType` reports) for each {@link DataType}. */
export const DATA_TYPE_IDS: Readonly<Record<DataType, 1 | 2 | 3 | 4>> = Object.freeze({
  realtime: MarketDataType.REALTIME,
  frozen: MarketDataType.FROZEN,
  delayed: MarketDataType.DELAYED,
  'delayed-frozen': MarketDataType.DELAYED_FROZEN,
});

/** The {@link DataType} for a TWS market data type id, `undefined` for anything else. */
export function dataTypeFromId(id: number): DataType | undefined {
  return DATA_TYPES.find((name) => DATA_TYPE_IDS[name] === id);
}
