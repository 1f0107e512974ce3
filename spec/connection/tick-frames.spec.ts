import { expect } from 'chai';
import fc from 'fast-check';
import { EventName, IBApi, IBApiTickType as T } from '@stoqey/ib';
import { TestScheduler } from 'rxjs/testing';
import { ibEvents$ } from '../../lib/connection/ib-events.js';
import type { IbEvent } from '../../lib/connection/ib-event.js';
import { guardedFrames$ } from '../../lib/connection/socket-edge.js';
import { MAX_SUPPORTED_SERVER_VERSION } from '@stoqey/ib/dist/api/api.js';
import { TICK_FAST_PATH_SERVER_VERSIONS, TickFrameDecoder } from '../../lib/connection/tick-frames.js';
import { fuzzRuns } from '../support/fuzz-runs.js';
import { cutInto, frame, nextValidIdFrame } from './frames.js';

/**
 * Cases per server version: IB_RX_FUZZ=full for the long run; IB_RX_FUZZ_SEED (the seed at the
 * lowest version, + 1 per version) / IB_RX_FUZZ_RUNS to reproduce or to go longer.
 */
const SEED = Number(process.env.IB_RX_FUZZ_SEED ?? 0x71c4);
const RUNS = fuzzRuns({ quick: 60, full: 5_000 });

/** The server versions `@stoqey/ib` negotiates: its MIN_VERSION_V100 (not exported) to MAX_SUPPORTED_SERVER_VERSION. */
const CLIENT_MIN_SERVER_VERSION = 100;
const clientServerVersions = Array.from({ length: MAX_SUPPORTED_SERVER_VERSION - CLIENT_MIN_SERVER_VERSION + 1 }, (_, i) => CLIENT_MIN_SERVER_VERSION + i);
/** The handshake answer of a server at `version`. */
const serverVersionFrame = (version: number): Buffer => frame(version, '20260101 12:00:00 UTC');

interface DataPath {
  onData: (data: Buffer) => void;
}
const dataPath = (api: IBApi): DataPath => (api as unknown as { controller: { socket: DataPath } }).controller.socket;

/** Events (and the failure, if any) an IBApi behind the guard yields for `chunks`, with or without the tick fast path. */
function run(chunks: readonly Buffer[], fastPath: boolean): { events: IbEvent[]; failure: string | undefined } {
  const api = new IBApi({ port: 1 });
  const scheduler = new TestScheduler(() => undefined);
  const events: IbEvent[] = [];
  let failure: string | undefined;
  const eventsSub = ibEvents$(api, { scheduler }).subscribe({ next: (e) => events.push(e), error: (e: unknown) => { failure = String(e); } });
  const options = fastPath ? { onTickEvent: (e: IbEvent) => events.push(e), scheduler } : {};
  const guardSub = guardedFrames$(api, options).subscribe({ error: (e: unknown) => { failure = (e as Error).message; } });
  for (const chunk of chunks) dataPath(api).onData(chunk);
  guardSub.unsubscribe();
  eventsSub.unsubscribe();
  return { events, failure };
}

/** The events the decoder alone emits for one frame body, or `undefined` when it declines. */
function decode(bytes: Buffer, serverVersion?: number): IbEvent[] | undefined {
  const out: IbEvent[] = [];
  const decoder = new TickFrameDecoder(serverVersion === undefined ? {} : { serverVersion });
  return decoder.decode(bytes, 4, bytes.length, 5, (e) => out.push(e)) ? out : undefined;
}

const ints = fc.oneof(
  fc.integer({ min: -2, max: 200_000 }).map(String),
  fc.constantFrom('', '-0', '007', '123456789', '1234567890', '+5', '1.5', '1e3', ' 1', 'x', '-', '2147483647'),
);
const decimals = fc.oneof(
  fc.double({ noNaN: false }).map(String),
  fc.integer({ min: -1, max: 1_000_000 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.stringMatching(/^[0-9]{0,12}$/)).map(([i, f]) => `${i}.${f}`),
  fc.constantFrom('', '0.0', '-0', '-0.0', '5.', '.5', '1,000', '1e5', '1.7976931348623157E308', '-', '123456789012345', '1234567890123456',
    '0.000000000000001', '99999999999999.9', '-1', '00.50', '1..2', '1.2.3'),
);
const texts = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom('', '1744742857', 'a b', 'ü'));
const tickTypes = fc.oneof(
  fc.constantFrom(T.BID, T.ASK, T.LAST, T.BID_SIZE, T.ASK_SIZE, T.LAST_SIZE, T.HIGH, T.LOW, T.VOLUME, T.CLOSE, T.OPEN, T.LAST_TIMESTAMP,
    T.HALTED, T.DELAYED_BID, T.DELAYED_ASK, T.DELAYED_LAST, T.DELAYED_VOLUME, T.DELAYED_LAST_TIMESTAMP).map(String),
  ints,
);
const versions = fc.oneof(fc.constantFrom('6', '3', '2', '1', '', '06', '7'), ints);
const trimOrPad = <T extends readonly string[]>(fields: fc.Arbitrary<T>): fc.Arbitrary<string[]> =>
  fc.tuple(fields, fc.constantFrom(0, 0, 0, 0, -1, 1)).map(([f, d]) => (d < 0 ? f.slice(0, -1) : d > 0 ? [...f, '0'] : [...f]));
const tickFrame = fc.oneof(
  trimOrPad(fc.tuple(fc.constant('1'), versions, ints, tickTypes, decimals, decimals, fc.oneof(fc.constantFrom('0', '1', '7', ''), ints))),
  trimOrPad(fc.tuple(fc.constant('2'), versions, ints, tickTypes, decimals)),
  trimOrPad(fc.tuple(fc.constant('45'), versions, ints, tickTypes, decimals)),
  trimOrPad(fc.tuple(fc.constant('46'), versions, ints, tickTypes, texts)),
  fc.constantFrom(['58', '1', '7', '3'], ['4', '2', '7', '10167', 'delayed', ''], ['49', '1', '1767000000']),
).map((fields) => frame(...fields));

/** The handshake of a server at `version`, then tick frames, cut into chunks at arbitrary points. */
const streamAt = (version: number) =>
  fc
    .tuple(fc.array(tickFrame, { minLength: 1, maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 80 }), { maxLength: 5 }))
    .map(([frames, cuts]) => cutInto(Buffer.concat([serverVersionFrame(version), nextValidIdFrame(), ...frames]), cuts));

const event = (e: Record<string, unknown>): IbEvent => ({ ...e, time: 5 }) as unknown as IbEvent;

describe('TickFrameDecoder', () => {
  const [first, last] = [clientServerVersions[0], clientServerVersions.at(-1)];
  it(`yields exactly the events the client's decoder yields for the same frames, at every server version the client negotiates (${first}–${last}, ${RUNS} cases each, seed ${SEED} + version − ${first})`, function () {
    this.timeout(600_000);
    for (const version of clientServerVersions) {
      const seed = SEED + version - CLIENT_MIN_SERVER_VERSION;
      try {
        fc.assert(
          fc.property(streamAt(version), (chunks) => {
            expect(run(chunks, true)).to.deep.equal(run(chunks, false));
          }),
          { seed, numRuns: RUNS },
        );
      } catch (error: unknown) {
        throw new Error(`property failed at server version ${version} — reproduce with IB_RX_FUZZ_SEED=${seed}: ${(error as Error).message}`, { cause: error });
      }
    }
  });

  it('was verified for every server version the client can negotiate', () => {
    expect(TICK_FAST_PATH_SERVER_VERSIONS).to.deep.equal({ min: CLIENT_MIN_SERVER_VERSION, max: MAX_SUPPORTED_SERVER_VERSION });
  });

  it('declines every frame at a server version outside the verified range, and takes them inside it', () => {
    const ask = frame(1, 6, 9000, T.ASK, '202.55', 3, 0);
    const { min, max } = TICK_FAST_PATH_SERVER_VERSIONS;
    expect(decode(ask, min - 1)).to.equal(undefined);
    expect(decode(ask, max + 1)).to.equal(undefined);
    expect(decode(ask, 201)).to.equal(undefined);
    expect(decode(ask, min)).to.have.length(2);
    expect(decode(ask, max)).to.have.length(2);
  });

  it('leaves every tick frame to the client behind the guard when the handshake announced an unverified version', () => {
    const chunks = [serverVersionFrame(MAX_SUPPORTED_SERVER_VERSION + 1), nextValidIdFrame(), frame(1, 6, 1, T.LAST, '10.5', 2, 0), frame(2, 6, 1, T.VOLUME, 7)];
    const intercepted: IbEvent[] = [];
    const api = new IBApi({ port: 1 });
    api.on(EventName.error, () => undefined); // the client refuses the version with an error event
    const sub = guardedFrames$(api, { onTickEvent: (e) => intercepted.push(e), scheduler: new TestScheduler(() => undefined) }).subscribe();
    for (const chunk of chunks) dataPath(api).onData(chunk);
    sub.unsubscribe();
    expect(intercepted).to.deep.equal([]);
    const atVerified = [serverVersionFrame(MAX_SUPPORTED_SERVER_VERSION), ...chunks.slice(1)];
    expect(run(atVerified, true).events.filter((e) => e.type === 'tickPrice' || e.type === 'tickSize')).to.have.length(3);
  });

  it('decodes an ASK price with the synthetic size tick the client adds', () => {
    expect(decode(frame(1, 6, 9000, T.ASK, '202.55', 3, 0))).to.deep.equal([
      event({ type: 'tickPrice', reqId: 9000, tickType: T.ASK, price: 202.55 }),
      event({ type: 'tickSize', reqId: 9000, tickType: T.ASK_SIZE, size: 3 }),
    ]);
  });

  it('adds no size tick after a live BID price (the client skips BID_SIZE 0)', () => {
    expect(decode(frame(1, 6, 1, T.BID, '-1', 0, 0))).to.deep.equal([event({ type: 'tickPrice', reqId: 1, tickType: T.BID, price: -1 })]);
  });

  it('decodes tickSize, tickGeneric and tickString', () => {
    expect(decode(frame(2, 6, 4, T.VOLUME, 323886))).to.deep.equal([event({ type: 'tickSize', reqId: 4, tickType: T.VOLUME, size: 323886 })]);
    expect(decode(frame(2, 6, 4, T.VOLUME, ''))).to.deep.equal([event({ type: 'tickSize', reqId: 4, tickType: T.VOLUME, size: undefined })]);
    expect(decode(frame(45, 6, 4, T.HALTED, '0.0'))).to.deep.equal([event({ type: 'tickGeneric', reqId: 4, tickType: T.HALTED, value: 0 })]);
    expect(decode(frame(46, 6, 4, T.LAST_TIMESTAMP, '1744742857'))).to.deep.equal([
      event({ type: 'tickString', reqId: 4, tickType: T.LAST_TIMESTAMP, value: '1744742857' }),
    ]);
  });

  it('declines what is not the plain layout, leaving it to the client', () => {
    expect(decode(frame(1, 2, 1, T.ASK, '1.5', 3))).to.equal(undefined); // version 2: no attribute mask
    expect(decode(frame(1, 6, 1, T.ASK, '1.5', 3, 0, 'extra'))).to.equal(undefined);
    expect(decode(frame(2, 6, 1, T.VOLUME, '1,000'))).to.equal(undefined);
    expect(decode(frame(2, 6, 1, T.VOLUME, '1e5'))).to.equal(undefined);
    expect(decode(frame(46, 6, 1, T.LAST_TIMESTAMP, 'ü'))).to.equal(undefined);
    expect(decode(frame(58, 1, 1, 3))).to.equal(undefined);
  });
});
