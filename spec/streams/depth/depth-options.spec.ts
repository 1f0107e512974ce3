import { SecType, type Contract } from '@stoqey/ib';
import { expect } from 'chai';
import { InvalidInputError, UnknownOptionError } from '../../../lib/errors.js';
import { checkDepthOptions, DEFAULT_DEPTH_ROWS } from '../../../lib/streams/depth/depth-options.js';

const SMART: Contract = { symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
const ISLAND: Contract = { ...SMART, exchange: 'ISLAND' };

describe('checkDepthOptions', () => {
  it('fills the defaults: 10 rows, smart depth for a SMART-routed contract only', () => {
    expect(checkDepthOptions(undefined, SMART)).to.deep.equal({ rows: DEFAULT_DEPTH_ROWS, smart: true });
    expect(checkDepthOptions({}, ISLAND)).to.deep.equal({ rows: DEFAULT_DEPTH_ROWS, smart: false });
    expect(checkDepthOptions({ rows: 5, smart: true }, ISLAND)).to.deep.equal({ rows: 5, smart: true });
  });

  it('refuses a misspelt key (row for rows) with UnknownOptionError instead of ignoring it', () => {
    expect(() => checkDepthOptions({ row: 5 } as never, SMART)).to.throw(UnknownOptionError, 'unknown option "row" of depth$ (did you mean "rows"?); known options: rows, smart');
    expect(() => checkDepthOptions({ rows: 5, isSmartDepth: true } as never, SMART)).to.throw(UnknownOptionError, /unknown option "isSmartDepth" of depth\$/);
  });

  it('names rows, smart or options when their value is wrong', () => {
    expect(() => checkDepthOptions({ rows: 0 }, SMART)).to.throw(InvalidInputError, /^invalid rows/);
    expect(() => checkDepthOptions({ smart: 'yes' } as never, SMART)).to.throw(InvalidInputError, /^invalid smart/);
    expect(() => checkDepthOptions(5 as never, SMART)).to.throw(InvalidInputError, /^invalid options/);
  });
});
