import { expect } from 'chai';
import fc from 'fast-check';
import { DATA_TYPES } from '../../lib/config/index.js';
import { decodeInputBatch, encodeInputBatch } from '../../lib/remote/input-batch.js';
import { RemoteProtocolError } from '../../lib/remote/remote-errors.js';
import { decodeInputs } from '../../lib/remote/wire.js';
import type { MarketStateInput } from '../../lib/state/index.js';
import type { OptionGreeks } from '../../lib/ticks/option-greeks.js';
import type { Tick } from '../../lib/ticks/tick.js';
import { fuzzRuns } from '../support/fuzz-runs.js';

const RUNS = fuzzRuns({ quick: 300, full: 20_000 });
const NUMBER_FIELDS = ['bid', 'ask', 'last', 'high', 'low', 'close', 'open', 'bidSize', 'askSize', 'lastSize', 'volume', 'lastTimestamp'] as const;

const common = { time: fc.double(), delayed: fc.boolean(), reqId: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }) };
const numberTick: fc.Arbitrary<MarketStateInput> = fc.record({ type: fc.constant('tick'), field: fc.constantFrom(...NUMBER_FIELDS), value: fc.double(), ...common }).map((t) => t as Tick);
const haltedTick: fc.Arbitrary<MarketStateInput> = fc.record({ type: fc.constant('tick' as const), field: fc.constant('halted' as const), value: fc.boolean(), ...common });
const greek = fc.option(fc.double(), { nil: undefined });
const greeks: fc.Arbitrary<OptionGreeks> = fc.record({ impliedVol: greek, delta: greek, gamma: greek, vega: greek, theta: greek, optPrice: greek, undPrice: greek });
const greeksTick: fc.Arbitrary<MarketStateInput> = fc.record({ type: fc.constant('tick' as const), field: fc.constant('greeks' as const), value: greeks, ...common });
/** A tick no fixed record fits (its request id is not an int32): it travels as a JSON record, so JSON-safe values. */
const jsonTick: fc.Arbitrary<MarketStateInput> = fc
  .record({ type: fc.constant('tick'), field: fc.constantFrom(...NUMBER_FIELDS), value: fc.integer(), time: fc.integer(), delayed: fc.boolean(), reqId: fc.integer({ min: 2 ** 31, max: 2 ** 40 }) })
  .map((t) => t as Tick);
/** A tick as a feed makes them: a price in cents (or a 4- or 6-decimal one), a whole size, a millisecond time near the previous, a few request ids — the varint paths. */
const feedTick: fc.Arbitrary<MarketStateInput> = fc
  .record({
    field: fc.constantFrom(...NUMBER_FIELDS),
    units: fc.integer({ min: -(2 ** 33), max: 2 ** 33 }),
    scale: fc.constantFrom(1, 100, 10_000, 1_000_000, 3),
    time: fc.oneof(fc.constant(1_764_000_000_000), fc.integer({ min: 1_764_000_000_000, max: 1_764_000_000_000 + 2 ** 32 }), fc.constant(-0)),
    delayed: fc.boolean(),
    reqId: fc.constantFrom(1, 7, 2 ** 31 - 1, -(2 ** 31) + 1, 0),
  })
  .map(({ field, units, scale, time, delayed, reqId }) => ({ type: 'tick', field, value: units / scale, time, delayed, reqId }));
const input: fc.Arbitrary<MarketStateInput> = fc.oneof(
  { arbitrary: numberTick, weight: 4 },
  { arbitrary: feedTick, weight: 6 },
  haltedTick,
  greeksTick,
  jsonTick,
  fc.record({ type: fc.constant('marketDataType' as const), marketDataType: fc.constantFrom(...DATA_TYPES) }),
  fc.record({ type: fc.constant('stale' as const), stale: fc.boolean() }),
);
const batch = fc.record({
  instance: fc.string({ unit: 'grapheme', maxLength: 30 }),
  firstSeq: fc.integer({ min: 1, max: 2 ** 50 }),
  inputs: fc.array(input, { maxLength: 60 }),
});

/** Decodes and returns what was thrown (undefined when it decoded): anything but a RemoteProtocolError fails the property. */
const thrownBy = (decode: () => unknown): unknown => {
  try {
    decode();
    return undefined;
  } catch (error: unknown) {
    expect(error, String(error)).to.be.instanceOf(RemoteProtocolError);
    return error;
  }
};

describe('encodeInputBatch / decodeInputBatch', () => {
  it('round-trips any batch of inputs: every field, -0, NaN, infinities, absent greeks, JSON records', () => {
    fc.assert(
      fc.property(batch, ({ instance, firstSeq, inputs }) => {
        expect(decodeInputBatch('ibrx.md.x', encodeInputBatch(instance, firstSeq, inputs))).to.deep.equal({ instance, firstSeq, inputs });
      }),
      { seed: 17, numRuns: RUNS },
    );
  });

  it('refuses every truncation of a batch and trailing bytes with a RemoteProtocolError', () => {
    fc.assert(
      fc.property(batch, fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 }), ({ instance, firstSeq, inputs }, cut, extra) => {
        const bytes = encodeInputBatch(instance, firstSeq, inputs);
        expect(thrownBy(() => decodeInputBatch('s', bytes.subarray(0, cut % bytes.length)))).to.not.equal(undefined);
        const longer = new Uint8Array(bytes.length + extra.length);
        longer.set(bytes);
        longer.set(extra, bytes.length);
        expect(thrownBy(() => decodeInputBatch('s', longer))).to.not.equal(undefined);
      }),
      { seed: 18, numRuns: RUNS },
    );
  });

  it('never throws anything but a RemoteProtocolError on garbage or a corrupted batch (and garbage is refused, not half-decoded)', () => {
    let refused = 0;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), batch, fc.nat(), fc.integer({ min: 0, max: 255 }), (garbage, { instance, firstSeq, inputs }, at, byte) => {
        if (thrownBy(() => decodeInputs('s', garbage)) !== undefined) refused += 1;
        const corrupted = encodeInputBatch(instance, firstSeq, inputs);
        corrupted[at % corrupted.length] = byte;
        thrownBy(() => decodeInputs('s', corrupted));
      }),
      { seed: 19, numRuns: RUNS },
    );
    expect(refused, 'random bytes are nearly always refused').to.be.greaterThan(RUNS * 0.9);
  });

  it('names the version of a batch from another ib-rx', () => {
    const bytes = encodeInputBatch('i', 1, [{ type: 'stale', stale: true }]);
    bytes[0] = 7;
    expect(() => decodeInputBatch('ibrx.md.x', bytes)).to.throw(RemoteProtocolError, /ibrx\.md\.x.*payload version 7; this ib-rx speaks version 3/);
  });
});
