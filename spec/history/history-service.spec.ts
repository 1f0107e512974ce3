import { expect } from 'chai';
import { BehaviorSubject, Subject, VirtualAction, VirtualTimeScheduler, type Subscription } from 'rxjs';
import type { IbEvent } from '../../lib/connection/ib-event.js';
import { HistoricalDataError, InvalidInputError, SessionClosedError, UnknownOptionError } from '../../lib/errors.js';
import type { BarSeries } from '../../lib/history/bar-series.js';
import { HistoryService } from '../../lib/history/history-service.js';
import type { ReadySignal } from '../../lib/requests/request-context.js';
import { endEvent, errorEvent, fakeHistoryContext, rowEvent, type FakeHistoryContext } from './fake-history-context.js';

describe('HistoryService', () => {
  let scheduler: VirtualTimeScheduler;
  let events$: Subject<IbEvent>;
  let fake: FakeHistoryContext;
  let closed$: Subject<true>;
  let service: HistoryService;
  let pending: number[];
  const subs: Subscription[] = [];

  /** Runs the virtual clock up to `ms` from now. */
  const advance = (ms: number): void => {
    scheduler.schedule(() => undefined, ms);
    scheduler.maxFrames = scheduler.now() + ms;
    scheduler.flush();
  };
  const settle = (): Promise<void> => new Promise((resolve) => { setImmediate(resolve); });

  beforeEach(() => {
    scheduler = new VirtualTimeScheduler(VirtualAction, 0);
    events$ = new Subject<IbEvent>();
    closed$ = new Subject<true>();
    fake = fakeHistoryContext({ scheduler, ready$: new BehaviorSubject<ReadySignal>({ generation: 1, reason: 'connected' }), events$, rules: { identicalWindowMs: 100 }, timeoutMs: 1e9 });
    let isClosed = false;
    subs.push(closed$.subscribe({ next: () => { isClosed = true; }, error: () => undefined }));
    service = new HistoryService({ context: fake.context, closed$, open: () => !isClosed, history: 50 });
    pending = [];
    subs.push(service.pending$.subscribe({ next: (n) => pending.push(n), error: () => undefined }));
  });

  afterEach(() => {
    subs.splice(0).forEach((s) => { s.unsubscribe(); });
  });

  const answer = (reqId: number): void => {
    events$.next(rowEvent(reqId, 60, 10));
    events$.next(endEvent(reqId));
  };

  it('shares an identical request in flight and serves the answer from a cache for the identical window', async () => {
    const a = service.historicalBars('AAPL', { barSize: '1 min', duration: '1 D' });
    const b = service.historicalBars({ symbol: 'aapl' }, { barSize: '1 min', duration: '1 D' });
    answer(1);
    const [x, y] = await Promise.all([a, b]);
    expect(y).to.equal(x);
    advance(99);
    expect(await service.historicalBars('AAPL', { barSize: '1 min', duration: '1 D' })).to.equal(x);
    expect(fake.sent).to.have.length(1);
    advance(1);
    const later = service.historicalBars('AAPL', { barSize: '1 min', duration: '1 D' });
    await settle();
    expect(fake.sent).to.have.length(2);
    answer(2);
    expect(await later).to.not.equal(x);
    expect(Object.isFrozen(x)).to.equal(true);
  });

  it('does not keep a failure: the same request asks TWS again', async () => {
    const failed = service.historicalBars('AAPL', { barSize: '1 min', duration: '1 D' });
    events$.next(errorEvent(1, 162, 'Historical Market Data Service error message:HMDS query returned no data: AAPL@SMART Trades'));
    expect(await failed.catch((e: unknown) => e)).to.be.instanceOf(HistoricalDataError);
    advance(100); // IB's identical window, which the governor keeps anyway
    const again = service.historicalBars('AAPL', { barSize: '1 min', duration: '1 D' });
    await settle();
    answer(2);
    expect(await again).to.have.length(1);
  });

  it('rejects bad options with InvalidInputError before sending', async () => {
    const error = await service.historicalBars('AAPL', { barSize: '1 min', duration: '1 X' as never }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(InvalidInputError).and.include({ field: 'duration' });
    expect(fake.sent).to.deep.equal([]);
  });

  it('rejects a misspelt option with UnknownOptionError naming it and the close one, before sending', async () => {
    const error = await service.historicalBars('AAPL', { barSize: '1 min', duration: '1 D', whatToshow: 'MIDPOINT' } as never).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(UnknownOptionError).and.deep.include({ field: 'whatToshow', call: 'historicalBars', suggestion: 'whatToShow' });
    expect(fake.sent).to.deep.equal([]);
  });

  it('rejects an option bars$ does not take (end: its bars are kept up to date to now), and missing options name barSize', () => {
    const errors: unknown[] = [];
    subs.push(service.bars$('AAPL', { barSize: '5 secs', duration: '60 S', end: 1_700_000_000_000 } as never).subscribe({ error: (e: unknown) => { errors.push(e); } }));
    subs.push(service.bars$('AAPL', undefined).subscribe({ error: (e: unknown) => { errors.push(e); } }));
    expect(errors[0]).to.be.instanceOf(UnknownOptionError).and.deep.include({ field: 'end', call: 'bars$' });
    expect((errors[0] as Error).message).to.equal('unknown option "end" of bars$; known options: barSize, duration, whatToShow, useRTH, history');
    expect(errors[1]).to.be.instanceOf(InvalidInputError).and.include({ field: 'barSize' });
    expect(fake.sent).to.deep.equal([]);
  });

  it('shares bars$ per request and history bound; counts live series and pending requests in pending$', () => {
    const a: BarSeries[] = [];
    const b: BarSeries[] = [];
    const c: BarSeries[] = [];
    subs.push(service.bars$('AAPL', { barSize: '5 secs', duration: '60 S' }).subscribe({ next: (s) => a.push(s), error: () => undefined }));
    subs.push(service.bars$('AAPL', { barSize: '5 secs', duration: '60 S' }).subscribe({ next: (s) => b.push(s), error: () => undefined }));
    subs.push(service.bars$('AAPL', { barSize: '5 secs', duration: '60 S', history: 5 }).subscribe({ next: (s) => c.push(s), error: () => undefined }));
    expect(fake.sent.map((line) => line.split(' ').slice(2, 4).join(' '))).to.deep.equal(['bars 1']);
    advance(100);
    expect(fake.sent.map((line) => line.split(' ').slice(2, 4).join(' '))).to.deep.equal(['bars 1', 'bars 2']);
    answer(1);
    expect(a).to.have.length(1);
    expect(b[0]).to.equal(a[0]);
    expect(c).to.deep.equal([]);
    expect(pending.at(-1)).to.equal(2);
    subs.splice(2).forEach((s) => { s.unsubscribe(); });
    expect(pending.at(-1), JSON.stringify(pending)).to.equal(0);
  });

  it('rejects a history bound that is not a positive integer', () => {
    let error: unknown;
    subs.push(service.bars$('AAPL', { barSize: '5 secs', duration: '60 S', history: 0 }).subscribe({ error: (e: unknown) => { error = e; } }));
    expect(error).to.be.instanceOf(InvalidInputError).and.include({ field: 'history' });
  });

  it('completes series and rejects requests with SessionClosedError once the session closed', async () => {
    let completed = false;
    subs.push(service.bars$('AAPL', { barSize: '5 secs', duration: '60 S' }).subscribe({ complete: () => { completed = true; }, error: () => undefined }));
    const waiting = service.historicalBars('MSFT', { barSize: '1 min', duration: '1 D' });
    closed$.next(true);
    closed$.complete();
    service.complete();
    expect(completed).to.equal(true);
    expect(await waiting.catch((e: unknown) => e)).to.be.instanceOf(SessionClosedError);
    expect(await service.historicalBars('MSFT', { barSize: '1 min', duration: '1 D' }).catch((e: unknown) => e)).to.be.instanceOf(SessionClosedError);
    let error: unknown;
    subs.push(service.bars$('AAPL', { barSize: '5 secs', duration: '60 S' }).subscribe({ error: (e: unknown) => { error = e; } }));
    expect(error).to.be.instanceOf(SessionClosedError);
  });
});
