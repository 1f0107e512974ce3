import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { expect } from 'chai';
import { EventName, IBApi, IBApiTickType as T } from '@stoqey/ib';
import { TestScheduler } from 'rxjs/testing';
import { lastValueFrom } from 'rxjs';
import { disconnectApi, guardedFrames$ } from '../../lib/connection/socket-edge.js';
import { ibEvents$ } from '../../lib/connection/ib-events.js';
import type { IbEvent } from '../../lib/connection/ib-event.js';
import { ProtocolError } from '../../lib/errors.js';
import { frame, nextValidIdFrame, serverVersionFrame, tickPriceFrame } from './frames.js';

interface DataPath {
  onData: (data: Buffer) => void;
}
const dataPath = (api: IBApi): DataPath => (api as unknown as { controller: { socket: DataPath } }).controller.socket;

function harness(): { api: IBApi; feed: (b: Buffer) => void; events: IbEvent[]; counts: number[]; failure: () => unknown; stop: () => void } {
  const api = new IBApi({ port: 1 });
  const events: IbEvent[] = [];
  const counts: number[] = [];
  let failure: unknown;
  const eventsSub = ibEvents$(api).subscribe({ next: (e) => events.push(e), error: (e: unknown) => { throw e; } });
  const guardSub = guardedFrames$(api).subscribe({ next: (n) => counts.push(n), error: (e: unknown) => { failure = e; } });
  return {
    api,
    feed: (b) => { dataPath(api).onData(b); },
    events,
    counts,
    failure: () => failure,
    stop: () => { guardSub.unsubscribe(); eventsSub.unsubscribe(); },
  };
}

describe('guardedFrames$', () => {
  it('hands valid frames to the client and counts them', () => {
    const h = harness();
    h.feed(Buffer.concat([serverVersionFrame(), nextValidIdFrame(), tickPriceFrame(3, 10.5)]));
    h.stop();
    expect(h.counts).to.deep.equal([3]);
    expect(h.events.map((e) => e.type)).to.include.members(['connected', 'server', 'nextValidId', 'tickPrice']);
  });

  it('turns a decoder RangeError into a ProtocolError instead of an uncaught exception', () => {
    const h = harness();
    h.feed(Buffer.concat([serverVersionFrame(), nextValidIdFrame()]));
    expect(() => { h.feed(frame(89, 'x', 'y')); }).not.to.throw();
    const failure = h.failure();
    expect(failure).to.be.instanceOf(ProtocolError);
    expect((failure as ProtocolError).reason).to.match(/decoder threw RangeError/);
    h.feed(tickPriceFrame(1, 1));
    h.stop();
    expect(h.events.filter((e) => e.type === 'tickPrice')).to.have.length(0);
  });

  it('rejects a high-bit length without ever handing it to the client (no endless loop)', () => {
    const h = harness();
    h.feed(serverVersionFrame());
    h.feed(Buffer.from([0x80, 0, 0, 0, 0x31, 0x00]));
    h.stop();
    expect((h.failure() as ProtocolError).reason).to.match(/^length-out-of-range/);
  });

  it('discards every byte after unsubscribe', () => {
    const h = harness();
    h.stop();
    h.feed(Buffer.from([0x80, 0, 0, 0, 0x31, 0x00]));
    expect(h.counts).to.deep.equal([]);
  });

  it('decodes tick messages itself, in wire order with the events of the messages the client decodes', () => {
    const api = new IBApi({ port: 1 });
    const scheduler = new TestScheduler(() => undefined);
    const events: IbEvent[] = [];
    let clientTicks = 0;
    api.on(EventName.tickPrice, () => { clientTicks++; });
    const eventsSub = ibEvents$(api, { scheduler }).subscribe({ next: (e) => events.push(e), error: (e: unknown) => { throw e; } });
    const counts: number[] = [];
    const guardSub = guardedFrames$(api, { onTickEvent: (e) => events.push(e), scheduler }).subscribe({ next: (n) => counts.push(n), error: (e: unknown) => { throw e; } });
    dataPath(api).onData(Buffer.concat([serverVersionFrame(), nextValidIdFrame()]));
    events.length = 0;
    dataPath(api).onData(Buffer.concat([
      frame(58, 1, 7, 3), frame(1, 6, 7, T.ASK, '10.5', 300, 0), frame(4, 2, 7, 10167, 'delayed', ''), frame(2, 6, 7, T.VOLUME, 1000),
    ]));
    guardSub.unsubscribe();
    eventsSub.unsubscribe();
    expect(events.map((e) => e.type)).to.deep.equal(['marketDataType', 'tickPrice', 'tickSize', 'error', 'tickSize']);
    expect(events[1]).to.deep.equal({ type: 'tickPrice', reqId: 7, tickType: T.ASK, price: 10.5, time: 0 });
    expect(events[2]).to.deep.equal({ type: 'tickSize', reqId: 7, tickType: T.ASK_SIZE, size: 300, time: 0 });
    expect(clientTicks).to.equal(0);
    expect(counts).to.deep.equal([2, 4]);
  });

  it('emits no tick after an event of the same chunk ended the subscription', () => {
    const api = new IBApi({ port: 1 });
    const ticks: IbEvent[] = [];
    const guardSub = guardedFrames$(api, { onTickEvent: (e) => { ticks.push(e); guardSub.unsubscribe(); } }).subscribe({ error: (e: unknown) => { throw e; } });
    dataPath(api).onData(Buffer.concat([serverVersionFrame(), nextValidIdFrame(), tickPriceFrame(1, 1), tickPriceFrame(1, 2)]));
    expect(ticks.map((e) => (e.type === 'tickPrice' ? e.price : undefined))).to.deep.equal([1]);
  });

  it('errors on an IBApi without the expected internals', async () => {
    const fake = { controller: {} } as unknown as IBApi;
    try {
      await lastValueFrom(guardedFrames$(fake), { defaultValue: 0 });
      expect.fail('should have errored');
    } catch (error: unknown) {
      expect(error).to.be.instanceOf(ProtocolError);
    }
  });
});

describe('disconnectApi', () => {
  it('resolves within the same turn of the event loop for an IBApi that never connected (no linger, no close wait)', async () => {
    const api = new IBApi({ port: 1 });
    // setImmediate runs after every pending microtask: only a disconnect that waits for no timer
    // and no socket event settles first
    const first = await Promise.race([
      disconnectApi(api).then(() => 'disconnected'),
      nextMacrotask().then(() => 'a macrotask later'),
    ]);
    expect(first).to.equal('disconnected');
    expect(api.isConnected).to.equal(false);
  });
});
