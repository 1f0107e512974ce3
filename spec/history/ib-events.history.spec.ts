// ibEvents$ for historical data, fed through @stoqey/ib's real decoder (server version 193, as the simulator gives it).
import { IBApi } from '@stoqey/ib';
import { expect } from 'chai';
import { VirtualTimeScheduler } from 'rxjs';
import type { IbEvent } from '../../lib/connection/ib-event.js';
import { IB_EVENT_NAMES, ibEvents$ } from '../../lib/connection/ib-events.js';

/** The parts of @stoqey/ib 1.6.10's private controller used to push wire messages through its real decoder. */
interface ControllerInternals {
  onMessage(tokens: string[]): void;
  processIngressQueue(): void;
  socket: { _serverVersion: number };
}

/** Decodes `messages` (field lists) at server version 193 and returns what ibEvents$ emitted. */
function decode(...messages: readonly (readonly string[])[]): IbEvent[] {
  const api = new IBApi({ port: 0 });
  const controller = (api as unknown as { controller: ControllerInternals }).controller;
  controller.socket._serverVersion = 193;
  const received: IbEvent[] = [];
  const sub = ibEvents$(api, { scheduler: new VirtualTimeScheduler() }).subscribe({ next: (e) => received.push(e), error: () => undefined });
  for (const tokens of messages) {
    controller.onMessage([...tokens]);
    controller.processIngressQueue();
  }
  sub.unsubscribe();
  expect(IB_EVENT_NAMES.map((name) => api.listenerCount(name)).every((n) => n === 0)).to.equal(true, 'no listener left');
  return received;
}

describe('ibEvents$ (historical data)', () => {
  it('emits each bar of a historicalData answer, then its end (the "finished-<start>-<end>" marker)', () => {
    const events = decode([
      '17', '9', '20251201 09:30:00 US/Eastern', '20251201 10:00:04 US/Eastern', '2',
      '1764599400', '230.1', '230.5', '229.9', '230.2', '1200', '230.25', '37',
      '20251128', '228', '231', '227.5', '230', '-1', '-1', '-1',
    ]);
    expect(events).to.deep.equal([
      { type: 'historicalData', reqId: 9, date: '1764599400', open: 230.1, high: 230.5, low: 229.9, close: 230.2, volume: 1200, count: 37, wap: 230.25, time: 0 },
      { type: 'historicalData', reqId: 9, date: '20251128', open: 228, high: 231, low: 227.5, close: 230, volume: -1, count: -1, wap: -1, time: 0 },
      { type: 'historicalDataEnd', reqId: 9, start: '20251201 09:30:00 US/Eastern', end: '20251201 10:00:04 US/Eastern', time: 0 },
    ]);
  });

  it('emits historicalDataUpdate with the wire order (open, close, high, low, wap, volume) sorted out', () => {
    const [update] = decode(['90', '4', '12', '1764601200', '230.1', '230.4', '230.6', '230.0', '230.3', '800']);
    expect(update).to.deep.equal({ type: 'historicalDataUpdate', reqId: 4, date: '1764601200', open: 230.1, high: 230.6, low: 230, close: 230.4, volume: 800, count: 12, wap: 230.3, time: 0 });
  });

  it('emits headTimestamp', () => {
    expect(decode(['88', '5', '1104503400'])).to.deep.equal([{ type: 'headTimestamp', reqId: 5, headTimestamp: '1104503400', time: 0 }]);
  });
});
