import { expect } from 'chai';
import { IBApi } from '@stoqey/ib';
import { TestScheduler } from 'rxjs/testing';
import { STOCK_MIX_CYCLE, stockMixBlock, stockMixShares, wholeCycles } from '../../bench/tick-mix.js';
import type { IbEvent } from '../../lib/connection/ib-event.js';
import { ibEvents$ } from '../../lib/connection/ib-events.js';
import { guardedFrames$ } from '../../lib/connection/socket-edge.js';
import { TickFrameDecoder } from '../../lib/connection/tick-frames.js';
import { nextValidIdFrame, serverVersionFrame } from '../connection/frames.js';

interface DataPath {
  onData: (data: Buffer) => void;
}
const dataPath = (api: IBApi): DataPath => (api as unknown as { controller: { socket: DataPath } }).controller.socket;

/** The frame bodies of one cycle, each as [length prefix + body]. */
const framesOf = (block: Buffer): Buffer[] => {
  const frames: Buffer[] = [];
  for (let at = 0; at < block.length; ) {
    const end = at + 4 + block.readUInt32BE(at);
    frames.push(block.subarray(at, end));
    at = end;
  }
  return frames;
};

/** The tick events an IBApi behind the frame guard yields for the handshake plus `block`. */
const tickEvents = (block: Buffer, fastPath: boolean): IbEvent[] => {
  const api = new IBApi({ port: 1 });
  const scheduler = new TestScheduler(() => undefined);
  const events: IbEvent[] = [];
  const eventsSub = ibEvents$(api, { scheduler }).subscribe({ next: (e) => events.push(e), error: (e: unknown) => { throw e; } });
  const guardSub = guardedFrames$(api, fastPath ? { onTickEvent: (e: IbEvent) => events.push(e), scheduler } : {}).subscribe({ error: (e: unknown) => { throw e; } });
  dataPath(api).onData(Buffer.concat([serverVersionFrame(), nextValidIdFrame(), block]));
  guardSub.unsubscribe();
  eventsSub.unsubscribe();
  return events.filter((e) => e.type.startsWith('tick'));
};

describe('bench: the stock tick mix', () => {
  it('is 128 messages per cycle, most of them tickSize, and bursts round up to whole cycles', () => {
    expect(STOCK_MIX_CYCLE).to.equal(128);
    expect(framesOf(stockMixBlock(7))).to.have.length(STOCK_MIX_CYCLE);
    const shares = stockMixShares();
    expect(shares.tickSize).to.be.closeTo(78 / 128, 1e-9);
    expect(shares.tickPrice).to.be.closeTo(40 / 128, 1e-9);
    expect(shares.tickString).to.be.closeTo(10 / 128, 1e-9);
    expect(wholeCycles(200_000)).to.equal(200_064);
    expect(wholeCycles(256)).to.equal(256);
  });

  it('is decoded entirely by the tick fast path (no frame falls back to the client)', () => {
    const declined = framesOf(stockMixBlock(7)).filter((f) => !new TickFrameDecoder().decode(f, 4, f.length, 0, () => undefined));
    expect(declined).to.deep.equal([]);
  });

  it("yields the same events through the fast path as through @stoqey/ib's decoder, synthetic sizes included", () => {
    const block = stockMixBlock(7);
    const fast = tickEvents(block, true);
    const client = tickEvents(block, false);
    expect(fast).to.deep.equal(client);
    // 128 messages + the sizes @stoqey/ib synthesizes after ASK (14) and LAST (10) prices.
    expect(client).to.have.length(128 + 14 + 10);
  });
});
