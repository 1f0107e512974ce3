import { expect } from 'chai';
import type { SecDefOptParamsEvent } from '../../lib/connection/ib-event.js';
import { sortChains, toOptionChain } from '../../lib/contracts/option-chain.js';
import { chainRow } from './fake-one-shot-context.js';

describe('toOptionChain / sortChains', () => {
  it('sorts expirations and strikes ascending, without duplicates, and reads the multiplier', () => {
    const chain = toOptionChain(chainRow(1, 'CBOE', ['20991218', '20990115', '20991218'], [250, 230, 240.5, 230]) as SecDefOptParamsEvent);
    expect(chain).to.deep.equal({ exchange: 'CBOE', underlyingConId: 265598, tradingClass: 'AAPL', multiplier: 100, expirations: ['20990115', '20991218'], strikes: [230, 240.5, 250] });
  });

  it('leaves out a missing or zero multiplier', () => {
    const row = { ...(chainRow(1, 'CBOE', [], []) as SecDefOptParamsEvent), multiplier: '' };
    expect(toOptionChain(row).multiplier).to.equal(undefined);
  });

  it('orders chains by exchange, then trading class', () => {
    const chains = [chainRow(1, 'SMART', [], [], 'AAPL'), chainRow(1, 'CBOE', [], [], 'AAPL7'), chainRow(1, 'CBOE', [], [], 'AAPL')].map((e) => toOptionChain(e as SecDefOptParamsEvent));
    expect(sortChains(chains).map((c) => `${c.exchange}/${c.tradingClass}`)).to.deep.equal(['CBOE/AAPL', 'CBOE/AAPL7', 'SMART/AAPL']);
  });
});
