import { expect } from 'chai';
import { FrameGuard, MAX_FRAME_BYTES } from '../../lib/connection/frame-guard.js';
import { frame, rawFrame, serverVersionFrame, tickPriceFrame, nextValidIdFrame } from './frames.js';

function started(): FrameGuard {
  const guard = new FrameGuard();
  guard.push(serverVersionFrame());
  return guard;
}

describe('FrameGuard', () => {
  it('passes complete valid frames through unchanged and learns the server version', () => {
    const guard = new FrameGuard();
    const bytes = Buffer.concat([serverVersionFrame(), nextValidIdFrame(), tickPriceFrame(1, 101.5)]);
    const result = guard.push(bytes);
    expect(result.violation).to.equal(undefined);
    expect(result.count).to.equal(3);
    expect(result.frames.equals(bytes)).to.equal(true);
    expect(guard.serverVersion).to.equal(193);
  });

  it('reassembles frames split across chunks at every byte position', () => {
    const bytes = Buffer.concat([serverVersionFrame(), tickPriceFrame(7, 1.25), tickPriceFrame(8, 2)]);
    for (let cut = 1; cut < bytes.length; cut++) {
      const guard = new FrameGuard();
      const a = guard.push(bytes.subarray(0, cut));
      const b = guard.push(bytes.subarray(cut));
      expect(a.violation ?? b.violation).to.equal(undefined);
      expect(a.count + b.count).to.equal(3);
      expect(Buffer.concat([a.frames, b.frames]).equals(bytes)).to.equal(true);
    }
  });

  it('rejects a length with the high bit set before anything reaches the client', () => {
    const guard = started();
    const result = guard.push(Buffer.concat([tickPriceFrame(1, 1), Buffer.from([0x80, 0, 0, 0, 0x31, 0])]));
    expect(result.count).to.equal(1);
    expect(result.violation?.reason).to.equal('length-out-of-range');
  });

  it('rejects an oversized and a too-short length', () => {
    expect(started().push(rawFrame(MAX_FRAME_BYTES + 1, Buffer.from('1\0'))).violation?.reason).to.equal('length-out-of-range');
    expect(started().push(rawFrame(2, Buffer.from('1\0'))).violation?.reason).to.equal('length-out-of-range');
  });

  it('rejects a body without the final NUL', () => {
    expect(started().push(rawFrame(5, Buffer.from('1\0ab\x31'))).violation?.reason).to.equal('unterminated');
  });

  it('rejects non-numeric fields in market-data messages', () => {
    expect(started().push(tickPriceFrame(1, 'abc')).violation?.reason).to.equal('bad-field');
    expect(started().push(frame(2, 6, 'x', 8, 100)).violation?.reason).to.equal('bad-field');
  });

  it('rejects a market-data message with the wrong field count', () => {
    expect(started().push(frame(1, 6, 1, 4, 1.5, 100, 0, 'extra')).violation?.reason).to.equal('field-count');
    expect(started().push(frame(2, 6, 1, 8)).violation?.reason).to.equal('field-count');
  });

  it('rejects a truncated frame that swallowed the next frame (its length prefix is in the body)', () => {
    const next = tickPriceFrame(1, 2);
    const truncated = Buffer.from('1\x006\x001\x004\x00');
    const body = Buffer.concat([truncated, next]);
    expect(started().push(rawFrame(body.length, body)).violation?.reason).to.equal('bad-text');
  });

  it('rejects control bytes and invalid UTF-8', () => {
    expect(started().push(frame(99, '\x01')).violation?.reason).to.equal('bad-text');
    expect(started().push(rawFrame(4, Buffer.from([0x35, 0, 0xff, 0]))).violation?.reason).to.equal('bad-text');
  });

  it('rejects a non-numeric message id and server version', () => {
    expect(started().push(frame('x1', 1)).violation?.reason).to.equal('bad-message-id');
    expect(new FrameGuard().push(frame('abc', 'time')).violation?.reason).to.equal('bad-message-id');
  });

  it('lets an unknown message id through (the client reports it; no reconnect)', () => {
    const result = started().push(frame(999, 1, 'new'));
    expect(result.violation).to.equal(undefined);
    expect(result.count).to.equal(1);
  });

  it('rejects a misaligned partial frame at once instead of waiting for its bogus length', () => {
    const guard = started();
    const result = guard.push(rawFrame(3_000_000, Buffer.from('abc')));
    expect(result.violation?.reason).to.equal('bad-message-id');
    expect(guard.pendingBytes).to.equal(0);
  });

  it('rejects a bogus large length once a swallowed frame shows its length prefix', () => {
    const guard = started();
    expect(guard.push(rawFrame(0xfffff0, Buffer.from('1\0'))).violation).to.equal(undefined);
    const result = guard.push(tickPriceFrame(4, 101.25));
    expect(result.violation?.reason).to.equal('bad-text');
    expect(result.count).to.equal(0);
  });

  it('keeps a plausible partial frame pending', () => {
    const guard = started();
    const whole = tickPriceFrame(1, 3);
    expect(guard.push(whole.subarray(0, 9)).count).to.equal(0);
    expect(guard.pendingBytes).to.equal(9);
    expect(guard.push(whole.subarray(9)).count).to.equal(1);
  });

  it('passes nothing after the first violation', () => {
    const guard = started();
    guard.push(Buffer.from([0x80, 0, 0, 0]));
    const after = guard.push(tickPriceFrame(1, 1));
    expect(after.count).to.equal(0);
    expect(after.violation?.reason).to.equal('length-out-of-range');
  });

  it('checks the error message layout of the negotiated version', () => {
    const v193 = started();
    expect(v193.push(frame(4, 2, -1, 2104, 'Market data farm connection is OK:usfarm', '')).violation).to.equal(undefined);
    const v200 = new FrameGuard();
    v200.push(frame(200, 'now'));
    expect(v200.push(frame(4, -1, 2104, 'ok', '', 1775425766350)).violation).to.equal(undefined);
    expect(v200.push(frame(4, 'x', 2104, 'ok', '', 1)).violation?.reason).to.equal('bad-field');
  });
  it('hands the frames an interceptor leaves to the sink in stream order around the consumed ones, at every chunk cut', () => {
    const ticks = [tickPriceFrame(1, 1), tickPriceFrame(1, 2)];
    const before = [serverVersionFrame(), nextValidIdFrame(), frame(58, 1, 1, 3)];
    const after = frame(2, 6, 1, 8, 10);
    const bytes = Buffer.concat([...before, ...ticks, after]);
    for (let cut = 1; cut < bytes.length; cut++) {
      const seen: { who: 'client' | 'tick'; bytes: Buffer; count: number }[] = [];
      const guard = new FrameGuard({
        intercept: (data, start, end) => {
          const isTick = data[start] === 0x31 && data[start + 1] === 0; // message id 1
          if (isTick) seen.push({ who: 'tick', bytes: Buffer.from(data.subarray(start - 4, end)), count: 1 });
          return isTick;
        },
      });
      const sink = (frames: Buffer, count: number): void => {
        const last = seen.at(-1);
        if (last?.who === 'client') seen[seen.length - 1] = { who: 'client', bytes: Buffer.concat([last.bytes, frames]), count: last.count + count };
        else seen.push({ who: 'client', bytes: Buffer.from(frames), count });
      };
      const a = guard.feed(bytes.subarray(0, cut), sink);
      const b = guard.feed(bytes.subarray(cut), sink);
      expect(a.violation ?? b.violation).to.equal(undefined);
      expect(a.frames + b.frames).to.equal(6);
      expect(seen.map((s) => [s.who, s.count, s.bytes.toString('hex')])).to.deep.equal([
        ['client', 3, Buffer.concat(before).toString('hex')],
        ['tick', 1, ticks[0]?.toString('hex')],
        ['tick', 1, ticks[1]?.toString('hex')],
        ['client', 1, after.toString('hex')],
      ]);
    }
  });
});
