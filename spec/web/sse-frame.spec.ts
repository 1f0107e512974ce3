import { expect } from 'chai';
import { sseComment, sseFrame, sseOpening } from '../../lib/web/sse-frame.js';

describe('sseFrame', () => {
  it('frames one message as an event line, one data line of JSON and a blank line', () => {
    expect(sseFrame({ event: 'quote', key: 'quote:AAPL', data: { symbol: 'AAPL', last: 187.1 } }))
      .to.equal('event: quote\ndata: {"symbol":"AAPL","last":187.1}\n\n');
  });

  it('keeps line breaks in the data inside the one data line (JSON escapes them)', () => {
    const frame = sseFrame({ event: 'quote', key: 'k', data: { error: 'line 1\nline 2\r\n\n' } });
    expect(frame.split('\n')).to.deep.equal(['event: quote', 'data: {"error":"line 1\\nline 2\\r\\n\\n"}', '', '']);
    expect(JSON.parse(frame.split('\n')[1]!.slice('data: '.length))).to.deep.equal({ error: 'line 1\nline 2\r\n\n' });
  });

  it('sends undefined data as null', () => {
    expect(sseFrame({ event: 'x', key: 'x', data: undefined })).to.equal('event: x\ndata: null\n\n');
  });

  it('refuses an event name that would break the framing', () => {
    for (const event of ['', 'a b', 'quote\ndata: x', 'a:b']) {
      expect(() => sseFrame({ event, key: 'k', data: 1 }), JSON.stringify(event)).to.throw(RangeError, /SSE event name/);
    }
  });
});

describe('sseComment and sseOpening', () => {
  it('a comment is one line, whatever the text', () => {
    expect(sseComment('ping\nevent: fake')).to.equal(': ping event: fake\n\n');
  });

  it('the opening sets the reconnect delay', () => {
    expect(sseOpening(2000)).to.equal('retry: 2000\n: ib-rx\n\n');
  });
});
