import { expect } from 'chai';
import { RemoteProtocolError } from '../../lib/remote/remote-errors.js';
import { encodeInputBatch } from '../../lib/remote/input-batch.js';
import { decodeBarsUpdate, decodeControl, decodeInputs, encodeBarsUpdate, encodeControl, encodeResync, encodeStreamError, streamId } from '../../lib/remote/wire.js';
import type { MarketStateInput } from '../../lib/state/index.js';
import type { Tick } from '../../lib/ticks/tick.js';

const tick = (field: Tick['field'], value: unknown, delayed = false): MarketStateInput => ({ type: 'tick', field, value, time: 1_764_000_000_123, delayed, reqId: 42 }) as Tick;

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

const INPUTS: readonly MarketStateInput[] = [
  tick('bid', 101.25), tick('ask', 101.3, true), tick('last', 101.27), tick('volume', 123_456), tick('halted', false), tick('halted', true),
  tick('lastTimestamp', 1_764_000_000_000),
  tick('greeks', { impliedVol: 0.25, delta: 0.5, gamma: undefined, vega: 0.1, theta: undefined, optPrice: 3.2, undPrice: 101 }),
  { type: 'marketDataType', marketDataType: 'delayed-frozen' },
  { type: 'stale', stale: true },
  { type: 'stale', stale: false },
];

describe('the remote wire format', () => {
  it('carries every kind of market-data input unchanged in a binary batch, numbered from the first sequence number', () => {
    const bytes = encodeInputBatch('srv-1', 7, INPUTS);
    expect(bytes[0], 'the version byte').to.equal(3);
    expect(decodeInputs('ibrx.md.x', bytes)).to.deep.equal({ instance: 'srv-1', firstSeq: 7, inputs: INPUTS });
  });

  it('spends 4 or 5 bytes on a bid, ask or size tick of one socket read (one time, one request id), one more when the time moves by under 64 ms', () => {
    const quote = [tick('bid', 101.25), tick('ask', 101.3), tick('bidSize', 100), tick('askSize', 300)];
    const burst = Array.from({ length: 64 }, () => quote).flat();
    // Header 12, instance 5, the first record's time (f64) and request id (1 byte), then 5 + 5 + 4 + 4 bytes per quote.
    expect(encodeInputBatch('srv-1', 1, burst).length).to.equal(12 + 5 + 9 + 64 * 18);
    const paced = burst.map((input, i) => ({ ...input, time: 1_764_000_000_123 + i * 3 }) as MarketStateInput);
    expect(encodeInputBatch('srv-1', 1, paced).length).to.equal(12 + 5 + 9 + 64 * 18 + 255);
    expect(decodeInputs('s', encodeInputBatch('srv-1', 1, paced)).inputs).to.deep.equal(paced);
  });

  it('carries a stream error (JSON on market-data and bars subjects) and a resync request', () => {
    const error = decodeInputs('s', utf8(encodeStreamError('i', 3, { name: 'SymbolNotFoundError', message: 'no', fields: { code: 200 } })));
    expect(error).to.deep.equal({ instance: 'i', firstSeq: 3, inputs: [], end: { kind: 'error', error: { name: 'SymbolNotFoundError', message: 'no', fields: { code: 200 } } } });
    expect(decodeBarsUpdate('s', encodeResync('i', 4))).to.deep.equal({ instance: 'i', firstSeq: 4, inputs: [], end: { kind: 'resync' } });
  });

  it('carries bars updates (closed bars, the forming bar with and without wap, the flag)', () => {
    const closed = [{ start: 0, end: 60_000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10, trades: 3, wap: 1.2 }];
    const forming = { start: 60_000, end: 120_000, open: 1.5, high: 1.5, low: 1.5, close: 1.5, volume: 0, trades: 0 };
    const message = decodeBarsUpdate('s', encodeBarsUpdate('i', 9, { type: 'bars', closed, forming, stale: true }));
    expect(message).to.deep.equal({ instance: 'i', firstSeq: 9, inputs: [{ type: 'bars', closed, forming, stale: true }] });
  });

  it('refuses another payload version, naming both, and anything that is not a stream message', () => {
    const version1 = JSON.stringify([1, 'i', 1, ['t', 'bid', 1, 1, 0, 1]]);
    expect(() => decodeInputs('ibrx.md.x', utf8(version1))).to.throw(RemoteProtocolError, /payload version 1; this ib-rx speaks version 3/);
    const older = encodeInputBatch('i', 1, INPUTS);
    older[0] = 2;
    expect(() => decodeInputs('ibrx.md.x', older)).to.throw(RemoteProtocolError, /payload version 2; this ib-rx speaks version 3/);
    expect(() => decodeInputs('ibrx.md.x', utf8('[nope'))).to.throw(RemoteProtocolError, /not JSON/);
    expect(() => decodeInputs('ibrx.md.x', utf8('[2]'))).to.throw(RemoteProtocolError, /not a stream message/);
    expect(() => decodeInputs('ibrx.md.x', utf8(JSON.stringify([3, 'i', 1, ['?']])))).to.throw(RemoteProtocolError, /unknown message kind/);
    expect(() => decodeControl('ibrx.ctl.join', JSON.stringify({ v: 2 }))).to.throw(RemoteProtocolError, /payload version 2/);
    expect(decodeControl('ibrx.ctl.join', encodeControl({ a: 1 }))).to.deep.equal({ v: 3, a: 1 });
  });

  it('names streams by a hash of kind and key: the same in every process, a valid subject token', () => {
    expect(streamId('md', 'symbol=AAPL;secType=STK')).to.equal(streamId('md', 'symbol=AAPL;secType=STK'));
    expect(streamId('md', 'symbol=AAPL;secType=STK')).to.not.equal(streamId('bars', 'symbol=AAPL;secType=STK'));
    expect(streamId('md', 'x')).to.match(/^[0-9a-f]{24}$/);
  });
});
