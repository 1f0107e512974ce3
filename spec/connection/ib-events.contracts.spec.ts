// ibEvents$ for the contract and option events, fed through @stoqey/ib's real decoder.
import { IBApi, IBApiTickType as T, SecType } from '@stoqey/ib';
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

/** Decodes `messages` (field lists) at server version 176 and returns what ibEvents$ emitted. */
function decode(...messages: readonly (readonly string[])[]): IbEvent[] {
  const api = new IBApi({ port: 0 });
  const clock = new VirtualTimeScheduler();
  const controller = (api as unknown as { controller: ControllerInternals }).controller;
  controller.socket._serverVersion = 176;
  const received: IbEvent[] = [];
  const sub = ibEvents$(api, { scheduler: clock }).subscribe({ next: (e) => received.push(e), error: () => undefined });
  for (const tokens of messages) {
    controller.onMessage([...tokens]);
    controller.processIngressQueue();
  }
  sub.unsubscribe();
  expect(IB_EVENT_NAMES.map((name) => api.listenerCount(name)).every((n) => n === 0)).to.equal(true, 'no listener left');
  return received;
}

describe('ibEvents$ (contracts and options)', () => {
  it('emits tickOptionComputation with every field, IB\'s -1 / -2 / Double.MAX markers as @stoqey/ib leaves them', () => {
    const [computed, unset] = decode(
      ['21', '7', String(T.MODEL_OPTION), '0', '0.27', '0.55', '12.4', '0.8', '0.021', '0.35', '-0.08', '229.5'],
      ['21', '7', String(T.DELAYED_MODEL_OPTION), '0', '-1', '-2', '-1', '-1', '-2', '-2', '-2', '1.7976931348623157E308'],
    );
    expect(computed).to.deep.equal({
      type: 'tickOptionComputation', reqId: 7, tickType: T.MODEL_OPTION, tickAttrib: 0, impliedVol: 0.27, delta: 0.55, optPrice: 12.4,
      pvDividend: 0.8, gamma: 0.021, vega: 0.35, theta: -0.08, undPrice: 229.5, time: 0,
    });
    expect(unset).to.deep.include({ tickType: T.DELAYED_MODEL_OPTION, impliedVol: undefined, delta: undefined, optPrice: undefined, gamma: undefined, undPrice: undefined });
  });

  it('emits symbolSamples with the descriptions', () => {
    const [samples] = decode(['79', '3', '2', '265598', 'AAPL', 'STK', 'NASDAQ', 'USD', '1', 'OPT', 'APPLE INC', '', '12087792', 'EUR', 'CASH', '', 'USD', '0', 'Euro', '']);
    expect(samples).to.deep.equal({
      type: 'symbolSamples', reqId: 3, time: 0,
      descriptions: [
        { contract: { conId: 265598, symbol: 'AAPL', secType: SecType.STK, primaryExch: 'NASDAQ', currency: 'USD', description: 'APPLE INC', issuerId: '' }, derivativeSecTypes: ['OPT'] },
        { contract: { conId: 12087792, symbol: 'EUR', secType: SecType.CASH, primaryExch: '', currency: 'USD', description: 'Euro', issuerId: '' }, derivativeSecTypes: [] },
      ],
    });
  });

  it('emits the option parameters of each exchange, then their end', () => {
    const events = decode(['75', '4', 'CBOE', '265598', 'AAPL', '100', '2', '20991218', '20990115', '3', '230', '225', '235'], ['76', '4']);
    expect(events).to.deep.equal([
      {
        type: 'securityDefinitionOptionParameter', reqId: 4, exchange: 'CBOE', underlyingConId: 265598, tradingClass: 'AAPL', multiplier: 100,
        expirations: ['20991218', '20990115'], strikes: [230, 225, 235], time: 0,
      },
      { type: 'securityDefinitionOptionParameterEnd', reqId: 4, time: 0 },
    ]);
  });
});
