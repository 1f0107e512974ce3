import { expect } from 'chai';
import fc from 'fast-check';
import { configure } from 'rxjs-marbles/mocha';
import { TestScheduler } from 'rxjs/testing';
import { concat, defer, of, throwError } from 'rxjs';
import { retryWithBackoff } from '../../lib/operators/retry-with-backoff.js';
import type { RetryInfo } from '../../lib/operators/retry-with-backoff.js';
import { fuzzRuns } from '../support/fuzz-runs.js';

const { marbles } = configure({ run: true });
const half = (): number => 0.5;
const boom = new Error('boom');

// prettier-ignore
describe('retryWithBackoff', () => {
  it('passes values and completion through when nothing fails', marbles((m) => {
    const source$   = m.cold('a-b-|');
    const expected =        'a-b-|';
    m.expect(source$.pipe(retryWithBackoff({ initialDelayMs: 10, maxDelayMs: 100 }))).toBeObservable(expected);
  }));

  it('is empty for an empty source$ and silent for a never-ending one', marbles((m) => {
    m.expect(m.cold('|').pipe(retryWithBackoff({ initialDelayMs: 1, maxDelayMs: 1 }))).toBeObservable('|');
    m.expect(m.cold('-').pipe(retryWithBackoff({ initialDelayMs: 1, maxDelayMs: 1 }))).toBeObservable('-');
  }));

  it('resubscribes after jittered, doubling delays (random 0.5 → 5, 10, 20 ms)', marbles((m) => {
    const source$   = m.cold('#', undefined, boom);
    const subs     =       ['(^!)', '5ms (^!)', '15ms (^!)', '35ms (^!)'];
    const expected =        '35ms #';
    const retried$ = source$.pipe(retryWithBackoff({ initialDelayMs: 10, maxDelayMs: 100, maxRetries: 3, random: half }));
    m.expect(retried$).toBeObservable(expected, undefined, boom);
    m.expect(source$).toHaveSubscriptions(subs);
  }));

  it('caps the delay at maxDelayMs', marbles((m) => {
    const source$ = m.cold('#', undefined, boom);
    const retried$ = source$.pipe(retryWithBackoff({ initialDelayMs: 10, maxDelayMs: 15, maxRetries: 3, random: () => 0.999 }));
    m.expect(retried$).toBeObservable('40ms #', undefined, boom);
    m.expect(source$).toHaveSubscriptions(['(^!)', '10ms (^!)', '25ms (^!)', '40ms (^!)']);
  }));

  it('resets the delay after the source$ emits (resetOnSuccess)', marbles((m) => {
    let n = 0;
    const source$ = defer(() => (++n === 3 ? concat(of('x'), throwError(() => boom)) : throwError(() => boom)));
    const infos: number[] = [];
    const retried$ = source$.pipe(retryWithBackoff({
      initialDelayMs: 10, maxDelayMs: 100, maxRetries: 2, random: half, onRetry: (i: RetryInfo) => infos.push(i.delayMs),
    }));
    m.expect(retried$).toBeObservable('15ms x 4ms 10ms #', { x: 'x' }, boom);
    m.flush();
    expect(infos).to.deep.equal([5, 10, 5, 10]);
  }));

  it('passes errors that shouldRetry rejects on at once', marbles((m) => {
    const source$ = m.cold('a#', { a: 1 }, boom);
    const retried$ = source$.pipe(retryWithBackoff({ initialDelayMs: 10, maxDelayMs: 100, shouldRetry: () => false }));
    m.expect(retried$).toBeObservable('a#', { a: 1 }, boom);
  }));

  it('errors when a callback throws', marbles((m) => {
    const bad = new Error('bad random');
    const source$ = m.cold('#', undefined, boom);
    const retried$ = source$.pipe(retryWithBackoff({ initialDelayMs: 10, maxDelayMs: 100, random: () => { throw bad; } }));
    m.expect(retried$).toBeObservable('#', undefined, bad);
  }));

  it('cancels a pending delay on unsubscribe', marbles((m) => {
    const source$ = m.cold('#', undefined, boom);
    const retried$ = source$.pipe(retryWithBackoff({ initialDelayMs: 10, maxDelayMs: 100, random: half }));
    m.expect(retried$, '^---!').toBeObservable('-');
    m.expect(source$).toHaveSubscriptions(['(^!)']);
  }));

  it('retries forever by default: 1000 failed subscriptions in a row, until unsubscribed', marbles((m) => {
    const source$  = m.cold('#', undefined, boom);
    const sub      =       '^ 1998ms !';                     // random 0.999 → every delay 2 ms
    const subs     = Array.from({ length: 1000 }, (_, i) => `${2 * i}ms (^!)`);
    m.expect(source$.pipe(retryWithBackoff({ initialDelayMs: 2, maxDelayMs: 2, random: () => 0.999 })), sub).toBeObservable('-');
    m.expect(source$).toHaveSubscriptions(subs);
  }));

  it('retries forever by default: a source that fails 50 times, then succeeds, delivers its value', marbles((m) => {
    let attempts = 0;
    const source$ = defer(() => (++attempts <= 50 ? throwError(() => boom) : of('x')));
    m.expect(source$.pipe(retryWithBackoff({ initialDelayMs: 1, maxDelayMs: 1, random: () => 0.999 }))).toBeObservable('50ms (x|)', { x: 'x' });
    m.flush();
    expect(attempts).to.equal(51);
  }));

  it('keeps every delay within [0, min(max, initial·2^n)] (property, virtual time, seeded random)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 60_000 }),
        fc.integer({ min: 1, max: 25 }),
        fc.infiniteStream(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })),
        (initialDelayMs, maxDelayMs, retries, randoms) => {
          const random = (): number => randoms.next().value as number;
          const scheduler = new TestScheduler((a, b) => { expect(a).to.deep.equal(b); });
          const { starts, infos } = scheduler.run(({ flush }) => {
            const startTimes: number[] = [];
            const seen: RetryInfo[] = [];
            defer(() => { startTimes.push(scheduler.now()); return throwError(() => boom); })
              .pipe(retryWithBackoff({ initialDelayMs, maxDelayMs, maxRetries: retries, random, onRetry: (i) => seen.push(i) }))
              .subscribe({ error: () => undefined });
            flush();
            return { starts: startTimes, infos: seen };
          });
          expect(starts).to.have.length(retries + 1);
          infos.forEach((info, n) => {
            const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** n);
            expect(info.attempt).to.equal(n + 1);
            expect(info.delayMs).to.be.within(0, ceiling);
            expect(starts[n + 1]! - starts[n]!).to.equal(info.delayMs);
          });
        },
      ),
      { seed: 20240611, numRuns: fuzzRuns({ quick: 300, full: 5_000 }) },
    );
  });
});
