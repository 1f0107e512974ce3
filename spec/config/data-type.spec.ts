import { expect } from 'chai';
import { DATA_TYPE_IDS, DATA_TYPES, dataTypeFromId } from '../../lib/config/index.js';

describe('dataTypeFromId', () => {
  it('maps TWS ids 1..4 to realtime, frozen, delayed, delayed-frozen', () => {
    expect([1, 2, 3, 4].map(dataTypeFromId)).to.deep.equal(['realtime', 'frozen', 'delayed', 'delayed-frozen']);
  });

  it('is the inverse of DATA_TYPE_IDS', () => {
    for (const name of DATA_TYPES) expect(dataTypeFromId(DATA_TYPE_IDS[name])).to.equal(name);
  });

  it('returns undefined for an unknown id', () => {
    expect(dataTypeFromId(0)).to.be.undefined;
    expect(dataTypeFromId(5)).to.be.undefined;
  });
});
