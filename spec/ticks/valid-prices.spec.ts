import { marbles } from 'rxjs-marbles/mocha';
import { validPrices } from '../../lib/ticks/valid-prices.js';
import type { Tick } from '../../lib/ticks/tick.js';
import { FILTER_TICKS as t, itBehavesLikeATickFilter } from '../support/tick-filter-behaviour.js';

// prettier-ignore
describe('validPrices', () => {
  it('drops prices of 0, NaN or below zero and passes everything else', marbles((m) => {
    const source$  = m.hot('-b-s-l-v-h-z-n-x-|', t);
    const expected =       '-b-s-l-v-h-------|';
    m.expect<Tick>(source$.pipe(validPrices())).toBeObservable(expected, t);
  }));

  itBehavesLikeATickFilter(() => validPrices(), 'b');
});
