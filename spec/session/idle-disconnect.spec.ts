import { marbles } from 'rxjs-marbles/mocha';
import { idleFor } from '../../lib/session/idle-disconnect.js';

const lines = { a: 0, b: 1, c: 2 };

// prettier-ignore
describe('idleFor', () => {
  it('emits once the lines stayed at zero for idleMs after the last one ended; the initial zero starts nothing', marbles((m) => {
    const source$ = m.hot('a-b-c-b-a---------', lines);
    const expected =     '-------------x----';
    m.expect(source$.pipe(idleFor(5, m.scheduler))).toBeObservable(expected, { x: 0 });
  }));

  it('cancels the disconnect when a line is taken within idleMs, and arms it again', marbles((m) => {
    const source$ = m.hot('a-b-a-b-a----------', lines);
    const expected =     '-------------x-----';
    m.expect(source$.pipe(idleFor(5, m.scheduler))).toBeObservable(expected, { x: 0 });
  }));

  it('never emits for a silent source or one that never reaches zero, completes and errors with it', marbles((m) => {
    m.expect(m.hot('-').pipe(idleFor(5, m.scheduler))).toBeObservable('-');
    m.expect(m.hot('b-c-b-|', lines).pipe(idleFor(5, m.scheduler))).toBeObservable('------|');
    m.expect(m.hot('a-b-#', lines).pipe(idleFor(5, m.scheduler))).toBeObservable('----#');
  }));

  it('drops a pending disconnect on early unsubscribe', marbles((m) => {
    const source$ = m.hot('a-b-a------', lines);
    const subs =         '^------!';
    m.expect(source$.pipe(idleFor(5, m.scheduler)), subs).toBeObservable('-');
    m.expect(source$).toHaveSubscriptions(subs);
  }));
});
