import { expect } from 'chai';
import { buildContractUniverse } from '../../lib/sim/contract-universe.js';
import { contractDetailsMsg } from '../../lib/sim/contract-details-message.js';
import { secDefOptParamEndMsg, secDefOptParamMsg, symbolSamplesMsg } from '../../lib/sim/contract-messages.js';

const TODAY = new Date(Date.UTC(2025, 11, 1));
const universe = buildContractUniverse({ today: TODAY });
const aapl = universe.get(265598)!;

describe('symbolSamplesMsg', () => {
  it('is 79|reqId|n|(conId|symbol|secType|primaryExch|currency|nDerivatives|derivative…)×n below 176', () => {
    expect(symbolSamplesMsg(175, 3, [{ contract: aapl, derivativeSecTypes: ['OPT'] }])).to.deep.equal([79, 3, 1, 265598, 'AAPL', 'STK', 'NASDAQ', 'USD', 1, 'OPT']);
  });

  it('adds description (the long name) and issuer id from 176 (BOND_ISSUERID)', () => {
    expect(symbolSamplesMsg(176, 3, [{ contract: aapl, derivativeSecTypes: [] }])).to.deep.equal([79, 3, 1, 265598, 'AAPL', 'STK', 'NASDAQ', 'USD', 0, 'APPLE INC', '']);
    expect(symbolSamplesMsg(193, 4, [])).to.deep.equal([79, 4, 0]);
  });
});

describe('secDefOptParamMsg', () => {
  it('is 75|reqId|exchange|underlyingConId|tradingClass|multiplier|nExp|exp…|nStrikes|strike… and 76|reqId, without version fields', () => {
    const [row] = universe.optionParams(265598);
    const msg = secDefOptParamMsg(9, row!);
    expect(msg.slice(0, 7)).to.deep.equal([75, 9, 'SMART', 265598, 'AAPL', '100', 3]);
    expect(msg.slice(7, 10)).to.deep.equal(['20251219', '20260116', '20260220']);
    expect(msg.slice(10)).to.deep.equal([9, 210, 215, 220, 225, 230, 235, 240, 245, 250]);
    expect(secDefOptParamEndMsg(9)).to.deep.equal([76, 9]);
  });
});

describe('contractDetailsMsg', () => {
  const option = universe.contracts.find((c) => c.localSymbol === 'AAPL  260116C00230000')!;

  it('carries the derivative fields: expiry (twice from 182), strike, right, multiplier, underlying, real expiration', () => {
    const f = contractDetailsMsg(193, 5, option, 'SMART', TODAY);
    expect(f.slice(0, 16)).to.deep.equal([10, 5, 'AAPL', 'OPT', '20260116', '20260116', 230, 'C', 'SMART', 'USD', 'AAPL  260116C00230000', 'AAPL', 'AAPL', option.conId, 0.01, '100']);
    expect(f).to.include.members([265598, 'APPLE INC', '202601', 'STK']);
  });

  it('has as many fields as the client reads at each gated version', () => {
    // Counted from @stoqey/ib's decodeMsg_CONTRACT_DATA for a contract without sec ids.
    const expected: Record<number, number> = { 100: 32, 110: 33, 121: 34, 122: 36, 126: 37, 134: 38, 152: 39, 163: 40, 164: 40, 182: 41, 186: 42 };
    for (const [version, count] of Object.entries(expected)) {
      expect(contractDetailsMsg(Number(version), 1, option, 'SMART', TODAY), `version ${version}`).to.have.length(count);
    }
  });
});
