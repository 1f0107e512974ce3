import { expect } from 'chai';
import { applyComputationMode, DOUBLE_MAX_TEXT, tickOptionComputationMsg, type OptionComputation } from '../../lib/sim/option-computation.js';

const COMPUTED: OptionComputation = {
  impliedVol: 0.27, delta: -0.46, optPrice: 4.91, pvDividend: 0.05, gamma: 0.03, vega: 0.19, theta: -0.15, undPrice: 230.33, notComputedAs: 'ib',
};
const MODEL_OPTION = 13;

describe('tickOptionComputationMsg', () => {
  it('from server 156: 21|reqId|tickType|tickAttrib|impliedVol|delta|optPrice|pvDividend|gamma|vega|theta|undPrice', () => {
    expect(tickOptionComputationMsg(193, 7, MODEL_OPTION, COMPUTED)).to.deep.equal([21, 7, 13, 0, 0.27, -0.46, 4.91, 0.05, 0.03, 0.19, -0.15, 230.33]);
  });

  it('before 156: the message version 6 instead of tickAttrib', () => {
    expect(tickOptionComputationMsg(155, 7, MODEL_OPTION, COMPUTED)).to.deep.equal([21, 6, 7, 13, 0.27, -0.46, 4.91, 0.05, 0.03, 0.19, -0.15, 230.33]);
  });

  it('writes IB\'s "not computed" values: -1 for volatility and prices, -2 for the greeks', () => {
    const partial: OptionComputation = { ...COMPUTED, impliedVol: undefined, delta: undefined, gamma: undefined, vega: undefined, theta: undefined };
    expect(tickOptionComputationMsg(193, 7, 10, partial)).to.deep.equal([21, 7, 10, 0, -1, -2, 4.91, 0.05, -2, -2, -2, 230.33]);
    const nothing = applyComputationMode(COMPUTED, 'not-computed', 0);
    expect(tickOptionComputationMsg(193, 7, MODEL_OPTION, nothing).slice(4)).to.deep.equal([-1, -2, -1, -1, -2, -2, -2, -1]);
  });

  it('writes Double.MAX_VALUE in the max-value mode', () => {
    const max = applyComputationMode(COMPUTED, 'max-value', 0);
    expect(tickOptionComputationMsg(193, 7, MODEL_OPTION, max).slice(4)).to.deep.equal(Array<string>(8).fill(DOUBLE_MAX_TEXT));
    expect(DOUBLE_MAX_TEXT).to.equal(String(Number.MAX_VALUE).replace('e+', 'E'));
  });
});

describe('applyComputationMode', () => {
  it('keeps computed values, and makes every other one "not computed" in the alternate mode', () => {
    expect(applyComputationMode(COMPUTED, 'computed', 1)).to.equal(COMPUTED);
    expect(applyComputationMode(COMPUTED, 'alternate', 0)).to.equal(COMPUTED);
    expect(applyComputationMode(COMPUTED, 'alternate', 1).delta).to.equal(undefined);
  });
});
