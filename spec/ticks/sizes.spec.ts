import { marbles } from 'rxjs-marbles/mocha';
import { sizes } from '../../lib/ticks/sizes.js';
import type { Tick } from '../../lib/ticks/tick.js';
import { FILTER_TICKS as t, itBehavesLikeATickFilter } from '../support/tick-filter-behaviour.js';

// prettier-ignore
describe('sizes', () => {
  it('keeps size ticks (bidSize, volume) and drops prices and halts', marbles((m) => {
    const source$  = m.hot('-b-s-l-v-h-z-n-x-|', t);
    const expected =       '---s---v---------|';
    m.expect<Tick>(source$.pipe(sizes())).toBeObservable(expected, t);
  }));

  itBehavesLikeATickFilter(() => sizes(), 's');
});
