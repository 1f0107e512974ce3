import { expect } from 'chai';
import { RandomWalk } from '../../lib/sim/random-walk.js';
import { DEFAULT_UNIVERSE, syntheticInstrument } from '../../lib/sim/universe.js';
import { SymbolBook } from '../../lib/sim/sim-tick.js';

const aapl = DEFAULT_UNIVERSE.find((i) => i.symbol === 'AAPL')!;
const run = (seed: number, steps: number) => {
  const walk = new RandomWalk(aapl, seed);
  const ticks = [...walk.initial()];
  for (let i = 0; i < steps; i++) ticks.push(...walk.step());
  return ticks;
};

describe('RandomWalk', () => {
  it('is deterministic: the same seed gives the same ticks, another seed other ticks', () => {
    expect(run(42, 500)).to.deep.equal(run(42, 500));
    expect(run(43, 500)).not.to.deep.equal(run(42, 500));
  });

  it('keeps a sane market: bid < ask, high ≥ last ≥ low, volume never falls, prices near the close', () => {
    const book = new SymbolBook();
    const walk = new RandomWalk(aapl, 7);
    for (const tick of walk.initial()) book.apply(tick);
    for (let i = 0; i < 5000; i++) {
      for (const tick of walk.step()) book.apply(tick);
      const [bid, ask, last, high, low] = (['bid', 'ask', 'last', 'high', 'low'] as const).map((f) => book.get(f) ?? NaN);
      expect(bid).to.be.lessThan(ask!);
      expect(last).to.be.within(low!, high!);
    }
    expect(book.get('bid')).to.be.within(aapl.price * 0.8, aapl.price * 1.2);
    const volumes = run(7, 2000).filter((t) => t.field === 'volume').map((t) => t.value);
    expect(volumes).to.deep.equal([...volumes].sort((a, b) => a - b));
  });

  it('starts with the day so far and trades update last, lastSize and volume', () => {
    const walk = new RandomWalk(syntheticInstrument('ZZZZ'), 1);
    expect(walk.initial().map((t) => t.field)).to.deep.equal(['last', 'volume', 'high', 'low', 'close', 'open', 'bid', 'ask']);
    let trade: string[] = [];
    for (let i = 0; i < 100 && trade.length === 0; i++) {
      const fields = walk.step().map((t) => t.field);
      if (fields[0] === 'last') trade = fields;
    }
    expect(trade.slice(0, 3)).to.deep.equal(['last', 'lastSize', 'volume']);
  });
});
