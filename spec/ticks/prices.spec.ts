import { marbles } from 'rxjs-marbles/mocha';
import { prices } from '../../lib/ticks/prices.js';
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
describe('prices', () => {
  it('keeps price ticks (bid, last, high, close) and drops sizes and halts', marbles((m) => {
    const source$  = m.hot('-b-s-l-v-h-z-n-x-|', t);
    const expected =       '-b---l-----z-n-x-|';
    m.expect<Tick>(source$.pipe(prices())).toBeObservable(expected, t);
  }));

  it('never emits for a silent source', marbles((m) => {
    m.expect(m.hot('-').pipe(prices())).toBeObservable('-');
  }));

  it('completes with an empty source', marbles((m) => {
    m.expect(m.cold('|').pipe(prices())).toBeObservable('|');
  }));

  it('forwards an error', marbles((m) => {
    const source$  = m.hot('-b-#', t, new Error('boom'));
    const expected =       '-b-#';
    m.expect<Tick>(source$.pipe(prices())).toBeObservable(expected, t, new Error('boom'));
  }));

  it('unsubscribes the source on early unsubscribe', marbles((m) => {
    const source$  = m.hot('-b-b-b-|', t);
    const sub      =       '^--!';
    m.expect<Tick>(source$.pipe(prices()), sub).toBeObservable('-b--', t);
    m.expect(source$).toHaveSubscriptions(sub);
  }));
});
