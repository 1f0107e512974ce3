import { expect } from 'chai';
import { map, NEVER, Subject } from 'rxjs';
import { marbles } from 'rxjs-marbles/mocha';
import { foldRequest } from '../../lib/session/fold-request.js';
import type { MarketState, MarketStateInput } from '../../lib/state/index.js';
import { tick } from '../support/fixtures.js';

const inputs: Record<string, MarketStateInput> = {
  o: tick('open', 9),
  b: tick('bid', 10),
  a: tick('ask', 11),
  d: { type: 'marketDataType', marketDataType: 'delayed' },
};
const quote = (s: MarketState): string => `${s.open ?? '-'}/${s.bid ?? '-'}/${s.ask ?? '-'}${s.marketDataType === 'delayed' ? 'd' : ''}`;

// prettier-ignore
describe('foldRequest', () => {
  it('folds once for both projections: a late state$ subscriber gets the state folded from the first input at once', marbles((m) => {
    const source$ = m.cold('--o--b--a--|', inputs);
    const folded = foldRequest(source$, { symbol: 'AAPL', history: 10 });
    m.expect(folded.ticks$.pipe(map((t) => t.field))).toBeObservable('--x--y--z--|', { x: 'open', y: 'bid', z: 'ask' });
    m.expect(folded.state$.pipe(map(quote)), '      ------^-----').toBeObservable('------S-T--|', { S: '9/10/-', T: '9/10/11' });
    m.expect(source$).toHaveSubscriptions('^----------!');
  }));

  it('emits a state only when it changes (not for the same type in effect twice), and ticks$ every tick alone', marbles((m) => {
    const source$ = m.cold('-b-d-d-a-|', inputs);
    const folded = foldRequest(source$, { symbol: 'AAPL', history: 10 });
    m.expect(folded.state$.pipe(map(quote))).toBeObservable('-x-y---z-|', { x: '-/10/-', y: '-/10/-d', z: '-/10/11d' });
    m.expect(folded.ticks$.pipe(map((t) => t.field))).toBeObservable('-x-----y-|', { x: 'bid', y: 'ask' });
  }));

  it('unsubscribes the request after the last subscriber and starts a fresh fold for the next one', marbles((m) => {
    const source$ = m.cold('-b-a-', inputs);
    const folded = foldRequest(source$, { symbol: 'AAPL', history: 10 });
    m.expect(folded.state$.pipe(map(quote)), '^--!---------').toBeObservable('-x--', { x: '-/10/-' });
    m.expect(folded.ticks$.pipe(map((t) => t.field)), '^----!-------').toBeObservable('-x-y-', { x: 'bid', y: 'ask' });
    m.expect(folded.state$.pipe(map(quote)), '-------^-----!').toBeObservable('--------x-y--', { x: '-/10/-', y: '-/10/11' });
    m.expect(source$).toHaveSubscriptions(['^----!-------', '-------^-----!']);
  }));

  it('delivers an error to every subscriber after forgetting the state and calling onEnd', () => {
    const source$ = new Subject<MarketStateInput>();
    const seen: string[] = [];
    const folded = foldRequest(source$, { symbol: 'AAPL', history: 10, onEnd: () => seen.push('end') });
    folded.state$.subscribe({ next: (s) => seen.push(quote(s)), error: (e: unknown) => seen.push(`state ${String(e)}`) });
    folded.ticks$.subscribe({ next: (t) => seen.push(t.field), error: (e: unknown) => seen.push(`ticks ${String(e)}`) });
    source$.next(tick('bid', 10));
    source$.error(new Error('boom'));
    expect(seen).to.deep.equal(['-/10/-', 'bid', 'end', 'state Error: boom', 'ticks Error: boom']);
    expect(source$.observed).to.equal(false);
    // A new subscriber (a retry) starts a new fold: no state is replayed.
    const late: string[] = [];
    const again$ = new Subject<MarketStateInput>();
    const refolded = foldRequest(again$, { symbol: 'AAPL', history: 10 });
    refolded.state$.subscribe({ next: (s) => late.push(quote(s)), error: (e: unknown) => { throw e; } });
    again$.next(tick('ask', 11));
    expect(late).to.deep.equal(['-/-/11']);
  });

  it('completes every subscriber when end$ emits, and lets go of the request', marbles((m) => {
    const source$ = m.cold('-b-a------', inputs);
    const end$   = m.hot( '------e---');
    const folded = foldRequest(source$, { symbol: 'AAPL', history: 10, end$ });
    m.expect(folded.state$.pipe(map(quote))).toBeObservable('-x-y--|', { x: '-/10/-', y: '-/10/11' });
    m.expect(folded.ticks$.pipe(map((t) => t.field))).toBeObservable('-x-y--|', { x: 'bid', y: 'ask' });
    m.expect(source$).toHaveSubscriptions('^-----!');
  }));

  it('gives onStep every input once with its state and whether it changed, however many subscribers', () => {
    const source$ = new Subject<MarketStateInput>();
    const steps: string[] = [];
    const folded = foldRequest(source$, { symbol: 'AAPL', history: 10, onStep: (input, state, changed) => steps.push(`${input.type} ${quote(state)} ${String(changed)}`) });
    const subs = [folded.state$.subscribe({ error: (e: unknown) => { throw e; } }), folded.state$.subscribe({ error: (e: unknown) => { throw e; } }), folded.ticks$.subscribe({ error: (e: unknown) => { throw e; } })];
    source$.next(tick('bid', 10));
    source$.next({ type: 'marketDataType', marketDataType: 'delayed' });
    source$.next({ type: 'marketDataType', marketDataType: 'delayed' });
    expect(steps).to.deep.equal(['tick -/10/- true', 'marketDataType -/10/-d true', 'marketDataType -/10/-d false']);
    subs.forEach((s) => { s.unsubscribe(); });
  });

  it('delivers to the subscribers of both projections in the order they subscribed', () => {
    const source$ = new Subject<MarketStateInput>();
    const order: string[] = [];
    const folded = foldRequest(source$, { symbol: 'AAPL', history: 10 });
    const subs = [
      folded.ticks$.subscribe({ next: () => order.push('ticks 1'), error: (e: unknown) => { throw e; } }),
      folded.state$.subscribe({ next: () => order.push('state 2'), error: (e: unknown) => { throw e; } }),
      folded.ticks$.subscribe({ next: () => order.push('ticks 3'), error: (e: unknown) => { throw e; } }),
    ];
    source$.next(tick('bid', 10));
    expect(order).to.deep.equal(['ticks 1', 'state 2', 'ticks 3']);
    subs.forEach((s) => { s.unsubscribe(); });
    expect(source$.observed).to.equal(false);
  });

  it('never subscribes the request for a projection that is never subscribed', marbles((m) => {
    const folded = foldRequest(NEVER, { symbol: 'AAPL', history: 10 });
    m.expect(folded.state$, '^--!').toBeObservable('----');
  }));
});
