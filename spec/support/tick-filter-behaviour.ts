// The shared tick table and lifecycle cases of the tick filter operators (prices, sizes, field, validPrices).
import { marbles } from 'rxjs-marbles/mocha';
import type { MonoTypeOperatorFunction } from 'rxjs';
import type { Tick } from '../../lib/ticks/tick.js';
import { tick } from './fixtures.js';

/** One tick of each kind the filters tell apart: marble letters → ticks. */
export const FILTER_TICKS = {
  b: tick('bid', 99.5),
  s: tick('bidSize', 200),
  l: tick('last', 100),
  v: tick('volume', 5000),
  h: tick('halted', false),
  z: tick('last', 0),
  n: tick('high', Number.NaN),
  x: tick('close', -3),
};

/**
 * The cases every tick filter spec covers: a silent source, an empty one, an error after a kept
 * tick, and early unsubscribe. `kept` is a marble letter of {@link FILTER_TICKS} the filter passes.
 */
// prettier-ignore
export function itBehavesLikeATickFilter(filter: () => MonoTypeOperatorFunction<Tick>, kept: keyof typeof FILTER_TICKS): void {
  const t = FILTER_TICKS;

  it('never emits for a silent source', marbles((m) => {
    m.expect(m.hot('-').pipe(filter())).toBeObservable('-');
  }));

  it('completes with an empty source', marbles((m) => {
    m.expect(m.cold('|').pipe(filter())).toBeObservable('|');
  }));

  it('forwards an error', marbles((m) => {
    const source$  = m.hot(`-${kept}-#`, t, new Error('boom'));
    const expected =       `-${kept}-#`;
    m.expect<Tick>(source$.pipe(filter())).toBeObservable(expected, t, new Error('boom'));
  }));

  it('unsubscribes the source on early unsubscribe', marbles((m) => {
    const source$  = m.hot(`-${kept}-${kept}-${kept}-|`, t);
    const sub      =       '^--!';
    m.expect<Tick>(source$.pipe(filter()), sub).toBeObservable(`-${kept}--`, t);
    m.expect(source$).toHaveSubscriptions(sub);
  }));
}
