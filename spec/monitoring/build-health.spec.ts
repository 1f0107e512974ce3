import { EMPTY, map, merge, NEVER, Subject, type Observable } from 'rxjs';
import { configure } from 'rxjs-marbles/mocha';
import type { ConnectionState } from '../../lib/connection/connection-state.js';
import { buildHealth$, type BuildHealthOptions } from '../../lib/monitoring/build-health.js';
import type { HealthSources, MonitoredInput, StreamEvent } from '../../lib/monitoring/health-sources.js';
import type { SessionHealth } from '../../lib/monitoring/health.js';
import { StreamActivity } from '../../lib/monitoring/stream-activity.js';
import { tick } from '../support/fixtures.js';
import { added, removed, requested, staleness, states, tickOf } from './support/health-fixtures.js';

const { marbles } = configure({ run: true });

type Marbles = Parameters<Parameters<typeof marbles>[0]>[0];

const options = (m: Marbles, extra: Partial<BuildHealthOptions> = {}): BuildHealthOptions => ({
  intervalMs: 10, staleAfterMs: 25, lineLimit: 100, scheduler: m.scheduler, ...extra,
});

/** Connection states from a hot marble of `states` letters. */
const state$ = (m: Marbles, marble: string): Observable<ConnectionState> => m.hot(marble, states);

/** Sources with nothing but the connection state. */
const only = (connectionState$: Observable<ConnectionState>, extra: Partial<HealthSources> = {}): HealthSources => ({
  connectionState$, inbound$: NEVER, streams$: NEVER, errors$: NEVER, ...extra,
});

/** A hot stream of ticks for `key` at the frames of the letters in `marble`, stamped with virtual time. */
const ticks$ = (m: Marbles, marble: string, key = 'AAPL'): Observable<StreamEvent> =>
  m.hot(marble).pipe(map(() => tickOf(key, m.scheduler.now())));

// prettier-ignore
describe('buildHealth$', () => {
  it('emits at once with the current connection state, not again while nothing changes, and completes with it', marbles((m) => {
    const states$  = state$(m, 'r-----------------|');
    const expected =           'R-----------------|';
    m.expect(buildHealth$(only(states$), options(m)).pipe(map((h) => `${h.connection.status}/${h.connection.ready}`)))
      .toBeObservable(expected, { R: 'connected/true' });
  }));

  it('behaves as its doc picture says', marbles((m) => {
    const states$  = state$(m, 'r-------------------|');
    const streams$ = merge(m.hot('a').pipe(map(() => added('AAPL'))), ticks$(m, '--t-------------t---'));
    const expected =           'A---B---C---S---F---|';
    m.expect(buildHealth$(only(states$, { streams$ }), options(m, { intervalMs: 4, staleAfterMs: 10 })).pipe(map((h) => `${staleness(h)}@${h.streams[0]?.lastTickAgeMs ?? '-'}`)))
      .toBeObservable(expected, { A: '@-', B: 'AAPL@2', C: 'AAPL@6', S: 'AAPL*@10', F: 'AAPL@0' });
  }));

  it('is silent while no connection state comes, and empty when the states complete at once', marbles((m) => {
    m.expect(buildHealth$(only(NEVER), options(m)), '^ 40ms !').toBeObservable('-');
    m.expect(buildHealth$(only(EMPTY), options(m))).toBeObservable('|');
  }));

  it('throttles a burst of changes to one snapshot per interval, keeping the latest', marbles((m) => {
    const states$  = state$(m, 'i-c-r-d-w-s---------|');
    const expected =           'I---------S---------|';
    m.expect(buildHealth$(only(states$), options(m)).pipe(map((h) => `${h.connection.status}:${h.connection.reconnects}`)))
      .toBeObservable(expected, { I: 'idle:0', S: 'connected:1' });
  }));

  it('counts socket reconnects, keeps the last disconnect reason, the server version and when the socket connected', marbles((m) => {
    const states$  = state$(m, 'r---------d---------s---------|');
    const expected =           'A---------B---------C---------|';
    const view = (h: SessionHealth): string =>
      `${h.connection.reconnects}|${h.connection.serverVersion ?? '-'}|${h.connection.lastDisconnectReason ?? '-'}|${h.connection.connectedSince ?? '-'}`;
    m.expect(buildHealth$(only(states$), options(m)).pipe(map(view))).toBeObservable(expected, {
      A: '0|176|-|0', B: '0|-|socket closed by TWS|-', C: '1|176|socket closed by TWS|20',
    });
  }));

  it('measures ticks and inbound messages per second over the rate window', marbles((m) => {
    const states$  = state$(m, 'r');
    const streams$ = merge(m.hot('a').pipe(map(() => added('AAPL'))), ticks$(m, `- ${'t 99ms '.repeat(30)}`));
    const inbound$ = m.hot(`- ${'(ii) 96ms '.repeat(30)}`);
    const health$  = buildHealth$(only(states$, { inbound$, streams$ }), options(m, { intervalMs: 1000, staleAfterMs: 30_000 }));
    const view = (h: SessionHealth): string => `${h.streams[0]?.ticksPerSecond ?? '-'}/${h.connection.messagesInPerSecond}`;
    m.expect(health$.pipe(map(view)), '^ 3500ms !').toBeObservable('A 999ms B 999ms B 999ms B', { A: '-/0', B: '10/20' });
  }));

  it('reports the age of the last tick and turns a silent stream stale after staleAfterMs, fresh on its next tick', marbles((m) => {
    const states$  = state$(m, 'r-------------------------------------------------|');
    const streams$ = merge(m.hot('a').pipe(map(() => added('AAPL'))), ticks$(m, '--t-------------------------------------t---------'));
    const expected =           'A---------B---------C---------S---------F---------|';
    m.expect(buildHealth$(only(states$, { streams$ }), options(m)).pipe(map((h) => `${staleness(h)}@${h.streams[0]?.lastTickAgeMs ?? '-'}`)))
      .toBeObservable(expected, { A: '@-', B: 'AAPL@8', C: 'AAPL@18', S: 'AAPL*@28', F: 'AAPL@0' });
  }));

  it('follows the lines in use as streams are added and removed, and drops ended streams from the snapshot', marbles((m) => {
    const states$  = state$(m, 'r-----------------------------|');
    const streams$ = m.hot(    '--a---------b---------x--------', { a: added('AAPL'), b: added('MSFT'), x: removed('AAPL') });
    const expected =           'A---------B---------C---------(D|)';
    const view = (h: SessionHealth): string => `${h.connection.linesInUse}/${h.connection.lineLimit} ${staleness(h)}`;
    m.expect(buildHealth$(only(states$, { streams$ }), options(m, { lineLimit: 3 })).pipe(map(view)))
      .toBeObservable(expected, { A: '0/3 ', B: '1/3 AAPL', C: '2/3 AAPL MSFT', D: '1/3 MSFT' });
  }));

  it('counts resubscriptions but not first requests or fallbacks, and shows the request id and the type in effect', marbles((m) => {
    const states$  = state$(m,          'r---------s-------------------|');
    const streams$ = m.hot<StreamEvent>('a-1-d--------2-------3--------', {
      a: added('AAPL'), 1: requested('AAPL', 1), d: { type: 'dataType', key: 'AAPL', marketDataType: 'delayed' }, 2: requested('AAPL', 2, true), 3: requested('AAPL', 3, true),
    });
    const expected =                    'A---------B---------C---------(D|)';
    const view = (h: SessionHealth): string => h.streams.map((s) => `${s.reqId ?? '-'}:${s.resubscriptions}:${s.marketDataType ?? '-'}`).join();
    m.expect(buildHealth$(only(states$, { streams$ }), options(m)).pipe(map(view)))
      .toBeObservable(expected, { A: '', B: '1:0:delayed', C: '2:1:delayed', D: '3:2:delayed' });
  }));

  it('counts the inputs a stream folded (inputs$) as its ticks and type in effect, and leaves stale flags to itself', marbles((m) => {
    const states$  = state$(m,             'r-------------------|');
    const streams$ = m.hot<StreamEvent>(   'a-------------------', { a: added('AAPL') });
    const inputs$  = m.hot<MonitoredInput>('--bsd------l--------', {
      b: { key: 'AAPL', step: { input: tick('bid', 10, { time: 2 }) } },
      s: { key: 'AAPL', step: { input: tick('bidSize', 3, { time: 3 }) } },
      d: { key: 'AAPL', step: { input: { type: 'marketDataType', marketDataType: 'delayed' } } },
      l: { key: 'AAPL', step: { input: { type: 'stale', stale: true } } },
    });
    const expected =                       'A---------B---------|';
    const view = (h: SessionHealth): string => h.streams.map((s) => `${s.marketDataType ?? '-'} ${s.ticks} ${JSON.stringify(s.ticksByField)} ${s.stale}`).join();
    m.expect(buildHealth$(only(states$, { streams$, inputs$ }), options(m, { staleAfterMs: 1000 })).pipe(map(view)))
      .toBeObservable(expected, { A: '', B: 'delayed 2 {"bid":1,"bidSize":1} false' });
  }));

  it("reads the session's own counters at each snapshot: a stream's ticks since it was added, its last tick, its type, messages in", marbles((m) => {
    const changes$ = new Subject<string>();
    const activity = new StreamActivity(() => { changes$.next('AAPL'); });
    let inbound = 500;
    // Three ticks before health$ saw the stream: not its ticks.
    for (const price of [1, 2, 3]) activity.input(tick('bid', price, { time: 0 }));
    m.scheduler.schedule(() => { activity.input(tick('bid', 10, { time: 2 })); inbound += 10; }, 2);
    m.scheduler.schedule(() => { activity.input(tick('bidSize', 3, { time: 3 })); inbound += 10; }, 3);
    m.scheduler.schedule(() => { activity.input({ type: 'marketDataType', marketDataType: 'delayed' }); }, 4);
    m.scheduler.schedule(() => { activity.input({ type: 'stale', stale: true }); }, 11);
    const states$  = state$(m,             'r-------------------|');
    const streams$ = m.hot<StreamEvent>(   'a-------------------', { a: added('AAPL') });
    const expected =                       'A---------B---------|';
    const counters = { inbound: () => inbound, stream: (key: string) => (key === 'AAPL' ? activity : undefined), changes$ };
    const view = (h: SessionHealth): string =>
      h.streams.map((s) => `${s.marketDataType ?? '-'} ${s.ticks} ${JSON.stringify(s.ticksByField)} ${s.lastTickAgeMs ?? '-'} ${h.connection.messagesInPerSecond}`).join();
    m.expect(buildHealth$(only(states$, { streams$, counters }), options(m, { staleAfterMs: 1000, rateWindowMs: 1000 })).pipe(map(view)))
      .toBeObservable(expected, { A: '', B: 'delayed 2 {"bid":1,"bidSize":1} 7 2000' });
  }));

  it("takes a snapshot when a stream's type in effect changes (the counters' changes$), with nothing else pending", marbles((m) => {
    const changes$ = new Subject<string>();
    const activity = new StreamActivity(() => { changes$.next('AAPL'); });
    m.scheduler.schedule(() => { activity.input({ type: 'marketDataType', marketDataType: 'frozen' }); }, 5);
    // The stream is known before the first state, so nothing is pending after the first snapshot.
    const streams$ = m.hot<StreamEvent>(   'a-------------------', { a: added('AAPL') });
    const states$  = state$(m,             '-r------------------|');
    const expected =                       '-A------------------(B|)';
    const counters = { stream: () => activity, changes$ };
    m.expect(buildHealth$(only(states$, { streams$, counters }), options(m, { intervalMs: 100 })).pipe(map((h) => h.streams.map((s) => s.marketDataType ?? '-').join())))
      .toBeObservable(expected, { A: '-', B: 'frozen' });
  }));

  it('counts a stream replaced under the same key from the new counters\' start', marbles((m) => {
    const first = new StreamActivity();
    const second = new StreamActivity();
    let current = first;
    for (const price of [1, 2, 3, 4]) first.input(tick('last', price, { time: 0 }));
    m.scheduler.schedule(() => { current = second; second.input(tick('last', 5, { time: 6 })); }, 6);
    const states$  = state$(m,             'r-------------------|');
    const streams$ = m.hot<StreamEvent>(   'a-------------------', { a: added('AAPL') });
    const expected =                       'A---------B---------|';
    const counters = { stream: () => current };
    m.expect(buildHealth$(only(states$, { streams$, counters }), options(m, { staleAfterMs: 1000 })).pipe(map((h) => h.streams.map((s) => `${s.ticks} ${JSON.stringify(s.ticksByField)}`).join())))
      .toBeObservable(expected, { A: '', B: '1 {"last":1}' });
  }));

  it("keeps each stream's last error and counts errors by code and kind, with the session's own", marbles((m) => {
    const states$  = state$(m,          'r-------------------|');
    const streams$ = m.hot<StreamEvent>('a-e---e-------------', {
      a: added('AAPL'), e: { type: 'error', key: 'AAPL', code: 10167, kind: 'advisory', message: 'Displaying delayed market data' },
    });
    const errors$  = m.hot(             '----c---------------', { c: { code: undefined, kind: 'connection', message: 'socket closed' } });
    const expected =                    'A---------B---------|';
    const view = (h: SessionHealth): string =>
      `${h.streams[0]?.lastError?.code ?? '-'}@${h.streams[0]?.lastError?.time ?? '-'} ${h.errors.map((e) => `${e.code ?? 'none'}/${e.kind}=${e.count}`).join(',')}`;
    m.expect(buildHealth$(only(states$, { streams$, errors$ }), options(m)).pipe(map(view)))
      .toBeObservable(expected, { A: '-@- ', B: '10167@6 10167/advisory=2,none/connection=1' });
  }));

  it('marks every ticking stream stale while the connection is interrupted, whatever the age of its last tick', marbles((m) => {
    const states$  = state$(m, 'r---------l---------r---------|');
    const streams$ = merge(m.hot('a').pipe(map(() => added('AAPL'))), ticks$(m, '-t-t-t-t-t-t-t-t-t-t-t-t-t-t-t'));
    const expected =           'A---------B---------C---------|';
    m.expect(buildHealth$(only(states$, { streams$ }), options(m, { staleAfterMs: 1000 })).pipe(map((h) => `${staleness(h)}|${h.connection.link}`)))
      .toBeObservable(expected, { A: '|up', B: 'AAPL*|lost', C: 'AAPL|up' });
  }));

  it('reports messages out per second and the pacing queue depth when the session gives them', marbles((m) => {
    const states$   = state$(m, 'r');
    const outbound$ = m.hot(    'a 499ms b 499ms c', { a: { sent: 3, queued: 40 }, b: { sent: 23, queued: 20 }, c: { sent: 48, queued: 0 } });
    const view = (h: SessionHealth): string => `${h.connection.messagesOutPerSecond ?? '-'}/${h.connection.pacingQueueDepth ?? '-'}`;
    m.expect(buildHealth$(only(states$, { outbound$ }), options(m, { intervalMs: 1000 })).pipe(map(view)), '^ 1500ms !')
      .toBeObservable('A 999ms B', { A: '-/-', B: '45/0' });
    m.expect(buildHealth$(only(states$), options(m, { intervalMs: 1000 })).pipe(map(view)), '^ 1500ms !')
      .toBeObservable('A', { A: '-/-' });
  }));

  it('emits the closed state at once when the session closes and then completes, leaving no timer', marbles((m) => {
    const states$  = state$(m, 'r--c-(x|)');
    const expected =           'R----(X|)';
    m.expect(buildHealth$(only(states$), options(m)).pipe(map((h) => h.connection.status)))
      .toBeObservable(expected, { R: 'connected', X: 'closed' });
  }));

  it('passes an error of a source on', marbles((m) => {
    const states$  = state$(m, 'r-------');
    const streams$ = m.hot(    '----#', undefined, new Error('boom'));
    m.expect(buildHealth$(only(states$, { streams$ }), options(m)).pipe(map((h) => h.connection.status)))
      .toBeObservable('R---#', { R: 'connected' }, new Error('boom'));
  }));

  it('unsubscribes from every source when its subscriber leaves', marbles((m) => {
    const states$  = m.hot('r---------', states);
    const inbound$ = m.hot('-i-i-i-i--');
    const streams$ = m.hot('--a-------', { a: added('AAPL') });
    const inputs$  = m.hot<MonitoredInput>('----------');
    const errors$  = m.hot('----------');
    const sub      =       '^-----!';
    m.expect(buildHealth$({ connectionState$: states$, inbound$, streams$, inputs$, errors$ }, options(m)).pipe(map((h) => h.connection.status)), sub)
      .toBeObservable('R-----', { R: 'connected' });
    for (const source$ of [states$, inbound$, streams$, inputs$, errors$]) m.expect(source$).toHaveSubscriptions(sub);
  }));

  it('gives every subscriber its own counters', marbles((m) => {
    const streams$ = merge(m.hot('a').pipe(map(() => added('AAPL'))), ticks$(m, '-tttt'));
    const ticks = (h: SessionHealth): string => h.streams.map((s) => s.ticks).join();
    const first$ = buildHealth$(only(state$(m, 'r-----------------------|'), { streams$ }), options(m));
    const late$  = buildHealth$(only(m.cold(         'r------------|', states), { streams$ }), options(m));
    m.expect(first$.pipe(map(ticks))).toBeObservable(        'A---------B---------B---|', { A: '0', B: '4' });
    m.expect(late$.pipe(map(ticks)), '-----------^').toBeObservable('-----------A------------|', { A: '' });
  }));
});

