import { marbles } from 'rxjs-marbles/mocha';
import { shareLatest } from '../../lib/operators/share-latest.js';

// prettier-ignore
describe('shareLatest', () => {
  it('shares one subscription and gives a late subscriber the latest value at once', marbles((m) => {
    const source$ = m.cold('-a--b--c--|');
    const shared$ = source$.pipe(shareLatest());
    m.expect(shared$).toBeObservable('-a--b--c--|');
    m.expect(shared$, '-----^').toBeObservable('-----b-c--|');
    m.expect(source$).toHaveSubscriptions(['^---------!']);
  }));

  it('forgets the latest value when the last subscriber leaves, and starts afresh', marbles((m) => {
    const source$ = m.cold('-a-b-');
    const shared$ = source$.pipe(shareLatest());
    m.expect(shared$, '^--!').toBeObservable('-a--');
    m.expect(shared$, '-----^---!').toBeObservable('------a-b-');
    m.expect(source$).toHaveSubscriptions(['^--!', '-----^---!']);
  }));

  it('passes an error to every subscriber and resets', marbles((m) => {
    const source$ = m.cold('-a-#');
    const shared$ = source$.pipe(shareLatest());
    m.expect(shared$).toBeObservable('-a-#');
    m.expect(shared$, '--^').toBeObservable('--a#');
    m.expect(shared$, '-----^').toBeObservable('------a-#');
  }));

  it('never emits for a silent source, and completes with an empty one', marbles((m) => {
    m.expect(m.cold('-').pipe(shareLatest())).toBeObservable('-');
    m.expect(m.cold('|').pipe(shareLatest())).toBeObservable('|');
  }));

  it('unsubscribes the source on early unsubscribe', marbles((m) => {
    const source$ = m.hot('-a-b-c-');
    m.expect(source$.pipe(shareLatest()), '^--!').toBeObservable('-a--');
    m.expect(source$).toHaveSubscriptions(['^--!']);
  }));
});
