import { marbles } from 'rxjs-marbles/mocha';
import { map } from 'rxjs';
import { MarketDataTimeoutError } from '../../lib/errors.js';
import { firstCompleteQuote } from '../../lib/session/first-complete-quote.js';
import { initialMarketState } from '../../lib/state/index.js';
import type { MarketState } from '../../lib/state/index.js';

const empty = initialMarketState('AAPL');
const states: Record<string, MarketState> = {
  e: empty,
  p: { ...empty, bid: 10, ask: 11, last: 10.5 },
  c: { ...empty, bid: 10, ask: 11, last: 10.5, bidSize: 1, askSize: 2, lastSize: 3 },
};
const timeoutError = (): MarketDataTimeoutError => new MarketDataTimeoutError({ symbol: 'AAPL', timeoutMs: 5 });

// prettier-ignore
describe('firstCompleteQuote', () => {
  it('emits the first state with prices and sizes, then completes and unsubscribes', marbles((m) => {
    const source$ = m.cold('-e-p-c-c-|', states);
    const subs =          '^----!';
    const expected =      '-----(c|)';
    m.expect(source$.pipe(firstCompleteQuote({ timeoutMs: 50, timeoutError, scheduler: m.scheduler }))).toBeObservable(expected, states);
    m.expect(source$).toHaveSubscriptions(subs);
  }));

  it('settles for the latest state with prices alone at the timeout', marbles((m) => {
    const source$ = m.cold('-e-p-------', states);
    const expected =      '-----(p|)';
    m.expect(source$.pipe(firstCompleteQuote({ timeoutMs: 5, timeoutError, scheduler: m.scheduler }))).toBeObservable(expected, states);
  }));

  it('errors with the timeout error when no prices arrived (never, or only empty states)', marbles((m) => {
    const expected = '-----#';
    m.expect(m.cold('-').pipe(firstCompleteQuote({ timeoutMs: 5, timeoutError, scheduler: m.scheduler }))).toBeObservable(expected, {}, timeoutError());
    m.expect(m.cold('-e-e-e', states).pipe(firstCompleteQuote({ timeoutMs: 5, timeoutError, scheduler: m.scheduler }))).toBeObservable(expected, {}, timeoutError());
  }));

  it('completes empty when the source completes first, and passes a source error on', marbles((m) => {
    m.expect(m.cold('--|').pipe(firstCompleteQuote({ timeoutMs: 5, timeoutError, scheduler: m.scheduler }))).toBeObservable('--|');
    m.expect(m.cold('-p#', states).pipe(firstCompleteQuote({ timeoutMs: 5, timeoutError, scheduler: m.scheduler }))).toBeObservable('--#');
  }));

  it('stops its timer on early unsubscribe', marbles((m) => {
    const source$ = m.cold('-p------', states);
    const subs =          '^--!';
    m.expect(source$.pipe(firstCompleteQuote({ timeoutMs: 5, timeoutError, scheduler: m.scheduler })), '^--!').toBeObservable('----', states);
    m.expect(source$).toHaveSubscriptions(subs);
  }));

  it('passes an error thrown by the timeout error factory on', marbles((m) => {
    const failing = (): Error => { throw new TypeError('boom'); };
    const result$ = m.cold('-').pipe(firstCompleteQuote({ timeoutMs: 2, timeoutError: failing, scheduler: m.scheduler }), map(() => 'x'));
    m.expect(result$).toBeObservable('--#', {}, new TypeError('boom'));
  }));

  it('keeps the latest state per subscription', marbles((m) => {
    const quote$ = m.hot('-p----e--------', states).pipe(firstCompleteQuote({ timeoutMs: 5, timeoutError, scheduler: m.scheduler }));
    m.expect(quote$).toBeObservable('-----(p|)', states);
    m.expect(quote$, '------^').toBeObservable('-----------#', {}, timeoutError());
  }));
});
