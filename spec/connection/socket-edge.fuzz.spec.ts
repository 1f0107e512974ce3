import { expect } from 'chai';
import fc from 'fast-check';
import { IBApi } from '@stoqey/ib';
import { guardedFrames$ } from '../../lib/connection/socket-edge.js';
import { MAX_FRAME_BYTES, MIN_FRAME_BYTES } from '../../lib/connection/frame-guard.js';
import { ProtocolError } from '../../lib/errors.js';
import { cutInto, frame, rawFrame, nextValidIdFrame } from './frames.js';
import { fuzzRuns } from '../support/fuzz-runs.js';

/** IB_RX_FUZZ=full for the long run; IB_RX_FUZZ_SEED / IB_RX_FUZZ_RUNS to reproduce or to go longer. */
const SEED = Number(process.env.IB_RX_FUZZ_SEED ?? 0x1b5eed);
const RUNS = fuzzRuns({ quick: 5_000, full: 100_000 });

interface DataPath {
  onData: (data: Buffer) => void;
}

/** Asserts what the guard hands the client is whole frames with sane lengths (so its reader can't loop). */
function strictFramesCheck(original: (data: Buffer) => void, socket: DataPath): (data: Buffer) => void {
  return (data: Buffer) => {
    let offset = 0;
    while (offset < data.length) {
      const length = data.readUInt32BE(offset);
      if (length < MIN_FRAME_BYTES || length > MAX_FRAME_BYTES || offset + 4 + length > data.length) {
        throw new Error(`guard passed a bad frame (length ${length} at ${offset} of ${data.length})`);
      }
      offset += 4 + length;
    }
    original.call(socket, data);
  };
}

const field = fc.oneof(
  fc.integer({ min: -5, max: 100_000 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('', 'abc', '1e999', '-', '2147483647', '1.7976931348623157E308', 'NaN'),
);
// Every decoder of the client (ids 0..110), e.g. 89 (histogram) throws RangeError on a bad count.
const knownIds = fc.oneof(fc.integer({ min: 0, max: 110 }), fc.constantFrom(1, 2, 4, 9, 45, 46, 58, 81, 89, 999, -1));
const validish = fc.tuple(knownIds, fc.array(field, { maxLength: 9 })).map(([id, rest]) => frame(id, ...rest));
const lyingLength = fc
  .tuple(fc.oneof(fc.constant(0x80000000), fc.constant(0xffffffff), fc.integer({ min: 0, max: 0x2000000 })), fc.uint8Array({ maxLength: 24 }))
  .map(([length, body]) => rawFrame(length, Buffer.from(body)));
const truncated = validish.chain((f) => fc.integer({ min: 1, max: Math.max(1, f.length - 1) }).map((n) => f.subarray(0, n)));
const noise = fc.uint8Array({ maxLength: 48 }).map((b) => Buffer.from(b));
const piece = fc.oneof({ weight: 5, arbitrary: validish }, lyingLength, truncated, noise);

/**
 * The server version a handshake announces: mostly the client's range (100–193), sometimes one it
 * refuses (the guard and the tick fast path must contain those too).
 */
const announcedVersion = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 100, max: 193 }) }, fc.integer({ min: 0, max: 250 }));

/** A server byte stream (handshake at some version or none, then pieces) cut into chunks at arbitrary points. */
const stream = fc
  .tuple(fc.option(announcedVersion, { nil: undefined }), fc.array(piece, { minLength: 1, maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 6 }))
  .map(([version, pieces, cuts]) => {
    const handshake = version === undefined ? [] : [frame(version, '20260101 12:00:00 UTC'), nextValidIdFrame()];
    return cutInto(Buffer.concat([...handshake, ...pieces]), cuts);
  });

/** Runs the server byte streams through a guarded IBApi (optionally with the tick fast path) and checks only ProtocolErrors come out. */
function containsEveryStream(runs: number, fastPath: boolean): void {
  try {
    fc.assert(
      fc.property(stream, (chunks) => {
        const api = new IBApi({ port: 1 });
        const socket = (api as unknown as { controller: { socket: DataPath } }).controller.socket;
        socket.onData = strictFramesCheck(socket.onData, socket);
        let failure: unknown;
        const options = fastPath ? { onTickEvent: (): void => undefined } : {};
        const sub = guardedFrames$(api, options).subscribe({ error: (e: unknown) => { failure = e; } });
        for (const chunk of chunks) socket.onData(chunk);
        sub.unsubscribe();
        if (failure !== undefined) {
          expect(failure).to.be.instanceOf(ProtocolError);
          expect((failure as Error).message).not.to.match(/guard passed a bad frame/);
        }
      }),
      { seed: SEED, numRuns: runs },
    );
  } catch (error: unknown) {
    throw new Error(`fuzz failed — reproduce with IB_RX_FUZZ_SEED=${SEED}: ${(error as Error).message}`, { cause: error });
  }
}

describe('guardedFrames$', () => {
  it(`contains every malformed server byte stream: no exception escapes the data path (${RUNS} cases, seed ${SEED})`, function () {
    this.timeout(120_000);
    containsEveryStream(RUNS, false);
  });

  it(`contains every malformed server byte stream with the tick fast path on too (${Math.ceil(RUNS / 4)} cases, seed ${SEED})`, function () {
    this.timeout(120_000);
    containsEveryStream(Math.ceil(RUNS / 4), true);
  });
});
