import { expect } from 'chai';
import type { SchedulerLike } from 'rxjs';
import { marbles } from 'rxjs-marbles/mocha';
import type { TestScheduler } from 'rxjs/testing';
import { withStaleSignal } from '../../lib/requests/with-stale-signal.js';
import type { MarketStateInput } from '../../lib/state/index.js';
import { tick } from '../support/fixtures.js';

// Ticks stamped with their arrival frame, as the connection stamps them.
const inputs: Record<string, MarketStateInput> = {
  a: tick('bid', 10, { time: 1 }), b: tick('bid', 10, { time: 4 }), c: tick('bid', 10, { time: 11 }),
  d: tick('bid', 10, { time: 3 }), m: { type: 'marketDataType', marketDataType: 'delayed' },
  S: { type: 'stale', stale: true }, f: { type: 'stale', stale: false },
};
const bools = { t: true, f: false };

/** The test scheduler, recording the frame of every timer callback it runs. */
function recording(scheduler: TestScheduler): { readonly scheduler: SchedulerLike; readonly fired: number[] } {
  const fired: number[] = [];
  return {
    fired,
    scheduler: {
      now: () => scheduler.now(),
      schedule: (work: () => void, delay?: number) => scheduler.schedule(() => { fired.push(scheduler.now()); work(); }, delay),
    } as SchedulerLike,
  };
}

// prettier-ignore
describe('withStaleSignal', () => {
  it('passes the inputs through and says nothing before the first tick', marbles((m) => {
    const source$      = m.hot('-m-----a--', inputs);
    const interrupted$ = m.cold('t', bools);   // replays its current value, like the session's
    const expected     =       '-m-----(aS)';
    m.expect(source$.pipe(withStaleSignal({ interrupted$, staleAfterMs: 100, scheduler: m.scheduler })), '^---------!').toBeObservable(expected, inputs);
  }));

  it('marks the data stale staleAfterMs after the last tick\'s own time, and fresh after the next tick', marbles((m) => {
    const source$      = m.hot('-a--b------c--', inputs);
    const interrupted$ = m.hot('f-------------', bools);
    const expected     =       '-a--b----S-(cf)';
    m.expect(source$.pipe(withStaleSignal({ interrupted$, staleAfterMs: 5, scheduler: m.scheduler })), '^------------!').toBeObservable(expected, inputs);
  }));

  it('measures silence from the tick\'s time, not from when it reached the operator', marbles((m) => {
    const source$      = m.hot('-----d----', inputs);   // stamped at 3, delivered at 5
    const interrupted$ = m.hot('f---------', bools);
    const expected     =       '-----d-S--';
    m.expect(source$.pipe(withStaleSignal({ interrupted$, staleAfterMs: 4, scheduler: m.scheduler })), '^--------!').toBeObservable(expected, inputs);
  }));

  it('is stale while interrupted, and a tick during the interruption does not clear the signal', marbles((m) => {
    const source$      = m.hot('-a-------c---', inputs);
    const interrupted$ = m.hot('f--t-f-t----f', bools);
    const expected     =       '-a-S-f-S-c--f';
    m.expect(source$.pipe(withStaleSignal({ interrupted$, staleAfterMs: 100, scheduler: m.scheduler })), '^------------!').toBeObservable(expected, inputs);
  }));

  it('passes on an error of the source or of the interruption signal', marbles((m) => {
    const failing$ = m.hot('-a--#', inputs);
    m.expect(failing$.pipe(withStaleSignal({ interrupted$: m.hot('f', bools), staleAfterMs: 100, scheduler: m.scheduler }))).toBeObservable('-a--#', inputs);
    const interrupted$ = m.hot('f---#', bools);
    m.expect(m.hot('-a----', inputs).pipe(withStaleSignal({ interrupted$, staleAfterMs: 100, scheduler: m.scheduler }))).toBeObservable('-a--#', inputs);
  }));

  it('completes with the source and leaves no timer or subscription behind', marbles((m) => {
    const { scheduler, fired } = recording(m.scheduler);
    const interrupted$ = m.hot('f------', bools);
    m.expect(m.hot('-a-|', inputs).pipe(withStaleSignal({ interrupted$, staleAfterMs: 5, scheduler }))).toBeObservable('-a-|', inputs);
    m.expect(interrupted$).toHaveSubscriptions(['-^-!']);
    m.flush();
    expect(fired).to.deep.equal([]);
  }));

  it('drops its timer and the interruption signal on unsubscribe', marbles((m) => {
    const { scheduler, fired } = recording(m.scheduler);
    const interrupted$ = m.hot('f------', bools);
    m.expect(m.hot('-a-d---', inputs).pipe(withStaleSignal({ interrupted$, staleAfterMs: 2, scheduler })), '^---!').toBeObservable('-a-d-', inputs);
    m.expect(interrupted$).toHaveSubscriptions(['-^--!']);
    m.flush();
    expect(fired).to.deep.equal([3]);
  }));
});
