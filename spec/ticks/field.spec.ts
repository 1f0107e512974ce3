import { marbles } from 'rxjs-marbles/mocha';
import { field } from '../../lib/ticks/field.js';
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
describe('field', () => {
  it('keeps the ticks of one field', marbles((m) => {
    const source$  = m.hot('-b-s-l-v-h-z-n-x-|', t);
    const expected =       '-----l-----z-----|';
    m.expect<Tick>(source$.pipe(field('last'))).toBeObservable(expected, t);
  }));

  it('never emits for a silent source', marbles((m) => {
    m.expect(m.hot('-').pipe(field('last'))).toBeObservable('-');
  }));

  it('completes with an empty source', marbles((m) => {
    m.expect(m.cold('|').pipe(field('last'))).toBeObservable('|');
  }));

  it('forwards an error', marbles((m) => {
    const source$  = m.hot('-l-#', t, new Error('boom'));
    const expected =       '-l-#';
    m.expect<Tick>(source$.pipe(field('last'))).toBeObservable(expected, t, new Error('boom'));
  }));

  it('unsubscribes the source on early unsubscribe', marbles((m) => {
    const source$  = m.hot('-l-l-l-|', t);
    const sub      =       '^--!';
    m.expect<Tick>(source$.pipe(field('last')), sub).toBeObservable('-l--', t);
    m.expect(source$).toHaveSubscriptions(sub);
  }));
});
