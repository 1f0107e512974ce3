import { expect } from 'chai';
import { checkOptionKeys, closestName } from '../../lib/config/known-keys.js';
import { InvalidInputError, UnknownOptionError } from '../../lib/errors.js';

const HISTORY = ['duration', 'barSize', 'whatToShow', 'useRTH', 'end'];
const TYPES = ['Last', 'AllLast', 'BidAsk', 'MidPoint'];

describe('closestName', () => {
  it('finds the name a typo is close to: another case, a few edits, a swapped pair, a part of it', () => {
    expect(closestName('row', ['rows', 'smart'])).to.equal('rows');
    expect(closestName('last', TYPES)).to.equal('Last');
    expect(closestName('userth', HISTORY)).to.equal('useRTH');
    expect(closestName('durtaion', HISTORY)).to.equal('duration');
    expect(closestName('bar_size', HISTORY)).to.equal('barSize');
    expect(closestName('marketdata', ['api', 'market_data', 'reconnect', 'limits', 'monitoring'])).to.equal('market_data');
    expect(closestName('what', HISTORY)).to.equal('whatToShow');
    expect(closestName('timeout', ['dataType', 'genericTicks', 'timeoutMs'])).to.equal('timeoutMs');
  });

  it('suggests nothing when no name is close, when two are equally close, or for one or two letters', () => {
    expect(closestName('colour', ['tws_endpoint', 'port', 'client_id'])).to.equal(undefined);
    expect(closestName('Trades', TYPES)).to.equal(undefined);
    expect(closestName('ab', ['ax', 'ay'])).to.equal(undefined);
    expect(closestName('x', ['y'])).to.equal(undefined);
    expect(closestName('row', [])).to.equal(undefined);
  });
});

describe('checkOptionKeys', () => {
  it('passes known keys, an empty object and no options at all', () => {
    expect(() => { checkOptionKeys({ rows: 5, smart: true }, ['rows', 'smart'], 'depth$'); }).to.not.throw();
    expect(() => { checkOptionKeys({}, ['rows', 'smart'], 'depth$'); }).to.not.throw();
    expect(() => { checkOptionKeys(undefined, ['rows', 'smart'], 'depth$'); }).to.not.throw();
  });

  it('names an unknown key, its call, the known options and the close one', () => {
    let error: unknown;
    try {
      checkOptionKeys({ rows: 5, row: 3 }, ['rows', 'smart'], 'depth$');
    } catch (e: unknown) {
      error = e;
    }
    expect(error).to.be.instanceOf(UnknownOptionError).and.instanceOf(InvalidInputError);
    expect(error).to.deep.include({ name: 'UnknownOptionError', field: 'row', value: 3, call: 'depth$', known: ['rows', 'smart'], suggestion: 'rows' });
    expect((error as Error).message).to.equal('unknown option "row" of depth$ (did you mean "rows"?); known options: rows, smart');
  });

  it('compares keys exactly: another case is another key (suggested)', () => {
    expect(() => { checkOptionKeys({ Rows: 5 }, ['rows', 'smart'], 'depth$'); }).to.throw(UnknownOptionError, /unknown option "Rows" of depth\$ \(did you mean "rows"\?\)/);
  });

  it('names an unknown key with an undefined value too, and has no suggestion when nothing is close', () => {
    expect(() => { checkOptionKeys({ colour: undefined }, ['rows', 'smart'], 'depth$'); })
      .to.throw(UnknownOptionError, /^unknown option "colour" of depth\$; known options: rows, smart$/);
  });

  it('refuses options that are not an object with InvalidInputError naming options', () => {
    for (const bad of [null, 'rows', 5, [1]]) {
      expect(() => { checkOptionKeys(bad, ['rows', 'smart'], 'depth$'); }, String(bad))
        .to.throw(InvalidInputError, /^invalid options: expected an object of options of depth\$ \{ rows\?, smart\? \}/);
    }
  });
});
