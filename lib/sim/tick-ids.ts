/**
 * Tick type ids as TWS sends them (values of `@stoqey/ib`'s TickType), and the map from the
 * simulator's field names to the live and delayed ids.
 */
export const TickId = {
  BID_SIZE: 0,
  BID: 1,
  ASK: 2,
  ASK_SIZE: 3,
  LAST: 4,
  LAST_SIZE: 5,
  HIGH: 6,
  LOW: 7,
  VOLUME: 8,
  CLOSE: 9,
  BID_OPTION: 10,
  ASK_OPTION: 11,
  LAST_OPTION: 12,
  MODEL_OPTION: 13,
  OPEN: 14,
  LAST_TIMESTAMP: 45,
  HALTED: 49,
  DELAYED_BID: 66,
  DELAYED_ASK: 67,
  DELAYED_LAST: 68,
  DELAYED_BID_SIZE: 69,
  DELAYED_ASK_SIZE: 70,
  DELAYED_LAST_SIZE: 71,
  DELAYED_HIGH: 72,
  DELAYED_LOW: 73,
  DELAYED_VOLUME: 74,
  DELAYED_CLOSE: 75,
  DELAYED_OPEN: 76,
  DELAYED_BID_OPTION: 80,
  DELAYED_ASK_OPTION: 81,
  DELAYED_LAST_OPTION: 82,
  DELAYED_MODEL_OPTION: 83,
  DELAYED_LAST_TIMESTAMP: 88,
  DELAYED_HALTED: 90,
} as const;

/** Fields sent as tickPrice (the price ticks). */
export const PRICE_FIELDS = ['bid', 'ask', 'last', 'high', 'low', 'close', 'open'] as const;
/** Fields sent as tickSize. */
export const SIZE_FIELDS = ['bidSize', 'askSize', 'lastSize', 'volume'] as const;

export type PriceField = (typeof PRICE_FIELDS)[number];
export type SizeField = (typeof SIZE_FIELDS)[number];
/** A market-data field, named as in ib-rx's client-side `Tick` union. */
export type TickField = PriceField | SizeField;

/** The tick ids of one field: `[live, delayed]`. */
export const FIELD_TICK_IDS: Readonly<Record<TickField, readonly [number, number]>> = {
  bid: [TickId.BID, TickId.DELAYED_BID],
  ask: [TickId.ASK, TickId.DELAYED_ASK],
  last: [TickId.LAST, TickId.DELAYED_LAST],
  high: [TickId.HIGH, TickId.DELAYED_HIGH],
  low: [TickId.LOW, TickId.DELAYED_LOW],
  close: [TickId.CLOSE, TickId.DELAYED_CLOSE],
  open: [TickId.OPEN, TickId.DELAYED_OPEN],
  bidSize: [TickId.BID_SIZE, TickId.DELAYED_BID_SIZE],
  askSize: [TickId.ASK_SIZE, TickId.DELAYED_ASK_SIZE],
  lastSize: [TickId.LAST_SIZE, TickId.DELAYED_LAST_SIZE],
  volume: [TickId.VOLUME, TickId.DELAYED_VOLUME],
};

/** The size field that travels inside a bid / ask / last tickPrice. */
export const PRICE_SIZE_FIELD: Readonly<Partial<Record<PriceField, SizeField>>> = {
  bid: 'bidSize',
  ask: 'askSize',
  last: 'lastSize',
};

const priceFieldSet: ReadonlySet<string> = new Set(PRICE_FIELDS);
const fieldSet: ReadonlySet<string> = new Set([...PRICE_FIELDS, ...SIZE_FIELDS]);

/** True for the fields sent as tickPrice. */
export const isPriceField = (field: TickField): field is PriceField => priceFieldSet.has(field);
/** Type guard for field names read from outside (replay files, CLI). */
export const isTickField = (name: string): name is TickField => fieldSet.has(name);

/** Kinds of option computation ticks the simulator sends: from the bid, the ask, and the model. */
export type ComputationKind = 'bid' | 'ask' | 'model';

/** The tick ids of each option computation kind: `[live, delayed]`. */
export const COMPUTATION_TICK_IDS: Readonly<Record<ComputationKind, readonly [number, number]>> = {
  bid: [TickId.BID_OPTION, TickId.DELAYED_BID_OPTION],
  ask: [TickId.ASK_OPTION, TickId.DELAYED_ASK_OPTION],
  model: [TickId.MODEL_OPTION, TickId.DELAYED_MODEL_OPTION],
};
