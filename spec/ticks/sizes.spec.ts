import { marbles } from 'rxjs-marbles/mocha';
import { sizes } from '../../lib/ticks/sizes.js';
import type { Tick } from '../../lib/ticks/tick.js';
import { tick } from '../support/fixtures.js';

const t = {
  b: tick('bid', 99.5),
  s: tick('bidSize', 200),
  l: tick('last', 100),
  v: tick('volume', 5000),
  h: tick('halted', false),
  z: tick('last', 0),
  n: tick('high', Number.NaN),
  x: tick('close', -3),
};

// prettier-ignore
describe('sizes', () => {
  it('keeps size ticks (bidSize, volume) and drops prices and halts', marbles((m) => {
    const source$  = m.hot('-b-s-l-v-h-z-n-x-|', t);
    const expected =       '---s---v---------|';
    m.expect<Tick>(source$.pipe(sizes())).toBeObservable(expected, t);
  }));

  it('never emits for a silent source', marbles((m) => {
    m.expect(m.hot('-').pipe(sizes())).toBeObservable('-');
  }));

  it('completes with an empty source', marbles((m) => {
    m.expect(m.cold('|').pipe(sizes())).toBeObservable('|');
  }));

  it('forwards an error', marbles((m) => {
    const source$  = m.hot('-s-#', t, new Error('boom'));
    const expected =       '-s-#';
    m.expect<Tick>(source$.pipe(sizes())).toBeObservable(expected, t, new Error('boom'));
  }));

  it('unsubscribes the source on early unsubscribe', marbles((m) => {
    const source$  = m.hot('-s-s-s-|', t);
    const sub      =       '^--!';
    m.expect<Tick>(source$.pipe(sizes()), sub).toBeObservable('-s--', t);
    m.expect(source$).toHaveSubscriptions(sub);
  }));
});
