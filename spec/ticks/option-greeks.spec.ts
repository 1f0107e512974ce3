import { IBApiTickType as T, type TickType } from '@stoqey/ib';
import { expect } from 'chai';
import { marbles } from 'rxjs-marbles/mocha';
import type { TickOptionComputationEvent } from '../../lib/connection/ib-event.js';
import { optionGreeks, type OptionGreeks } from '../../lib/ticks/option-greeks.js';
import { toTicks } from '../../lib/ticks/to-ticks.js';
import { tick } from '../support/fixtures.js';

type Fields = Omit<TickOptionComputationEvent, 'type' | 'reqId' | 'tickType' | 'time' | 'tickAttrib'>;
const COMPUTED: Fields = { impliedVol: 0.27, delta: 0.55, optPrice: 12.4, pvDividend: 0.8, gamma: 0.021, vega: 0.35, theta: -0.08, undPrice: 229.5 };
const GREEKS: OptionGreeks = { impliedVol: 0.27, delta: 0.55, gamma: 0.021, vega: 0.35, theta: -0.08, optPrice: 12.4, undPrice: 229.5 };
const NONE: OptionGreeks = { impliedVol: undefined, delta: undefined, gamma: undefined, vega: undefined, theta: undefined, optPrice: undefined, undPrice: undefined };

function computation(tickType: TickType, fields: Partial<Fields> = {}, reqId = 7): TickOptionComputationEvent {
  return { type: 'tickOptionComputation', reqId, tickType, tickAttrib: 0, ...COMPUTED, ...fields, time: 5 };
}

describe('optionGreeks', () => {
  it('keeps computed values as they are', () => {
    expect(optionGreeks(computation(T.MODEL_OPTION))).to.deep.equal(GREEKS);
  });

  it("turns IB's 'not computed' markers into undefined: -1 for volatility and prices, -2 for the greeks", () => {
    const marked = computation(T.MODEL_OPTION, { impliedVol: -1, delta: -2, optPrice: -1, gamma: -2, vega: -2, theta: -2, undPrice: -1 });
    expect(optionGreeks(marked)).to.deep.equal(NONE);
  });

  it('turns Double.MAX_VALUE, infinities and NaN into undefined, and what @stoqey/ib already dropped stays undefined', () => {
    const max = 1.7976931348623157e308;
    expect(optionGreeks(computation(T.MODEL_OPTION, { impliedVol: max, delta: -max, gamma: Number.POSITIVE_INFINITY, vega: Number.NaN, theta: max, optPrice: max, undPrice: max }))).to.deep.equal(NONE);
    expect(optionGreeks(computation(T.MODEL_OPTION, { impliedVol: undefined, delta: undefined }))).to.deep.equal({ ...GREEKS, impliedVol: undefined, delta: undefined });
  });

  it('keeps a real delta of -1 (a deep in-the-money put) and a theta of -1, but no negative volatility', () => {
    expect(optionGreeks(computation(T.MODEL_OPTION, { delta: -1, theta: -1 }))).to.include({ delta: -1, theta: -1 });
    expect(optionGreeks(computation(T.MODEL_OPTION, { impliedVol: -0.5 })).impliedVol).to.equal(undefined);
  });
});

// prettier-ignore
describe('toTicks (option computations)', () => {
  it('makes MODEL_OPTION a greeks tick and DELAYED_MODEL_OPTION a delayed one; drops bid / ask / last computations', marbles((m) => {
    const events = {
      m: computation(T.MODEL_OPTION),
      d: computation(T.DELAYED_MODEL_OPTION, { delta: -2 }),
      b: computation(T.BID_OPTION),
      a: computation(T.ASK_OPTION),
      l: computation(T.DELAYED_LAST_OPTION),
    };
    const source$  = m.hot('-m-b-a-l-d-|', events);
    const expected =       '-M-------D-|';
    m.expect(source$.pipe(toTicks())).toBeObservable(expected, {
      M: tick('greeks', GREEKS, { time: 5 }),
      D: tick('greeks', { ...GREEKS, delta: undefined }, { time: 5, delayed: true }),
    });
  }));
});
