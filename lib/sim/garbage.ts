import { encodeFrame, LENGTH_PREFIX_BYTES } from './frame.js';
import { createPrng, randomInt } from './prng.js';
import { ServerMsg, UNKNOWN_SERVER_MSG_ID } from './protocol-ids.js';
import type { GarbageMode } from './garbage-modes.js';

export { GARBAGE_MODES, type GarbageMode } from './garbage-modes.js';

const HIGH_BIT_LENGTH = 0x80_00_00_00;
const OVERSIZED_LENGTH = 0x00_ff_ff_f0;
const RANDOM_BODY_BYTES = 48;
const TICK_PRICE_VERSION = 6;

const withLength = (length: number, tail: Buffer): Buffer => {
  const head = Buffer.alloc(LENGTH_PREFIX_BYTES);
  head.writeUInt32BE(length, 0);
  return Buffer.concat([head, tail]);
};

/** The bytes of one garbage fault; `reqId` is used where a message needs a request id. */
export const garbageBytes = (mode: GarbageMode, seed: number, reqId: number): Buffer => {
  const rng = createPrng(seed);
  switch (mode) {
    case 'random-bytes': {
      const body = Buffer.alloc(RANDOM_BODY_BYTES);
      for (let i = 0; i < body.length; i++) body[i] = randomInt(rng, 1, 255);
      body[0] = randomInt(rng, 0x80, 0xff);
      body[body.length - 1] = 0;
      return withLength(body.length, body);
    }
    case 'high-bit-length':
      return withLength(HIGH_BIT_LENGTH, Buffer.from('garbage\0', 'latin1'));
    case 'oversized-length':
      return withLength(OVERSIZED_LENGTH, Buffer.from('1\0', 'latin1'));
    case 'truncated-frame':
      return encodeFrame([ServerMsg.TICK_PRICE, TICK_PRICE_VERSION, reqId]);
    case 'unknown-message-id':
      return encodeFrame([UNKNOWN_SERVER_MSG_ID, 1, reqId]);
    case 'non-numeric-fields':
      return encodeFrame([ServerMsg.TICK_PRICE, TICK_PRICE_VERSION, 'abc', 'bid', 'lots', 'many', 'no']);
  }
};
