import { marbles } from 'rxjs-marbles/mocha';
import { prices } from '../../lib/ticks/prices.js';
import type { Tick } from '../../lib/ticks/tick.js';
import { FILTER_TICKS as t, itBehavesLikeATickFilter } from '../support/tick-filter-behaviour.js';

// prettier-ignore
describe('prices', () => {
  it('keeps price ticks (bid, last, high, close) and drops sizes and halts', marbles((m) => {
    const source$  = m.hot('-b-s-l-v-h-z-n-x-|', t);
    const expected =       '-b---l-----z-n-x-|';
    m.expect<Tick>(source$.pipe(prices())).toBeObservable(expected, t);
  }));

  itBehavesLikeATickFilter(() => prices(), 'b');
});
