import { expect } from 'chai';
import { FrameReader, FramingError } from '../../lib/sim/frame-reader.js';

const frame = (...fields: string[]): Buffer => {
  const body = Buffer.from(fields.map((f) => `${f}\0`).join(''));
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  return Buffer.concat([head, body]);
};
const hello = (text: string): Buffer => {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(text.length);
  return Buffer.concat([Buffer.from('API\0'), head, Buffer.from(text)]);
};

describe('FrameReader', () => {
  it('reads the hello, then messages of NUL-terminated fields (an empty last field kept)', () => {
    const reader = new FrameReader();
    const frames = reader.push(Buffer.concat([hello('v100..193'), frame('71', '2', '0', '')]));
    expect(frames).to.deep.equal([
      { kind: 'hello', versionText: 'v100..193' },
      { kind: 'message', fields: ['71', '2', '0', ''] },
    ]);
  });

  it('handles messages split across chunks and several in one chunk', () => {
    const reader = new FrameReader();
    const bytes = Buffer.concat([hello('v100..193'), frame('49', '1'), frame('2', '1', '7')]);
    const got = [];
    for (let i = 0; i < bytes.length; i += 3) got.push(...reader.push(bytes.subarray(i, i + 3)));
    expect(got.map((f) => (f.kind === 'message' ? f.fields.join('|') : f.versionText))).to.deep.equal(['v100..193', '49|1', '2|1|7']);
  });

  it('returns nothing until a frame is complete', () => {
    const reader = new FrameReader();
    expect(reader.push(Buffer.from('AP'))).to.deep.equal([]);
    expect(reader.push(Buffer.from('I\0'))).to.deep.equal([]);
  });

  it('rejects a stream that does not start with API\\0 and absurd lengths', () => {
    expect(() => new FrameReader().push(Buffer.from('GET / HTTP/1.1\r\n'))).to.throw(FramingError);
    const reader = new FrameReader();
    reader.push(hello('v100..193'));
    expect(() => reader.push(Buffer.from([0x7f, 0, 0, 0]))).to.throw(FramingError, /exceeds/);
  });
});
