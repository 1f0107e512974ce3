import { expect } from 'chai';
import { classifyIbCode, IbCode } from '../../lib/ib-codes.js';
import { isUnknownMessageError, unknownMessageNotice } from '../../lib/connection/unknown-message.js';
import type { ErrorEvent } from '../../lib/connection/ib-event.js';

const error = (message: string, code: number = IbCode.UNKNOWN_ID, reqId = -1): ErrorEvent => ({
  type: 'error', reqId, code, message, info: classifyIbCode(code, reqId), time: 5,
});

describe('isUnknownMessageError', () => {
  it("recognizes the client's texts for a message id it cannot decode", () => {
    expect(isUnknownMessageError(error('No parser implementation found for token: undefined (999).'))).to.equal(true);
    expect(isUnknownMessageError(error('Decoding error on undefined: unprocessed data left on queue (["1"]).'))).to.equal(true);
  });

  it('leaves other decoder errors and other codes alone', () => {
    expect(isUnknownMessageError(error('Underrun error on CONTRACT_DATA: End of message reached.'))).to.equal(false);
    expect(isUnknownMessageError(error('No parser implementation found for token', IbCode.CONNECT_FAIL))).to.equal(false);
  });
});

describe('unknownMessageNotice', () => {
  it('turns the error into an advisory notice with no action', () => {
    const notice = unknownMessageNotice(error('No parser implementation found for token: undefined (999).'));
    expect(notice).to.deep.include({ type: 'notice', code: IbCode.UNKNOWN_ID, time: 5 });
    expect(notice.info).to.include({ kind: 'advisory', action: 'none' });
  });
});
