/** Test helpers: TWS v100+ frames as the server sends them. */

/** One frame: 4-byte big-endian length, then every field NUL-terminated. */
export function frame(...fields: readonly (string | number)[]): Buffer {
  const body = Buffer.from(fields.map((f) => `${f}\0`).join(''), 'utf8');
  const out = Buffer.alloc(4 + body.length);
  out.writeUInt32BE(body.length, 0);
  body.copy(out, 4);
  return out;
}

/** A frame with an arbitrary (possibly lying) length prefix. */
export function rawFrame(length: number, body: Buffer): Buffer {
  const out = Buffer.alloc(4 + body.length);
  out.writeUInt32BE(length >>> 0, 0);
  body.copy(out, 4);
  return out;
}

/** The handshake answer of a v193 server. */
export const serverVersionFrame = (): Buffer => frame(193, '20260101 12:00:00 UTC');
/** nextValidId 1. */
export const nextValidIdFrame = (): Buffer => frame(9, 1, 1);
/** A tickPrice (LAST) for request `reqId`. */
export const tickPriceFrame = (reqId: number, price: number | string): Buffer => frame(1, 6, reqId, 4, price, 100, 0);
/** currentTime. */
export const currentTimeFrame = (): Buffer => frame(49, 1, 1_767_000_000);

/** `bytes` cut into chunks of the given sizes (the rest as one last chunk), as TCP may deliver them. */
export function cutInto(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const chunks: Buffer[] = [];
  let at = 0;
  for (const cut of cuts) {
    if (at >= bytes.length) break;
    chunks.push(bytes.subarray(at, at + cut));
    at += cut;
  }
  if (at < bytes.length) chunks.push(bytes.subarray(at));
  return chunks;
}
