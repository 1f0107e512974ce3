import { LENGTH_PREFIX_BYTES } from './frame.js';

/** What the reader found in the client's byte stream. */
export type ClientFrame =
  | { readonly kind: 'hello'; readonly versionText: string }
  | { readonly kind: 'message'; readonly fields: readonly string[] };

/** The client broke the framing: the connection cannot continue. */
export class FramingError extends Error {
  override readonly name = 'FramingError';
}

const API_PREFIX = Buffer.from('API\0', 'latin1');
/** Client messages are small; anything above this is corruption. */
const MAX_CLIENT_MESSAGE_BYTES = 1 << 20;

/**
 * Incremental reader for the client side of a connection: first `API\0` + a length-prefixed
 * version range, then length-prefixed messages of NUL-terminated fields. Chunks may split or
 * join messages anywhere; `push` returns every complete frame.
 */
export class FrameReader {
  private buffer: Buffer = Buffer.alloc(0);
  private helloSeen = false;

  push(chunk: Buffer): ClientFrame[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const frames: ClientFrame[] = [];
    for (;;) {
      if (!this.helloSeen) {
        if (this.buffer.length < API_PREFIX.length) return frames;
        if (!this.buffer.subarray(0, API_PREFIX.length).equals(API_PREFIX)) {
          throw new FramingError('connection does not start with API\\0');
        }
        const body = this.takeFrame(API_PREFIX.length);
        if (body === undefined) return frames;
        this.helloSeen = true;
        frames.push({ kind: 'hello', versionText: body.toString('utf8').replace(/\0+$/, '') });
        continue;
      }
      const body = this.takeFrame(0);
      if (body === undefined) return frames;
      const fields = body.toString('utf8').split('\0');
      if (fields.at(-1) === '') fields.pop();
      frames.push({ kind: 'message', fields });
    }
  }

  /** The body of the length-prefixed frame at `offset`, or undefined while incomplete. */
  private takeFrame(offset: number): Buffer | undefined {
    if (this.buffer.length < offset + LENGTH_PREFIX_BYTES) return undefined;
    const length = this.buffer.readUInt32BE(offset);
    if (length > MAX_CLIENT_MESSAGE_BYTES) {
      throw new FramingError(`client frame length ${length} exceeds ${MAX_CLIENT_MESSAGE_BYTES}`);
    }
    const start = offset + LENGTH_PREFIX_BYTES;
    if (this.buffer.length < start + length) return undefined;
    const body = this.buffer.subarray(start, start + length);
    this.buffer = this.buffer.subarray(start + length);
    return body;
  }
}
