import { checkFrameBody, checkPartialBody } from './frame-body.js';
import type { FrameBodyContext, FrameViolation } from './frame-body.js';

export type { FrameViolation, FrameViolationReason } from './frame-body.js';

/** Bytes of the big-endian length prefix of every v100+ frame. */
const LENGTH_PREFIX_BYTES = 4;
/** Shortest possible body: two one-character fields (`9\0` + `1\0`). */
export const MIN_FRAME_BYTES = 4;
/** Longest accepted body: `@stoqey/ib`'s own limit (MAX_V100_MESSAGE_LENGTH, 16 MiB − 1). */
export const MAX_FRAME_BYTES = 0xffffff;

/** What one {@link FrameGuard.push} let through. */
export interface FrameGuardResult {
  /** The complete, validated frames of this push (length prefixes included), concatenated. */
  readonly frames: Buffer;
  /** How many frames `frames` holds. */
  readonly count: number;
  /** Set when a frame was rejected; the guard then passes nothing more, ever. */
  readonly violation: FrameViolation | undefined;
}

const EMPTY = Buffer.alloc(0);

/**
 * A byte-level validator for the TWS v100+ frame stream (server → client), run before
 * `@stoqey/ib` sees any byte. It reassembles frames across chunks and passes on only complete
 * frames whose length is within `MIN_FRAME_BYTES .. MAX_FRAME_BYTES` and whose body passes
 * `checkFrameBody`. The first bad frame poisons the guard: the socket must be dropped (the stream
 * cannot be re-aligned), so nothing after it is passed on. `push` never throws.
 *
 * ```text
 * bytes:   [len|body][len|bo  dy][80 00 00 00 …]
 * push:    frames=1  frames=1    violation 'length-out-of-range'
 * ```
 */
export class FrameGuard {
  #pending: Buffer = EMPTY;
  #violation: FrameViolation | undefined;
  #handshake = true;
  #serverVersion = 0;
  /** Body bytes of the pending frame already checked by `checkPartialBody`. */
  #checkedPartial = 0;

  /** The first violation seen, if any. */
  get violation(): FrameViolation | undefined {
    return this.#violation;
  }

  /** Bytes received that do not yet form a complete frame. */
  get pendingBytes(): number {
    return this.#pending.length;
  }

  /** The server version from the handshake answer (0 until it arrived). */
  get serverVersion(): number {
    return this.#serverVersion;
  }

  /** Feeds one chunk from the socket; returns the complete valid frames it finished. */
  push(chunk: Uint8Array): FrameGuardResult {
    if (this.#violation !== undefined) return { frames: EMPTY, count: 0, violation: this.#violation };
    const data = this.#pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.#pending, chunk]);
    let offset = 0;
    let count = 0;
    while (data.length - offset >= LENGTH_PREFIX_BYTES) {
      const length = data.readUInt32BE(offset);
      if (length < MIN_FRAME_BYTES || length > MAX_FRAME_BYTES) {
        return this.#reject(data, offset, count, {
          reason: 'length-out-of-range',
          detail: `frame length ${length} outside ${MIN_FRAME_BYTES}..${MAX_FRAME_BYTES}`,
        });
      }
      const bodyStart = offset + LENGTH_PREFIX_BYTES;
      const context: FrameBodyContext = { handshake: this.#handshake, serverVersion: this.#serverVersion };
      if (data.length - bodyStart < length) {
        const prefix = data.subarray(bodyStart);
        const partial = checkPartialBody(prefix, context, offset === 0 ? this.#checkedPartial : 0);
        if (partial !== undefined) return this.#reject(data, offset, count, partial);
        this.#checkedPartial = prefix.length;
        break;
      }
      const body = data.subarray(bodyStart, bodyStart + length);
      const problem = checkFrameBody(body, context);
      if (problem !== undefined) return this.#reject(data, offset, count, problem);
      if (this.#handshake) {
        this.#handshake = false;
        this.#serverVersion = Number(body.toString('latin1', 0, body.indexOf(0)));
      }
      offset = bodyStart + length;
      count++;
      this.#checkedPartial = 0;
    }
    this.#pending = offset === data.length ? EMPTY : Buffer.from(data.subarray(offset));
    return { frames: count === 0 ? EMPTY : data.subarray(0, offset), count, violation: undefined };
  }

  #reject(data: Buffer, validEnd: number, count: number, violation: FrameViolation): FrameGuardResult {
    this.#violation = violation;
    this.#pending = EMPTY;
    return { frames: count === 0 ? EMPTY : data.subarray(0, validEnd), count, violation };
  }
}
