import { expect } from 'chai';
import fc from 'fast-check';
import { configure } from 'rxjs-marbles/mocha';
import { TestScheduler } from 'rxjs/testing';
import { from, map, mergeMap, throwError, timer, toArray } from 'rxjs';
import { pace } from '../../lib/operators/pace.js';
import { fuzzRuns } from '../support/fuzz-runs.js';

const { marbles } = configure({ run: true });

// prettier-ignore
describe('pace', () => {
  it('passes values through untouched while under the budget', marbles((m) => {
    const source$   = m.cold('a-b-c-|');
    const expected =        'a-b-c-|';
    m.expect(source$.pipe(pace({ count: 3, windowMs: 10 }))).toBeObservable(expected);
  }));

  it('delays the excess of a burst until the oldest value leaves the window', marbles((m) => {
    const source$   = m.cold('(abcde)|');
    const expected =        '(ab) 4ms (cd) 4ms (e|)';
    m.expect(source$.pipe(pace({ count: 2, windowMs: 8 }))).toBeObservable(expected);
  }));

  it('never drops a value and keeps the order', marbles((m) => {
    const source$   = m.hot('-abcdefg-|');
    const expected =       '-a 9ms b 9ms c 9ms d 9ms e 9ms f 9ms (g|)';
    m.expect(source$.pipe(pace({ count: 1, windowMs: 10 }))).toBeObservable(expected);
  }));

  it('waits for the queue to drain before completing', marbles((m) => {
    const source$   = m.cold('(abc|)');
    const expected =        'a 4ms b 4ms (c|)';
    m.expect(source$.pipe(pace({ count: 1, windowMs: 5 }))).toBeObservable(expected);
  }));

  it('is silent for a never-ending source$ and empty for an empty one', marbles((m) => {
    m.expect(m.cold('-').pipe(pace({ count: 1 }))).toBeObservable('-');
    m.expect(m.cold('|').pipe(pace({ count: 1 }))).toBeObservable('|');
  }));

  it('passes a source$ error on at once, discarding the queue', marbles((m) => {
    const source$   = m.cold('(ab)-#', undefined, new Error('boom'));
    const expected =        'a----#';
    m.expect(source$.pipe(pace({ count: 1, windowMs: 10 }))).toBeObservable(expected, undefined, new Error('boom'));
  }));

  it('discards the queue and pending waits on unsubscribe', marbles((m) => {
    const source$   = m.hot('(abc)--');
    const sub      =       '^---!';
    const expected =       'a----';
    m.expect(source$.pipe(pace({ count: 1, windowMs: 10 })), sub).toBeObservable(expected);
    m.expect(source$).toHaveSubscriptions(sub);
  }));

  it('keeps its window per subscription', marbles((m) => {
    const paced$ = m.cold('(ab)|').pipe(pace({ count: 1, windowMs: 3 }));
    m.expect(paced$).toBeObservable('a 2ms b|');
    m.expect(paced$).toBeObservable('a 2ms b|');
  }));

  it('never lets more than count values into any sliding window (property, virtual time)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 120 }),
        fc.integer({ min: 1, max: 50 }),
        (arrivals, count) => {
          const scheduler = new TestScheduler((a, b) => { expect(a).to.deep.equal(b); });
          const times = scheduler.run(({ flush }) => {
            let out: number[] = [];
            from(arrivals).pipe(
              mergeMap((t, i) => timer(t).pipe(map(() => i))),
              pace({ count, windowMs: 1000 }),
              map(() => scheduler.now()),
              toArray(),
            ).subscribe({ next: (ts) => { out = ts; }, error: (e: unknown) => { throw e; } });
            flush();
            return out;
          });
          expect(times).to.have.length(arrivals.length);
          for (let i = count; i < times.length; i++) {
            expect(times[i]! - times[i - count]!).to.be.at.least(1000);
          }
        },
      ),
      { seed: 42, numRuns: fuzzRuns({ quick: 200, full: 5_000 }) },
    );
  });

  it('errors when the source$ errors even with a full queue', marbles((m) => {
    const source$ = throwError(() => new Error('x'));
    m.expect(source$.pipe(pace({ count: 1 }))).toBeObservable('#', undefined, new Error('x'));
  }));
});
