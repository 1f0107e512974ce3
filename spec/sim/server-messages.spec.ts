import { expect } from 'chai';
import { errorMsg, priceText, tickPriceMsg } from '../../lib/sim/server-messages.js';
import { frameBody } from '../../lib/sim/frame.js';

describe('errorMsg', () => {
  const NOW = 1_775_425_766_350;

  it('uses 4|2|id|code|msg below 166', () => {
    expect(errorMsg(165, -1, 2104, 'Market data farm connection is OK:usfarm', NOW)).to.deep.equal([4, 2, -1, 2104, 'Market data farm connection is OK:usfarm']);
  });

  it('adds the advanced-order-reject JSON field from 166 to 193', () => {
    expect(errorMsg(193, 7, 200, 'No security definition has been found for the request', NOW)).to.deep.equal([4, 2, 7, 200, 'No security definition has been found for the request', '']);
  });

  it('drops the version field and adds the error time from 194 (ERROR_TIME)', () => {
    expect(errorMsg(200, -1, 2104, 'ok', NOW)).to.deep.equal([4, -1, 2104, 'ok', '', NOW]);
  });

  it('escapes non-ASCII text as \\uXXXX from 153', () => {
    expect(errorMsg(153, 1, 1, 'Zürich', NOW)[4]).to.equal('Z\\u00fcrich');
    expect(errorMsg(152, 1, 1, 'Zürich', NOW)[4]).to.equal('Zürich');
  });
});

describe('tickPriceMsg', () => {
  it('is 1|6|reqId|tickType|price|size|attrMask with every field NUL-terminated', () => {
    expect(frameBody(tickPriceMsg(9000, 4, 202.55, 2))).to.equal('1\x006\x009000\x004\x00202.55\x002\x000\x00');
  });

  it('writes prices as short decimals', () => {
    expect(priceText(189.5)).to.equal('189.5');
    expect(priceText(0.1 + 0.2)).to.equal('0.3');
  });
});
