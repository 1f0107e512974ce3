import { marbles } from 'rxjs-marbles/mocha';
import { validPrices } from '../../lib/ticks/valid-prices.js';
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
describe('validPrices', () => {
  it('drops prices of 0, NaN or below zero and passes everything else', marbles((m) => {
    const source$  = m.hot('-b-s-l-v-h-z-n-x-|', t);
    const expected =       '-b-s-l-v-h-------|';
    m.expect<Tick>(source$.pipe(validPrices())).toBeObservable(expected, t);
  }));

  it('never emits for a silent source', marbles((m) => {
    m.expect(m.hot('-').pipe(validPrices())).toBeObservable('-');
  }));

  it('completes with an empty source', marbles((m) => {
    m.expect(m.cold('|').pipe(validPrices())).toBeObservable('|');
  }));

  it('forwards an error', marbles((m) => {
    const source$  = m.hot('-b-#', t, new Error('boom'));
    const expected =       '-b-#';
    m.expect<Tick>(source$.pipe(validPrices())).toBeObservable(expected, t, new Error('boom'));
  }));

  it('unsubscribes the source on early unsubscribe', marbles((m) => {
    const source$  = m.hot('-b-b-b-|', t);
    const sub      =       '^--!';
    m.expect<Tick>(source$.pipe(validPrices()), sub).toBeObservable('-b--', t);
    m.expect(source$).toHaveSubscriptions(sub);
  }));
});
