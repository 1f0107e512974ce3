import { expect } from 'chai';
import { fallbackChain } from '../../lib/requests/fallback-chain.js';

describe('fallbackChain', () => {
  it('tries delayed, then delayed-frozen after a realtime or frozen request', () => {
    expect(fallbackChain('realtime')).to.deep.equal(['realtime', 'delayed', 'delayed-frozen']);
    expect(fallbackChain('frozen')).to.deep.equal(['frozen', 'delayed', 'delayed-frozen']);
  });

  it('only goes further down from a delayed request', () => {
    expect(fallbackChain('delayed')).to.deep.equal(['delayed', 'delayed-frozen']);
    expect(fallbackChain('delayed-frozen')).to.deep.equal(['delayed-frozen']);
  });
});
