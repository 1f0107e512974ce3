import { expect } from 'chai';
import { marbles } from 'rxjs-marbles/mocha';
import { map, type Observable } from 'rxjs';
import { HistoricalDataError } from '../../lib/errors.js';
import type { BarSeriesInput } from '../../lib/history/bar-series.js';
import { barsRequest$ } from '../../lib/history/bars-request.js';
import type { ReadySignal } from '../../lib/requests/request-context.js';
import { endEvent, errorEvent, fakeHistoryContext, historicalSpec, pacingEvent, rowEvent, updateEvent } from './fake-history-context.js';

const ready: Record<string, ReadySignal> = {
  c: { generation: 1, reason: 'connected' },
  r: { generation: 2, reason: 'reconnected' },
  l: { generation: 1, reason: 'link-restored' },
};
const spec = historicalSpec('AAPL', { barSize: '5 secs', duration: '60 S' }, true);

/** Inputs as short words: `h:5,10` (history starts, s), `u:10@7` (update start@close), `stale` / `fresh`. */
const words$ = (inputs$: Observable<BarSeriesInput>): Observable<string> => inputs$.pipe(map((input) => {
  switch (input.type) {
    case 'history': return `h:${input.bars.map((b) => b.start / 1000).join(',')}`;
    case 'update': return `u:${input.bar.start / 1000}@${input.bar.close}`;
    case 'stale': return input.stale ? 'stale' : 'fresh';
  }
}));

// prettier-ignore
describe('barsRequest$', () => {
  it('asks with keepUpToDate, emits the history, then every update', marbles((m) => {
    const events$ = m.hot('---abe-u-v-', { a: rowEvent(1, 5, 1), b: rowEvent(1, 10, 2), e: endEvent(1), u: updateEvent(1, 10, 3), v: updateEvent(1, 15, 4) });
    const fake = fakeHistoryContext({ scheduler: m.scheduler, ready$: m.hot('-c-', ready), events$ });
    m.expect(barsRequest$(spec, fake.context).pipe(words$)).toBeObservable('-----h-u-v-', { h: 'h:5,10', u: 'u:10@3', v: 'u:15@4' });
    m.flush();
    expect(fake.sent).to.deep.equal(['1 g1 bars 1 AAPL 60 S 5 secs TRADES f2 live']);
  }));

  it('is stale while interrupted (only after the first answer), fresh again without a request after 1102', marbles((m) => {
    const events$ = m.hot('--e-------', { e: endEvent(1) });
    const fake = fakeHistoryContext({ scheduler: m.scheduler, ready$: m.hot('c-', ready), events$ });
    fake.interrupted$.next(true);
    m.scheduler.schedule(() => { fake.interrupted$.next(false); }, 1);
    m.scheduler.schedule(() => { fake.interrupted$.next(true); }, 5);
    m.scheduler.schedule(() => { fake.interrupted$.next(false); }, 7);
    m.expect(barsRequest$(spec, fake.context).pipe(words$)).toBeObservable('--h--s-f--', { h: 'h:', s: 'stale', f: 'fresh' });
    m.flush();
    expect(fake.sent).to.have.length(1);
  }));

  it('re-requests the gap on a new socket (stale until answered) and never cancels the old request', marbles((m) => {
    const events$ = m.hot('--abe-u------xyz-', {
      a: rowEvent(1, 100, 1), b: rowEvent(1, 105, 2), e: endEvent(1), u: updateEvent(1, 110, 3),
      x: rowEvent(2, 105, 2), y: rowEvent(2, 110, 5), z: endEvent(2),
    });
    const fake = fakeHistoryContext({ scheduler: m.scheduler, ready$: m.hot('c--------r-------', ready), events$ });
    fake.dead.add(1);
    m.expect(barsRequest$(spec, fake.context).pipe(words$)).toBeObservable('----h-u--s-----(Hf)', { h: 'h:100,105', u: 'u:110@3', s: 'stale', f: 'fresh', H: 'h:105,110' });
    m.flush();
    // gap: from the last closed bar (105) to the forming one (110) + one bar + 3 frames since the update → 15 s → at least 30 S
    expect(fake.sent).to.deep.equal(['0 g1 bars 1 AAPL 60 S 5 secs TRADES f2 live', '9 g2 bars 2 AAPL 30 S 5 secs TRADES f2 live']);
  }));

  it('re-requests after 1101 on the same socket without a cancel', marbles((m) => {
    const events$ = m.hot('-e-----', { e: endEvent(1) });
    const fake = fakeHistoryContext({ scheduler: m.scheduler, ready$: m.hot('c--l', ready), events$ });
    m.expect(barsRequest$(spec, fake.context).pipe(words$), '^-------!').toBeObservable('-h-s----', { h: 'h:', s: 'stale' });
    m.flush();
    // nothing was answered with bars: the first duration again, held back until the identical window (6) is over
    expect(fake.sent).to.deep.equal(['0 g1 bars 1 AAPL 60 S 5 secs TRADES f2 live', '6 g1 bars 2 AAPL 60 S 5 secs TRADES f2 live', '8 g1 cancel 2']);
  }));

  it('cancels the live request when unsubscribed', marbles((m) => {
    const fake = fakeHistoryContext({ scheduler: m.scheduler, ready$: m.hot('c-', ready), events$: m.hot('-e-', { e: endEvent(1) }) });
    m.expect(barsRequest$(spec, fake.context).pipe(words$), '^---!').toBeObservable('-h--', { h: 'h:' });
    m.flush();
    expect(fake.sent).to.deep.equal(['0 g1 bars 1 AAPL 60 S 5 secs TRADES f2 live', '4 g1 cancel 1']);
  }));

  it('backs off after a 162 pacing violation and asks again', marbles((m) => {
    const events$ = m.hot('-p------e-', { p: pacingEvent(1), e: endEvent(2) });
    const fake = fakeHistoryContext({ scheduler: m.scheduler, ready$: m.hot('c-', ready), events$ });
    m.expect(barsRequest$(spec, fake.context).pipe(words$)).toBeObservable('--------h-', { h: 'h:' });
    m.flush();
    // the retry is due after 3 frames (at 4), but IB's identical-request window (6) counts from the first send
    expect(fake.sent).to.deep.equal(['0 g1 bars 1 AAPL 60 S 5 secs TRADES f2 live', '6 g1 bars 2 AAPL 60 S 5 secs TRADES f2 live']);
  }));

  it('errors with HistoricalDataError on another 162 (no cancel)', marbles((m) => {
    const text = 'Historical Market Data Service error message:HMDS query returned no data: AAPL@SMART Trades';
    const fake = fakeHistoryContext({ scheduler: m.scheduler, ready$: m.hot('c-', ready), events$: m.hot('--x', { x: errorEvent(1, 162, text) }) });
    m.expect(barsRequest$(spec, fake.context)).toBeObservable('--#', undefined, new HistoricalDataError(162, text, { reqId: 1, symbol: 'AAPL' }));
    m.flush();
    expect(fake.sent).to.have.length(1);
  }));
});
