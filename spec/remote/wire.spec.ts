import { expect } from 'chai';
import { RemoteProtocolError } from '../../lib/remote/remote-errors.js';
import { decodeBarsUpdate, decodeControl, decodeInputs, encodeBarsUpdate, encodeControl, encodeInputs, encodeResync, encodeStreamError, inputPart, streamId } from '../../lib/remote/wire.js';
import type { MarketStateInput } from '../../lib/state/index.js';
import type { Tick } from '../../lib/ticks/tick.js';

const tick = (field: Tick['field'], value: unknown, delayed = false): MarketStateInput => ({ type: 'tick', field, value, time: 1_764_000_000_123, delayed, reqId: 42 }) as Tick;

const INPUTS: readonly MarketStateInput[] = [
  tick('bid', 101.25), tick('ask', 101.3, true), tick('last', 101.27), tick('volume', 123_456), tick('halted', false), tick('halted', true),
  tick('lastTimestamp', 1_764_000_000_000),
  tick('greeks', { impliedVol: 0.25, delta: 0.5, gamma: undefined, vega: 0.1, theta: undefined, optPrice: 3.2, undPrice: 101 }),
  { type: 'marketDataType', marketDataType: 'delayed-frozen' },
  { type: 'stale', stale: true },
  { type: 'stale', stale: false },
];

describe('the remote wire format', () => {
  it('carries every kind of market-data input unchanged, numbered from the first sequence number', () => {
    const text = encodeInputs('srv-1', 7, INPUTS.map(inputPart));
    const messages = decodeInputs('ibrx.md.x', text);
    expect(messages.map((m) => m.seq)).to.deep.equal(INPUTS.map((_, i) => 7 + i));
    expect(messages.map((m) => m.instance)).to.deep.equal(INPUTS.map(() => 'srv-1'));
    expect(messages.map((m) => (m.kind === 'input' ? m.input : m.kind))).to.deep.equal(INPUTS);
  });

  it('carries a stream error and a resync request', () => {
    const [error] = decodeInputs('s', encodeStreamError('i', 3, { name: 'SymbolNotFoundError', message: 'no', fields: { code: 200 } }));
    expect(error).to.deep.equal({ instance: 'i', seq: 3, kind: 'error', error: { name: 'SymbolNotFoundError', message: 'no', fields: { code: 200 } } });
    expect(decodeBarsUpdate('s', encodeResync('i', 4))).to.deep.equal({ instance: 'i', seq: 4, kind: 'resync' });
  });

  it('carries bars updates (closed bars, the forming bar with and without wap, the flag)', () => {
    const closed = [{ start: 0, end: 60_000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10, trades: 3, wap: 1.2 }];
    const forming = { start: 60_000, end: 120_000, open: 1.5, high: 1.5, low: 1.5, close: 1.5, volume: 0, trades: 0 };
    const message = decodeBarsUpdate('s', encodeBarsUpdate('i', 9, { type: 'bars', closed, forming, stale: true }));
    expect(message).to.deep.equal({ instance: 'i', seq: 9, kind: 'input', input: { type: 'bars', closed, forming, stale: true } });
  });

  it('refuses another payload version, naming both, and anything that is not a stream message', () => {
    const future = JSON.stringify([2, 'i', 1, ['t', 'bid', 1, 1, 0, 1]]);
    expect(() => decodeInputs('ibrx.md.x', future)).to.throw(RemoteProtocolError, /payload version 2; this ib-rx speaks version 1/);
    expect(() => decodeInputs('ibrx.md.x', 'nope')).to.throw(RemoteProtocolError, /not JSON/);
    expect(() => decodeInputs('ibrx.md.x', '{"v":1}')).to.throw(RemoteProtocolError, /not a stream message/);
    expect(() => decodeInputs('ibrx.md.x', JSON.stringify([1, 'i', 1, ['?']]))).to.throw(RemoteProtocolError, /unknown message kind/);
    expect(() => decodeControl('ibrx.ctl.join', JSON.stringify({ v: 3 }))).to.throw(RemoteProtocolError, /payload version 3/);
    expect(decodeControl('ibrx.ctl.join', encodeControl({ a: 1 }))).to.deep.equal({ v: 1, a: 1 });
  });

  it('names streams by a hash of kind and key: the same in every process, a valid subject token', () => {
    expect(streamId('md', 'symbol=AAPL;secType=STK')).to.equal(streamId('md', 'symbol=AAPL;secType=STK'));
    expect(streamId('md', 'symbol=AAPL;secType=STK')).to.not.equal(streamId('bars', 'symbol=AAPL;secType=STK'));
    expect(streamId('md', 'x')).to.match(/^[0-9a-f]{24}$/);
  });
});
