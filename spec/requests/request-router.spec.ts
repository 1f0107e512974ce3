import { expect } from 'chai';
import { Subject, tap } from 'rxjs';
import { marbles } from 'rxjs-marbles/mocha';
import { RequestRouter } from '../../lib/requests/request-router.js';

interface Ev { readonly id?: number; readonly v: string }
const events: Record<string, Ev> = { a: { id: 1, v: 'a' }, b: { id: 2, v: 'b' }, c: { id: 1, v: 'c' }, n: { v: 'notice' }, d: { id: 9, v: 'd' } };
const idOf = (e: Ev): number | undefined => e.id;

// prettier-ignore
describe('RequestRouter', () => {
  it('routes each event to the stream of its request id and drops the rest', marbles((m) => {
    const source$ = m.hot('-a-b-n-c-d-|', events);
    const router = new RequestRouter(source$, idOf);
    m.expect(router.route$(1)).toBeObservable('-a-----c---|', events);
    m.expect(router.route$(2)).toBeObservable('---b-------|', events);
  }));

  it('subscribes the source while a route is open, and drops late events of a closed route', marbles((m) => {
    const source$ = m.hot<string>('-a-c-a-c-');
    const router = new RequestRouter(source$, (v: string) => (v === 'a' ? 1 : 2));
    m.expect(router.route$(1), '^--!').toBeObservable('-a--');
    m.expect(router.route$(2), '------^-!').toBeObservable('-------c-');
    m.expect(source$).toHaveSubscriptions(['^--!', '------^-!']);
  }));

  it('errors every route when the source errors', marbles((m) => {
    const router = new RequestRouter(m.hot('-a-#', events), idOf);
    m.expect(router.route$(1)).toBeObservable('-a-#', events);
    m.expect(router.route$(2)).toBeObservable('---#', events);
  }));

  it('costs one source subscription and one id lookup per event whatever the number of routes', () => {
    const source$ = new Subject<Ev>();
    let subscribed = 0;
    let lookups = 0;
    const router = new RequestRouter(source$.pipe(tap({ subscribe: () => { subscribed++; } })), (e: Ev) => { lookups++; return e.id; });
    const seen: string[] = [];
    const subs = Array.from({ length: 500 }, (_, i) => router.route$(i + 1).subscribe({ next: (e) => seen.push(e.v), error: (e: unknown) => { throw e; } }));
    expect(router.size).to.equal(500);
    source$.next({ id: 250, v: 'x' });
    source$.next({ id: 9999, v: 'late' });
    expect(seen).to.deep.equal(['x']);
    expect(lookups).to.equal(2, 'one id lookup per event, not one per route');
    expect(subscribed).to.equal(1, 'one source subscription for all routes');
    subs.forEach((s) => { s.unsubscribe(); });
    expect(router.size).to.equal(0);
    expect(source$.observed).to.equal(false);
  });
});
