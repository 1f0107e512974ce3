import { expect } from 'chai';
import { FieldCounts } from '../../lib/monitoring/field-counts.js';

describe('FieldCounts', () => {
  it('is empty before any tick', () => {
    expect(new FieldCounts().toRecord()).to.deep.equal({});
  });

  it('counts each field it saw, and lists only those', () => {
    const counts = new FieldCounts();
    for (const field of ['bid', 'ask', 'bid', 'volume', 'lastTimestamp', 'halted', 'bid'] as const) counts.add(field);
    expect(counts.toRecord()).to.deep.equal({ bid: 3, ask: 1, volume: 1, lastTimestamp: 1, halted: 1 });
  });

  it('counts every field of a stock feed in its own slot', () => {
    const fields = ['bid', 'ask', 'last', 'high', 'low', 'close', 'open', 'bidSize', 'askSize', 'lastSize', 'volume', 'lastTimestamp', 'halted'] as const;
    const counts = new FieldCounts();
    fields.forEach((field, i) => { for (let n = 0; n <= i; n++) counts.add(field); });
    expect(counts.toRecord()).to.deep.equal(Object.fromEntries(fields.map((field, i) => [field, i + 1])));
  });
});
