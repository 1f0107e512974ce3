import { marbles } from 'rxjs-marbles/mocha';
import { field } from '../../lib/ticks/field.js';
import type { Tick } from '../../lib/ticks/tick.js';
import { FILTER_TICKS as t, itBehavesLikeATickFilter } from '../support/tick-filter-behaviour.js';

// prettier-ignore
describe('field', () => {
  it('keeps the ticks of one field', marbles((m) => {
    const source$  = m.hot('-b-s-l-v-h-z-n-x-|', t);
    const expected =       '-----l-----z-----|';
    m.expect<Tick>(source$.pipe(field('last'))).toBeObservable(expected, t);
  }));

  itBehavesLikeATickFilter(() => field('last'), 'l');
});
