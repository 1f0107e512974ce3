import { expect } from 'chai';
import { concatRows, fromMarketStateRecord, historyRows, toMarketStateRecord } from '../../lib/remote/market-state-record.js';
import { initialMarketState, reduceMarketState, type MarketState, type MarketStateInput } from '../../lib/state/index.js';
import type { Tick } from '../../lib/ticks/tick.js';

const tick = (field: Tick['field'], value: unknown, time: number): MarketStateInput => ({ type: 'tick', field, value, time, delayed: false, reqId: 7 }) as Tick;

/** A feed touching every field: trades (more than the history keeps), quotes, day stats, greeks, halts, the type and staleness. */
const FEED: readonly MarketStateInput[] = [
  { type: 'marketDataType', marketDataType: 'delayed' },
  tick('bid', 10, 1), tick('ask', 10.2, 2), tick('last', 10.1, 3), tick('volume', 500, 4), tick('last', 10.3, 5),
  tick('high', 11, 6), tick('low', 9.5, 7), tick('open', 10, 8), tick('close', 9.9, 9), tick('lastSize', 3, 10),
  tick('greeks', { impliedVol: 0.3, delta: undefined, gamma: 0.1, vega: undefined, theta: -0.02, optPrice: 1.2, undPrice: 10.1 }, 11),
  tick('halted', true, 12), tick('lastTimestamp', 1_700_000_000_000, 13), { type: 'stale', stale: true },
  tick('last', 10.4, 14), tick('volume', 900, 15), tick('last', 9.4, 16), tick('last', 10.0, 17), tick('bidSize', 5, 18), tick('askSize', 6, 19),
];
const MORE: readonly MarketStateInput[] = [tick('last', 10.5, 20), tick('volume', 1000, 21), tick('last', 12, 22), { type: 'stale', stale: true }, tick('bid', 10.4, 23)];

const fold = (state: MarketState, inputs: readonly MarketStateInput[]): MarketState => inputs.reduce(reduceMarketState, state);
/** Through JSON, as it travels. */
const overTheWire = (state: MarketState, maxRows?: number): ReturnType<typeof toMarketStateRecord> =>
  JSON.parse(JSON.stringify(toMarketStateRecord(state, maxRows))) as ReturnType<typeof toMarketStateRecord>;

describe('toMarketStateRecord / fromMarketStateRecord', () => {
  it('restores a state that the same reducer continues exactly like the original (history bounded, every field)', () => {
    const server = fold(initialMarketState('AAPL', 4), FEED);
    expect(server.close.length).to.equal(4);
    const restored = fromMarketStateRecord(overTheWire(server));
    expect(toMarketStateRecord(restored)).to.deep.equal(toMarketStateRecord(server));
    expect(restored.greeks).to.deep.equal(server.greeks);
    expect(restored.volume.toArray()).to.deep.equal(server.volume.toArray());
    let a = server;
    let b = restored;
    for (const input of MORE) {
      a = reduceMarketState(a, input);
      b = reduceMarketState(b, input);
      expect(toMarketStateRecord(b)).to.deep.equal(toMarketStateRecord(a));
    }
    expect(b.close.toArray()).to.deep.equal([9.4, 10, 10.5, 12]);
  });

  it('keeps absent values absent (an empty state, a volume before any volume tick)', () => {
    const early = fold(initialMarketState('MSFT', 10), [tick('last', 5, 1), tick('volume', 10, 2), tick('last', 6, 3)]);
    const restored = fromMarketStateRecord(overTheWire(early));
    expect(restored.volume.toArray()).to.deep.equal([undefined, 10]);
    expect(restored.bid).to.equal(undefined);
    const empty = fromMarketStateRecord(overTheWire(initialMarketState('X', 3)));
    expect(toMarketStateRecord(empty)).to.deep.equal(toMarketStateRecord(initialMarketState('X', 3)));
  });

  it('pages a long history: the first rows in the record, the rest by historyRows, concatenated in order', () => {
    const server = fold(initialMarketState('AAPL', 10), Array.from({ length: 9 }, (_, i) => tick('last', 100 + i, i)));
    const record = overTheWire(server, 4);
    expect(record.rowCount).to.equal(9);
    expect(record.rows.close).to.deep.equal([100, 101, 102, 103]);
    const full = fromMarketStateRecord({ ...record, rows: [historyRows(server, 4, 8), historyRows(server, 8, 12)].reduce(concatRows, record.rows) });
    expect(toMarketStateRecord(full)).to.deep.equal(toMarketStateRecord(server));
  });
});
