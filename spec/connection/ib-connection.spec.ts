import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { MarketDataType } from '@stoqey/ib';
import { expect } from 'chai';
import { distinctUntilChanged, map } from 'rxjs';
import type { Observable } from 'rxjs';
import { configure } from 'rxjs-marbles/mocha';
import { TestScheduler } from 'rxjs/testing';
import type { ConnectionState, LinkState } from '../../lib/connection/connection-state.js';
import { IbConnection } from '../../lib/connection/ib-connection.js';
import type { ConnectionReady, IbConnectionOptions, OutboundStatus } from '../../lib/connection/ib-connection.js';
import { ClientIdInUseError, ConnectionError, IbRxError } from '../../lib/errors.js';
import { IbCode } from '../../lib/ib-codes.js';
import { log } from '../../lib/log.js';
import { captureLog } from './capture-log.js';
import { FAKE_SERVER_VERSION, FakeTws } from './fake-tws.js';

// IbConnection on virtual time: a FakeTws behind `createApi`, the TestScheduler as `scheduler`.
// The fake answers after 1 ms: connect() at t → handshake at t+1 → nextValidId + 2104 at t+2.
const { marbles } = configure({ run: true });

const RECONNECT = { initial_delay_ms: 100, max_delay_ms: 1000, max_attempts: null, heartbeat_ms: 1000, stall_timeout_ms: 3000 } as const;
/** Jitter 0.5: the delay before reconnect attempt n is half its ceiling (50, 100, 200, 400, 500 …). */
const half = (): number => 0.5;

interface Setup {
  readonly tws: FakeTws;
  readonly conn: IbConnection;
  /** Runs `work` at virtual time `ms`. */
  readonly at: (ms: number, work: () => void) => void;
  /** `close()` at `ms`; its promise is kept for the spec to await. */
  readonly closeAt: (ms: number) => void;
  readonly closed: Promise<void>[];
}

function setUp(scheduler: TestScheduler, overrides: Partial<IbConnectionOptions> = {}): Setup {
  const tws = new FakeTws(scheduler);
  const conn = new IbConnection({
    host: 'tws',
    port: 7497,
    clientId: 1,
    reconnect: RECONNECT,
    maxMessagesPerSecond: 45,
    readyTimeoutMs: 500,
    stableAfterMs: 60_000,
    scheduler,
    random: half,
    createApi: tws.createApi,
    ...overrides,
  });
  const closed: Promise<void>[] = [];
  const at = (ms: number, work: () => void): void => {
    scheduler.schedule(work, ms);
  };
  return { tws, conn, at, closed, closeAt: (ms) => { at(ms, () => { closed.push(conn.close()); }); } };
}

/** Everything `source$` emits, with its virtual time (subscribed at once: the streams are hot). */
function record<T>(source$: Observable<T>, scheduler: TestScheduler): { readonly time: number; readonly value: T }[] {
  const seen: { time: number; value: T }[] = [];
  source$.subscribe({ next: (value) => seen.push({ time: scheduler.now(), value }), error: (e: unknown) => { throw e; } });
  return seen;
}

const ready = (generation: number, reason: ConnectionReady['reason'], clientId = 1): ConnectionReady =>
  ({ generation, reason, serverVersion: FAKE_SERVER_VERSION, clientId });

/** The socket status, `ready` for a connected and ready socket. */
const phase = (state: ConnectionState): string => (state.socket.status === 'connected' && state.socket.ready ? 'ready' : state.socket.status);
const phases$ = (conn: IbConnection): Observable<string> => conn.state$.pipe(map(phase), distinctUntilChanged());

/** A seeded PRNG in [0, 1) (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// prettier-ignore
describe('IbConnection', () => {
  describe('connect and ready', () => {
    it('does nothing before open(): no IBApi, state idle', marbles((m) => {
      const { tws, conn, at, closeAt } = setUp(m.scheduler);
      const phases = { i: 'idle', k: 'connecting', c: 'connected', r: 'ready', x: 'closed' };
      m.expect(phases$(conn)).toBeObservable('i 99ms kcr 97ms (x|)', phases);
      at(99, () => { expect(tws.apis).to.have.length(0); });
      at(100, () => { conn.open(); });
      closeAt(200);
    }));

    it('is ready after nextValidId and market data farm OK (2104): link up, farm listed', marbles((m) => {
      const { conn, at, closeAt } = setUp(m.scheduler);
      m.expect(conn.ready$).toBeObservable('--a 97ms |', { a: ready(1, 'connected') });
      at(0, () => { conn.open(); });
      at(50, () => {
        expect(conn.state.socket).to.deep.include({ status: 'connected', ready: true, generation: 1, clientId: 1, serverVersion: FAKE_SERVER_VERSION });
        expect(conn.state.link).to.equal('up');
        expect(conn.state.farms['usfarm']).to.deep.include({ kind: 'market-data', status: 'ok' });
      });
      closeAt(100);
    }));

    it('without 2104, is ready readyTimeoutMs after nextValidId', marbles((m) => {
      const { tws, conn, at, closeAt } = setUp(m.scheduler);
      tws.farmOk = false;
      m.expect(conn.ready$).toBeObservable('502ms a 97ms |', { a: ready(1, 'connected') });
      at(0, () => { conn.open(); });
      closeAt(600);
    }));
  });

  describe('reconnect', () => {
    it('after a drop: ConnectionError, a backoff wait, a new socket, ready with reason reconnected', marbles((m) => {
      const { tws, conn, at, closeAt } = setUp(m.scheduler);
      const phases = record(phases$(conn), m.scheduler);
      m.expect(conn.ready$).toBeObservable('--a 149ms b 47ms |', { a: ready(1, 'connected'), b: ready(2, 'reconnected') });
      m.expect(conn.errors$.pipe(map((e) => e instanceof ConnectionError && e.reason)), '^ 199ms !').toBeObservable('100ms a', { a: 'socket closed by TWS' });
      at(0, () => { conn.open(); });
      at(100, () => { tws.drop(); });
      closeAt(200);
      m.flush();
      expect(phases.map(({ time, value }) => `${time} ${value}`)).to.deep.equal([
        '0 idle', '0 connecting', '1 connected', '2 ready', '100 disconnected', '100 reconnecting', '150 connecting', '151 connected', '152 ready', '200 closed',
      ]);
      expect(tws.apis.map((api) => api.connects.map((c) => c.time))).to.deep.equal([[0], [150]]);
    }));

    it('waits a delay within [0, min(max_delay_ms, initial_delay_ms · 2^n)] before reconnect attempt n+1 (seeded random)', () => {
      for (let seed = 1; seed <= 20; seed++) {
        const scheduler = new TestScheduler((a, b) => { expect(a).to.deep.equal(b); });
        scheduler.run(() => {
          const { tws, conn, at, closeAt } = setUp(scheduler, { random: seeded(seed) });
          const states = record(conn.state$, scheduler);
          // drop each socket 10 ms after it is ready, 8 times (never stable: the ceiling keeps doubling)
          conn.ready$.subscribe({ next: () => { if (tws.apis.length <= 8) at(10, () => { tws.drop(); }); }, error: (e: unknown) => { throw e; } });
          at(0, () => { conn.open(); });
          closeAt(20_000);
          scheduler.flush();
          const reconnecting = states.flatMap(({ time, value: { socket } }) => (socket.status === 'reconnecting' ? [{ time, ...socket }] : []));
          expect(reconnecting, `seed ${seed}`).to.have.length(8);
          reconnecting.forEach((r, i) => {
            expect(r.attempt).to.equal(i + 1);
            expect(r.delayMs, `seed ${seed} attempt ${r.attempt}`).to.be.within(0, Math.min(1000, 100 * 2 ** i));
            // the next socket connects exactly delayMs after the previous one dropped
            expect(tws.apis[i + 1]?.connects[0]?.time).to.equal(r.time + r.delayMs);
          });
        });
      }
    });

    it('refused connects: one attempt and one ConnectionError (502) per refusal until TWS accepts', marbles((m) => {
      const { tws, conn, at, closeAt } = setUp(m.scheduler);
      tws.refusing = true;
      const errors = record(conn.errors$, m.scheduler);
      const states = record(phases$(conn), m.scheduler);
      // refused at 1, 52, 153, 354, 755 (waits 50, 100, 200, 400, 500); accepted at 1255
      m.expect(conn.ready$).toBeObservable('1257ms a 42ms |', { a: ready(6, 'connected') });
      at(0, () => { conn.open(); });
      at(1000, () => { tws.refusing = false; });
      closeAt(1300);
      m.flush();
      expect(tws.apis.map((api) => api.connects.map((c) => c.time))).to.deep.equal([[0], [51], [152], [353], [754], [1255]]);
      expect(errors.map(({ time, value }) => [time, value instanceof ConnectionError && value.code])).to.deep.equal([
        [1, IbCode.CONNECT_FAIL], [52, IbCode.CONNECT_FAIL], [153, IbCode.CONNECT_FAIL], [354, IbCode.CONNECT_FAIL], [755, IbCode.CONNECT_FAIL],
      ]);
      const count = (p: string): number => states.filter((s) => s.value === p).length;
      expect([count('connecting'), count('disconnected'), count('reconnecting')]).to.deep.equal([6, 5, 5]);
    }));

    it('gives up after max_attempts: ConnectionError on errors$, state disconnected and not retrying, no more sockets', marbles((m) => {
      const { tws, conn, at, closeAt } = setUp(m.scheduler, { reconnect: { ...RECONNECT, max_attempts: 2 } });
      tws.refusing = true;
      const label = (e: IbRxError): string => (e instanceof ConnectionError ? (e.code === IbCode.CONNECT_FAIL ? 'refused' : e.reason) : e.name);
      m.expect(conn.errors$.pipe(map(label))).toBeObservable('-a 50ms a 100ms (ag) 9843ms |', {
        a: 'refused',
        g: 'gave up after 2 reconnect attempts: connect ECONNREFUSED 127.0.0.1:7497',
      });
      at(0, () => { conn.open(); });
      at(9999, () => { expect(conn.state.socket).to.deep.equal({ status: 'disconnected', reason: 'connect ECONNREFUSED 127.0.0.1:7497', retrying: false }); });
      closeAt(10_000);
      m.flush();
      expect(tws.apis).to.have.length(3);
    }));

    it('1300 (socket port reset) ends the socket and reconnects', marbles((m) => {
      const { tws, conn, at, closeAt } = setUp(m.scheduler);
      m.expect(conn.ready$).toBeObservable('--a 149ms b 47ms |', { a: ready(1, 'connected'), b: ready(2, 'reconnected') });
      m.expect(conn.errors$.pipe(map((e) => e instanceof ConnectionError && e.code)), '^ 199ms !').toBeObservable('100ms a', { a: IbCode.SOCKET_PORT_RESET });
      at(0, () => { conn.open(); });
      at(100, () => { tws.notice(IbCode.SOCKET_PORT_RESET, 'socket port reset'); });
      closeAt(200);
    }));
  });

  describe('stall', () => {
    it('a heartbeat unanswered for stall_timeout_ms: ConnectionError (stalled), then a new socket', marbles((m) => {
      const { tws, conn, at, closeAt } = setUp(m.scheduler);
      const errors = record(conn.errors$, m.scheduler);
      // ready at 2, heartbeats at 1002, 2002, 3002 unanswered → stalled at 1002 + 3000
      m.expect(conn.ready$).toBeObservable('--a 4051ms b 45ms |', { a: ready(1, 'connected'), b: ready(2, 'reconnected') });
      at(0, () => { conn.open(); });
      at(500, () => { tws.answersHeartbeat = false; });
      closeAt(4100);
      m.flush();
      const [first] = tws.apis;
      expect(first?.requests.map((r) => r.time)).to.deep.equal([1002, 2002, 3002]);
      expect(errors.map(({ time, value }) => [time, value instanceof ConnectionError && value.reason])).to.deep.equal([
        [4002, 'stalled: no message for 3000 ms'],
      ]);
    }));

    it('answered heartbeats keep the socket for an hour; silence with nothing asked is no stall', marbles((m) => {
      const { tws, conn, at, closeAt } = setUp(m.scheduler, { reconnect: { ...RECONNECT, heartbeat_ms: 10_000 } });
      const errors = record(conn.errors$, m.scheduler);
      m.expect(conn.ready$).toBeObservable('--a 3599997ms |', { a: ready(1, 'connected') });
      at(0, () => { conn.open(); });
      closeAt(3_600_000);
      m.flush();
      expect(errors).to.deep.equal([]);
      expect(tws.apis).to.have.length(1);
      expect(tws.apis[0]?.requests).to.have.length(359);
    }));

    it('a handshake that hangs is a stall', marbles((m) => {
      const { tws, conn, at, closeAt } = setUp(m.scheduler);
      tws.silent = true;
      m.expect(conn.errors$.pipe(map((e) => e instanceof ConnectionError && e.reason))).toBeObservable('3000ms a 99ms |', { a: 'stalled: no message for 3000 ms' });
      at(0, () => { conn.open(); });
      closeAt(3100);
    }));
  });

  describe('326 client id in use', () => {
    it("'next-id': the next attempt uses the refused id + 1; ids climb while taken", marbles((m) => {
      const { tws, conn, at, closeAt } = setUp(m.scheduler);
      tws.taken.add(1).add(2);
      const errors = record(conn.errors$, m.scheduler);
      // 326 at 2 → wait 50 → id 2 at 52, 326 at 54 → wait 100 → id 3 at 154, ready at 156
      m.expect(conn.ready$).toBeObservable('156ms a 43ms |', { a: ready(3, 'connected', 3) });
      at(0, () => { conn.open(); });
      closeAt(200);
      m.flush();
      expect(tws.apis.flatMap((api) => api.connects.map((c) => c.clientId))).to.deep.equal([1, 2, 3]);
      expect(errors.map(({ value }) => value instanceof ClientIdInUseError && value.clientId)).to.deep.equal([1, 2]);
    }));

    it("'next-id': after a socket on the bumped id was ready and dropped, the configured id again", marbles((m) => {
      const { tws, conn, at, closeAt } = setUp(m.scheduler);
      tws.taken.add(1);
      // 326 at 2 → id 2 at 52, ready 54; drop at 100 → wait 100 (attempt 2) → id 1 at 200, ready 202
      m.expect(conn.ready$).toBeObservable('54ms a 147ms b 97ms |', { a: ready(2, 'connected', 2), b: ready(3, 'reconnected', 1) });
      at(0, () => { conn.open(); });
      at(100, () => { tws.taken.clear(); tws.drop(); });
      closeAt(300);
      m.flush();
      expect(tws.apis.flatMap((api) => api.connects.map((c) => c.clientId))).to.deep.equal([1, 2, 1]);
    }));

    it("'next-id': suspend() and open() start from the configured id again", marbles((m) => {
      const { tws, conn, at, closeAt } = setUp(m.scheduler);
      tws.taken.add(1);
      at(0, () => { conn.open(); });
      at(100, () => { void conn.suspend(); });
      at(200, () => { conn.open(); });
      closeAt(400);
      m.flush();
      expect(tws.apis.flatMap((api) => api.connects.map((c) => [c.time, c.clientId]))).to.deep.equal([[0, 1], [52, 2], [200, 1], [252, 2]]);
    }));

    it("'backoff': every attempt uses the configured id", marbles((m) => {
      const { tws, conn, at, closeAt } = setUp(m.scheduler, { clientIdInUse: 'backoff' });
      tws.taken.add(1);
      // 326 at 2, 54 (ids 1 at 0, 52) → id 1 at 154 after the clash ended at 100, ready at 156
      m.expect(conn.ready$).toBeObservable('156ms a 43ms |', { a: ready(3, 'connected', 1) });
      at(0, () => { conn.open(); });
      at(100, () => { tws.taken.clear(); });
      closeAt(200);
      m.flush();
      expect(tws.apis.flatMap((api) => api.connects.map((c) => c.clientId))).to.deep.equal([1, 1, 1]);
    }));
  });

  describe('link notices', () => {
    it('1100 marks the link lost and keeps the socket; 1102 restores it without ready; 1101 emits link-restored on the same socket', marbles((m) => {
      const { tws, conn, at, closeAt } = setUp(m.scheduler);
      const links: Record<string, LinkState> = { u: 'up', l: 'lost', k: 'restored-data-kept', r: 'restored-data-lost', n: 'unknown' };
      m.expect(conn.ready$).toBeObservable('--a 247ms b 49ms |', { a: ready(1, 'connected'), b: ready(1, 'link-restored') });
      m.expect(conn.state$.pipe(map((s) => s.link), distinctUntilChanged()), '^ 299ms !').toBeObservable('nu 98ms l 49ms k 49ms l 49ms r', links);
      at(0, () => { conn.open(); });
      at(100, () => { tws.notice(IbCode.CONNECTIVITY_LOST); });
      at(150, () => { tws.notice(IbCode.CONNECTIVITY_RESTORED_DATA_MAINTAINED); });
      at(200, () => { tws.notice(IbCode.CONNECTIVITY_LOST); });
      at(250, () => { tws.notice(IbCode.CONNECTIVITY_RESTORED_DATA_LOST); });
      closeAt(300);
      m.flush();
      expect(tws.apis).to.have.length(1);
    }));
  });

  describe('suspend() and close()', () => {
    it('suspend() disconnects, keeps the streams open and retries nothing; open() connects again (reason reconnected)', marbles((m) => {
      const { tws, conn, at, closeAt } = setUp(m.scheduler);
      m.expect(conn.ready$).toBeObservable('--a 4999ms b 97ms |', { a: ready(1, 'connected'), b: ready(2, 'reconnected') });
      at(0, () => { conn.open(); });
      at(100, () => { void conn.suspend(); });
      at(101, () => {
        expect(conn.state.socket.status).to.equal('idle');
        expect(tws.apis[0]?.disconnects).to.equal(1);
      });
      at(4999, () => { expect(tws.apis).to.have.length(1); });
      at(5000, () => { conn.open(); });
      closeAt(5100);
    }));

    it('close() with a retry pending completes every stream at once and leaves no listener, socket or timer', marbles((m) => {
      const { tws, conn, at, closeAt } = setUp(m.scheduler, { reconnect: { ...RECONNECT, initial_delay_ms: 60_000, max_delay_ms: 60_000 } });
      const late = '200ms ^';
      m.expect(conn.events$, late).toBeObservable('300ms |');
      m.expect(conn.ready$, late).toBeObservable('300ms |');
      m.expect(conn.errors$, late).toBeObservable('300ms |');
      m.expect(conn.outbound$, late).toBeObservable('200ms o 99ms |', { o: { sent: 0, queued: 0 } });
      m.expect(phases$(conn), late).toBeObservable('200ms w 99ms (x|)', { w: 'reconnecting', x: 'closed' });
      at(0, () => { conn.open(); });
      at(100, () => { tws.drop(); });
      closeAt(300);
      at(301, () => {
        // nothing left on the scheduler but this check: the 60 s retry timer and the heartbeat are gone
        expect(m.scheduler.actions).to.have.length(0);
        conn.open();
        conn.send((api) => { api.reqMarketDataType(MarketDataType.DELAYED); });
        expect(tws.apis).to.have.length(1);
      });
      m.flush();
      expect(tws.apis.map((api) => [api.listenerTotal(), api.open, api.requests.length])).to.deep.equal([[0, false, 0]]);
      expect(conn.state.socket.status).to.equal('closed');
    }));

    it('close() after a disconnect that fails: logged, close() resolves, no unhandled rejection', async () => {
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown): void => { unhandled.push(reason); };
      process.on('unhandledRejection', onUnhandled);
      const captured = captureLog(log.connection);
      try {
        const scheduler = new TestScheduler((a, b) => { expect(a).to.deep.equal(b); });
        const setup = scheduler.run(() => {
          const s = setUp(scheduler);
          s.at(0, () => { s.conn.open(); });
          s.at(10, () => { s.tws.brokenApiState = true; });
          s.closeAt(20);
          return s;
        });
        await Promise.all(setup.closed);
        await nextMacrotask();
        expect(unhandled).to.deep.equal([]);
        expect(captured.lines.some((line) => line.includes('socket 1: disconnect failed'))).to.equal(true);
      } finally {
        captured.restore();
        process.off('unhandledRejection', onUnhandled);
      }
    });
  });

  describe('send', () => {
    it('sends on the given socket only and drops a message for a socket that is gone', marbles((m) => {
      const { tws, conn, at, closeAt } = setUp(m.scheduler, { reconnect: { ...RECONNECT, heartbeat_ms: 60_000 } });
      at(0, () => { conn.open(); });
      at(100, () => { tws.drop(); });
      at(160, () => {
        conn.send((api) => { api.reqMarketDataType(MarketDataType.REALTIME); }, 1);
        conn.send((api) => { api.reqMarketDataType(MarketDataType.DELAYED); }, 2);
        conn.send((api) => { api.reqMarketDataType(MarketDataType.DELAYED_FROZEN); });
      });
      closeAt(200);
      m.flush();
      expect(tws.apis.map((api) => api.requests.map((r) => r.time))).to.deep.equal([[], [160, 160]]);
    }));

    it('keeps at most maxMessagesPerSecond messages in any sliding second, dropping none', marbles((m) => {
      const { tws, conn, at, closeAt } = setUp(m.scheduler, { maxMessagesPerSecond: 10, reconnect: { ...RECONNECT, heartbeat_ms: 60_000, stall_timeout_ms: 60_000 } });
      const queued = record(conn.outbound$.pipe(map((o) => o.queued)), m.scheduler);
      at(0, () => { conn.open(); });
      at(10, () => { for (let i = 0; i < 25; i++) conn.send((api) => { api.reqMarketDataType(MarketDataType.DELAYED); }); });
      closeAt(3000);
      m.flush();
      const times = tws.apis[0]?.requests.map((r) => r.time);
      expect(times).to.deep.equal([...Array<number>(10).fill(10), ...Array<number>(10).fill(1010), ...Array<number>(5).fill(2010)]);
      expect(Math.max(...queued.map((q) => q.value))).to.equal(15);
      expect(queued.at(-1)?.value).to.equal(0);
    }));

    it('a command that throws is logged and reported; it leaves the queue, is not sent, and the socket stays up', marbles((m) => {
      const { tws, conn, at, closeAt } = setUp(m.scheduler, { reconnect: { ...RECONNECT, heartbeat_ms: 60_000 } });
      const boom = new Error('boom');
      const o = (sent: number, queued: number): OutboundStatus => ({ sent, queued });
      const captured = captureLog(log.connection);
      try {
        m.expect(conn.outbound$, '^ 50ms !').toBeObservable('i 9ms (ab) 6ms (cd)', { i: o(0, 0), a: o(0, 1), b: o(0, 0), c: o(0, 1), d: o(1, 0) });
        m.expect(conn.errors$.pipe(map((e) => e instanceof ConnectionError && e.cause === boom && e.reason)), '^ 50ms !').toBeObservable('10ms a', { a: 'sending failed: Error: boom' });
        at(0, () => { conn.open(); });
        at(10, () => { conn.send(() => { throw boom; }); });
        at(20, () => { conn.send((api) => { api.reqMarketDataType(MarketDataType.DELAYED); }); });
        closeAt(100);
        m.flush();
        expect(tws.apis).to.have.length(1);
        expect(tws.apis[0]?.requests.map((r) => r.time)).to.deep.equal([20]);
        expect(captured.lines.some((line) => line.includes('socket 1: outgoing command threw'))).to.equal(true);
      } finally {
        captured.restore();
      }
    }));
  });
});
