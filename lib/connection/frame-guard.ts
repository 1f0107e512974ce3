import { checkFrameBody, checkPartialBody, isValidPlainBody } from './frame-body.js';
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
 * Offered each complete frame after the handshake, before validation (`data[start, end)` is the
 * body), with the server version the handshake announced: returns `true` when it consumed the
 * frame itself (it is then neither checked by `checkFrameBody` nor handed on), `false` to leave it
 * to the guard. Used for the tick fast path.
 */
export type FrameInterceptor = (data: Buffer, start: number, end: number, serverVersion: number) => boolean;

/** Options of {@link FrameGuard}. */
export interface FrameGuardOptions {
  readonly intercept?: FrameInterceptor;
}

/** Receives runs of consecutive valid frames (length prefixes included) in stream order. */
export type FrameSink = (frames: Buffer, count: number) => void;

/**
 * A byte-level validator for the TWS v100+ frame stream (server → client), run before
 * `@stoqey/ib` sees any byte. It reassembles frames across chunks and passes on only complete
 * frames whose length is within `MIN_FRAME_BYTES .. MAX_FRAME_BYTES` and whose body passes
 * `checkFrameBody` (or that the optional interceptor consumed). The first bad frame poisons the
 * guard: the socket must be dropped (the stream cannot be re-aligned), so nothing after it is
 * passed on. `push` / `feed` never throw by themselves (a throwing sink or interceptor propagates;
 * the guard must then be dropped).
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
  readonly #intercept: FrameInterceptor | undefined;

  constructor(options: FrameGuardOptions = {}) {
    this.#intercept = options.intercept;
  }

  /** The first violation seen, if any. */
  get violation(): FrameViolation | undefined {
    return this.#violation;
  }

  /** Bytes received that do not yet form a complete frame. */
  get pendingBytes(): number {
    return this.#pending.length;
  }

  /** Whether the next frame is the handshake answer (the server version) rather than a message. */
  get handshake(): boolean {
    return this.#handshake;
  }

  /** The server version from the handshake answer (0 until it arrived). */
  get serverVersion(): number {
    return this.#serverVersion;
  }

  /**
   * Feeds one chunk from the socket; returns the complete valid frames it finished that the
   * interceptor did not consume (concatenated; their order relative to consumed ones is lost:
   * use {@link feed} when that matters).
   */
  push(chunk: Uint8Array): FrameGuardResult {
    const runs: Buffer[] = [];
    let count = 0;
    const { violation } = this.feed(chunk, (frames, n) => {
      runs.push(frames);
      count += n;
    });
    const frames = runs.length === 0 ? EMPTY : runs.length === 1 ? (runs[0] as Buffer) : Buffer.concat(runs);
    return { frames, count, violation };
  }

  /**
   * Feeds one chunk from the socket: hands every run of consecutive valid frames the interceptor
   * did not consume to `sink`, in stream order (interleaved with the interceptor's calls). Returns
   * how many complete frames the chunk finished (consumed ones included) and the violation if one
   * was found in it (or earlier).
   */
  feed(chunk: Uint8Array, sink: FrameSink): { readonly frames: number; readonly violation: FrameViolation | undefined } {
    if (this.#violation !== undefined) return { frames: 0, violation: this.#violation };
    const data = this.#pending.length === 0 ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength) : Buffer.concat([this.#pending, chunk]);
    const intercept = this.#intercept;
    let offset = 0;
    let runStart = 0;
    let runCount = 0;
    let frames = 0;
    let violation: FrameViolation | undefined;
    while (data.length - offset >= LENGTH_PREFIX_BYTES) {
      const length = data.readUInt32BE(offset);
      if (length < MIN_FRAME_BYTES || length > MAX_FRAME_BYTES) {
        violation = { reason: 'length-out-of-range', detail: `frame length ${length} outside ${MIN_FRAME_BYTES}..${MAX_FRAME_BYTES}` };
        break;
      }
      const bodyStart = offset + LENGTH_PREFIX_BYTES;
      const bodyEnd = bodyStart + length;
      if (data.length < bodyEnd) {
        const context: FrameBodyContext = { handshake: this.#handshake, serverVersion: this.#serverVersion };
        const prefix = data.subarray(bodyStart);
        violation = checkPartialBody(prefix, context, offset === 0 ? this.#checkedPartial : 0);
        if (violation === undefined) this.#checkedPartial = prefix.length;
        break;
      }
      this.#checkedPartial = 0;
      if (intercept !== undefined && !this.#handshake) {
        if (runCount > 0) {
          sink(data.subarray(runStart, offset), runCount);
          runCount = 0;
        }
        if (intercept(data, bodyStart, bodyEnd, this.#serverVersion)) {
          offset = bodyEnd;
          runStart = offset;
          frames++;
          continue;
        }
        runStart = offset;
      }
      // The plain check decides the common frame without strings; `checkFrameBody` the rest (and says why).
      if (!isValidPlainBody(data, bodyStart, bodyEnd, this)) {
        const body = data.subarray(bodyStart, bodyEnd);
        violation = checkFrameBody(body, this);
        if (violation !== undefined) break;
        if (this.#handshake) {
          this.#handshake = false;
          this.#serverVersion = Number(body.toString('latin1', 0, body.indexOf(0)));
        }
      }
      offset = bodyEnd;
      runCount++;
      frames++;
    }
    if (violation !== undefined) {
      this.#violation = violation;
      this.#pending = EMPTY;
    } else {
      this.#pending = offset === data.length ? EMPTY : Buffer.from(data.subarray(offset));
    }
    if (runCount > 0) sink(data.subarray(runStart, offset), runCount);
    return { frames, violation };
  }
}
