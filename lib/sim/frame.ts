import type { Field } from './field.js';

export type { Field } from './field.js';

/** Bytes of the big-endian length prefix in front of every v100+ message. */
export const LENGTH_PREFIX_BYTES = 4;

/**
 * The body of one message: every field followed by a NUL, the last one too (a missing final NUL
 * makes `@stoqey/ib` glue the field onto the next message).
 */
export const frameBody = (fields: readonly Field[]): string => {
  let body = '';
  for (const field of fields) {
    body += (typeof field === 'boolean' ? (field ? '1' : '0') : String(field)) + '\0';
  }
  return body;
};

/** One complete frame: 4-byte big-endian length, then the body. */
export const encodeFrame = (fields: readonly Field[]): Buffer => {
  const body = frameBody(fields);
  const length = Buffer.byteLength(body);
  const frame = Buffer.allocUnsafe(LENGTH_PREFIX_BYTES + length);
  frame.writeUInt32BE(length, 0);
  frame.write(body, LENGTH_PREFIX_BYTES);
  return frame;
};

/**
 * Packs many bodies into one buffer (one `socket.write` per event-loop turn instead of one per
 * message).
 */
export const packBodies = (bodies: readonly string[]): Buffer => {
  let total = 0;
  const lengths = bodies.map((body) => {
    const length = Buffer.byteLength(body);
    total += LENGTH_PREFIX_BYTES + length;
    return length;
  });
  const out = Buffer.allocUnsafe(total);
  let offset = 0;
  bodies.forEach((body, i) => {
    const length = lengths[i] ?? 0;
    out.writeUInt32BE(length, offset);
    out.write(body, offset + LENGTH_PREFIX_BYTES);
    offset += LENGTH_PREFIX_BYTES + length;
  });
  return out;
};

/** `\uXXXX`-escapes non-ASCII text, as servers ≥ 153 (ENCODE_MSG_ASCII7) do. */
export const escapeAscii7 = (text: string): string =>
  text.replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
