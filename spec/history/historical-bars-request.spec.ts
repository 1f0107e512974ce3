import { expect } from 'chai';
import { marbles } from 'rxjs-marbles/mocha';
import { asyncScheduler, map, NEVER, of, type Observable } from 'rxjs';
import { ConnectionError, HistoricalDataError, IbRxError, RequestTimeoutError, SymbolNotFoundError } from '../../lib/errors.js';
import { historicalBarsRequest$ } from '../../lib/history/historical-bars-request.js';
import type { ReadySignal } from '../../lib/requests/request-context.js';
import { endEvent, errorEvent, fakeHistoryContext, historicalSpec, pacingEvent, rowEvent } from './fake-history-context.js';

const ready: Record<string, ReadySignal> = {
  c: { generation: 1, reason: 'connected' },
  r: { generation: 2, reason: 'reconnected' },
};
const spec = historicalSpec('AAPL', { barSize: '1 min', duration: '1800 S' });
const closes$ = (bars$: Observable<readonly { readonly close: number }[]>): Observable<string> => bars$.pipe(map((bars) => bars.map((b) => b.close).join(',')));

// prettier-ignore
describe('historicalBarsRequest$', () => {
  it('sends reqHistoricalData (formatDate 2, no keepUpToDate) once ready and emits the answer at its end marker', marbles((m) => {
    const events$ = m.hot('----ab-e-', { a: rowEvent(1, 60, 10), b: rowEvent(1, 120, 11), e: endEvent(1) });
    const fake = fakeHistoryContext({ scheduler: m.scheduler, ready$: m.hot('-c-', ready), events$ });
    m.expect(historicalBarsRequest$(spec, fake.context).pipe(closes$)).toBeObservable('-------(x|)', { x: '10,11' });
    m.flush();
    expect(fake.sent).to.deep.equal(['1 g1 bars 1 AAPL 1800 S 1 min TRADES f2']);
  }));

  it('sends again with a fresh id on a new socket before the answer, dropping the old rows (no cancel)', marbles((m) => {
    const events$ = m.hot('--a-----be-', { a: rowEvent(1, 60, 10), b: rowEvent(2, 60, 12), e: endEvent(2) });
    const fake = fakeHistoryContext({ scheduler: m.scheduler, ready$: m.hot('-c---r-', ready), events$ });
    m.expect(historicalBarsRequest$(spec, fake.context).pipe(closes$)).toBeObservable('---------(x|)', { x: '12' });
    m.flush();
    expect(fake.sent).to.deep.equal(['1 g1 bars 1 AAPL 1800 S 1 min TRADES f2', '5 g2 bars 2 AAPL 1800 S 1 min TRADES f2']);
  }));

  it('backs off and asks again after a 162 pacing violation (reported on errors$)', marbles((m) => {
    const events$ = m.hot('---p----ae-', { p: pacingEvent(1), a: rowEvent(2, 60, 10), e: endEvent(2) });
    const fake = fakeHistoryContext({ scheduler: m.scheduler, ready$: m.hot('c-', ready), events$ });
    m.expect(historicalBarsRequest$(spec, fake.context).pipe(closes$)).toBeObservable('---------(x|)', { x: '10' });
    m.flush();
    expect(fake.sent).to.deep.equal(['0 g1 bars 1 AAPL 1800 S 1 min TRADES f2', '6 g1 bars 2 AAPL 1800 S 1 min TRADES f2']);
    expect(fake.reported.map((e) => e.code)).to.deep.equal([162]);
  }));

  it('fails with HistoricalDataError after maxRetries pacing violations', marbles((m) => {
    const events$ = m.hot('-p-----q-------s-', { p: pacingEvent(1), q: pacingEvent(2), s: pacingEvent(3) });
    const fake = fakeHistoryContext({ scheduler: m.scheduler, ready$: m.hot('c-', ready), events$ });
    const error = new HistoricalDataError(162, 'Historical Market Data Service error message:Historical data request pacing violation', { reqId: 3, symbol: 'AAPL' });
    m.expect(historicalBarsRequest$(spec, fake.context)).toBeObservable('---------------#', undefined, error);
  }));

  it('fails with HistoricalDataError (code, TWS text) on another 162, without a cancel', marbles((m) => {
    const events$ = m.hot('--x-', { x: errorEvent(1, 162, 'Historical Market Data Service error message:HMDS query returned no data: AAPL@SMART Trades') });
    const fake = fakeHistoryContext({ scheduler: m.scheduler, ready$: m.hot('c-', ready), events$ });
    const error = new HistoricalDataError(162, 'Historical Market Data Service error message:HMDS query returned no data: AAPL@SMART Trades', { reqId: 1, symbol: 'AAPL' });
    m.expect(historicalBarsRequest$(spec, fake.context)).toBeObservable('--#', undefined, error);
    m.flush();
    expect(fake.sent).to.have.length(1);
  }));

  it('fails with SymbolNotFoundError on 200 and with HistoricalDataError on 321 / 366', marbles((m) => {
    const fake200 = fakeHistoryContext({ scheduler: m.scheduler, ready$: m.hot('c-', ready), events$: m.hot('-x', { x: errorEvent(1, 200, 'No security definition has been found for the request') }) });
    m.expect(historicalBarsRequest$(spec, fake200.context)).toBeObservable('-#', undefined, new SymbolNotFoundError('No security definition has been found for the request', { reqId: 1, symbol: 'AAPL' }));
    const fake321 = fakeHistoryContext({ scheduler: m.scheduler, ready$: m.hot('c-', ready), events$: m.hot('-x', { x: errorEvent(1, 321, 'Error validating request') }) });
    m.expect(historicalBarsRequest$(spec, fake321.context)).toBeObservable('-#', undefined, new HistoricalDataError(321, 'Error validating request', { reqId: 1, symbol: 'AAPL' }));
  }));

  it('ignores advisory notices such as 2174 (implied time zone)', marbles((m) => {
    const events$ = m.hot('-wae-', { w: errorEvent(1, 2174, 'Warning: You submitted request with date-time attributes without explicit time zone.'), a: rowEvent(1, 60, 10), e: endEvent(1) });
    const fake = fakeHistoryContext({ scheduler: m.scheduler, ready$: m.hot('c-', ready), events$ });
    m.expect(historicalBarsRequest$(spec, fake.context).pipe(closes$)).toBeObservable('---(x|)', { x: '10' });
  }));

  it('times out (and cancels) without a complete answer within timeoutMs of sending', marbles((m) => {
    const fake = fakeHistoryContext({ scheduler: m.scheduler, ready$: m.hot('c-', ready), events$: m.hot('-'), timeoutMs: 5 });
    m.expect(historicalBarsRequest$(spec, fake.context)).toBeObservable('-----#', undefined, new RequestTimeoutError({ request: 'reqHistoricalData', subject: 'AAPL', timeoutMs: 5 }));
    m.flush();
    expect(fake.sent).to.deep.equal(['0 g1 bars 1 AAPL 1800 S 1 min TRADES f2', '5 g1 cancel 1']);
  }));

  it('cancels an unanswered request when unsubscribed, but not one on a dead socket', marbles((m) => {
    const fake = fakeHistoryContext({ scheduler: m.scheduler, ready$: m.hot('c-', ready), events$: m.hot('-') });
    m.expect(historicalBarsRequest$(spec, fake.context), '^--!').toBeObservable('---');
    const gone = fakeHistoryContext({ scheduler: m.scheduler, ready$: m.hot('c-', ready), events$: m.hot('-') });
    gone.dead.add(1);
    m.expect(historicalBarsRequest$(spec, gone.context), '^--!').toBeObservable('---');
    m.flush();
    expect(fake.sent).to.deep.equal(['0 g1 bars 1 AAPL 1800 S 1 min TRADES f2', '3 g1 cancel 1']);
    expect(gone.sent).to.deep.equal(['0 g1 bars 1 AAPL 1800 S 1 min TRADES f2']);
  }));

  it('wraps an unexpected error in an IbRxError (the original as cause)', () => {
    const fake = fakeHistoryContext({ scheduler: asyncScheduler, ready$: of(ready.c!), events$: NEVER });
    const broken = { ...fake.context, nextReqId: (): number => { throw new TypeError('boom'); } };
    let error: unknown;
    historicalBarsRequest$(spec, broken).subscribe({ error: (e: unknown) => { error = e; } });
    expect(error).to.be.instanceOf(IbRxError).and.have.property('cause').that.is.instanceOf(TypeError);
    expect((error as IbRxError).message).to.equal('ib-rx: the historical request for AAPL failed unexpectedly (TypeError: boom)');
  });

  it('errors with the connection deadline\'s error when the session never connects', marbles((m) => {
    const deadline = new ConnectionError({ host: '127.0.0.1', port: 7497, reason: 'no connection within 15 s' });
    const fake = fakeHistoryContext({ scheduler: m.scheduler, ready$: m.hot('-'), events$: m.hot('-'), connectionDeadline$: m.cold('----#', undefined, deadline) });
    m.expect(historicalBarsRequest$(spec, fake.context)).toBeObservable('----#', undefined, deadline);
  }));
});
