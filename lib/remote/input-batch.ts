import { DATA_TYPES } from '../config/index.js';
import type { MarketStateInput } from '../state/index.js';
import type { OptionGreeks } from '../ticks/option-greeks.js';
import type { Tick, TickField } from '../ticks/tick.js';
import { REMOTE_PROTOCOL_VERSION } from './protocol-version.js';
import { RemoteProtocolError } from './remote-errors.js';

// The binary market-data batch (payload version 3, docs/remote.md "Binary input batch"): a
// 12-byte header, the instance, then one variable-length record per input. A tick record carries
// its time and request id only when they differ from the previous tick record's, and its value as
// a small integer (scaled by 1, 100, 10⁴ or 10⁶) whenever that gives the value back exactly:
// a bid / ask tick of a burst takes 4 or 5 bytes (24 in version 2). An input no record fits
// travels as a JSON record.

/** The version byte of a binary batch (the protocol version it belongs to). */
export const BATCH_VERSION = REMOTE_PROTOCOL_VERSION;

/** Tick field → record code (1 … 14); the order is part of the protocol: append only. */
const FIELD_CODES = [
  'bid', 'ask', 'last', 'high', 'low', 'close', 'open', 'bidSize', 'askSize', 'lastSize', 'volume', 'lastTimestamp', 'halted', 'greeks',
] as const satisfies readonly TickField[];
const HALTED = FIELD_CODES.indexOf('halted') + 1;
const GREEKS = FIELD_CODES.indexOf('greeks') + 1;
/** Record codes of the inputs that are not ticks, and of a JSON record. */
const MARKET_DATA_TYPE = 32;
const STALE = 33;
const JSON_PART = 255;

const GREEK_KEYS = ['impliedVol', 'delta', 'gamma', 'vega', 'theta', 'optPrice', 'undPrice'] as const satisfies readonly (keyof OptionGreeks)[];

/** Flags of a tick record (its second byte). */
const DELAYED = 1;
/** The time follows as a zigzag varint: the difference to the previous tick record's time. */
const TIME_DELTA = 2;
/** The time follows as an f64. Neither time flag: the previous tick record's time. */
const TIME_F64 = 4;
/** The request id follows as a zigzag varint (else: the previous tick record's). */
const REQ_ID = 8;
/** Bits 4–6: how the value travels — 0 an f64, 1 … 4 a zigzag varint divided by SCALES[kind - 1]. */
const VALUE_SHIFT = 4;
const VALUE_MASK = 0x70;
/** Bit 7 is reserved (0). */
const RESERVED = 0x80;
const SCALES = [1, 100, 10_000, 1_000_000] as const;

const HEADER = 12;
/** Most bytes one tick record can take besides a JSON record's text: code, flags, time f64, request id varint, greeks mask and 7 × f64. */
const MAX_TICK_RECORD = 2 + 8 + 5 + 2 + GREEK_KEYS.length * 8;
/** Most records in one batch (the count is a u16). */
export const MAX_BATCH_RECORDS = 0xffff;
/** A zigzag varint holds integers of magnitude below 2³¹ (at most 5 bytes). */
const VARINT_LIMIT = 2 ** 31;

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** A batch, decoded: the inputs, numbered `firstSeq`, `firstSeq + 1` … */
export interface DecodedInputBatch {
  readonly instance: string;
  readonly firstSeq: number;
  readonly inputs: readonly MarketStateInput[];
}

/** The encoder's scratch buffer (grown when a batch needs more); each batch is copied out of it. */
let scratch = new Uint8Array(16 * 1024);
let scratchView = new DataView(scratch.buffer);

/** Grows the scratch buffer to hold `size` bytes, keeping what it holds. */
const ensure = (size: number): void => {
  if (scratch.length >= size) return;
  const grown = new Uint8Array(Math.max(size, scratch.length * 2));
  grown.set(scratch);
  scratch = grown;
  scratchView = new DataView(scratch.buffer);
};

/** Writes `n` (an integer of magnitude below 2³¹) as a zigzag varint into `into` at `at`; returns the next offset. */
function putVarint(into: Uint8Array, at: number, n: number): number {
  // Below 2³²: `>>>` keeps every bit.
  let v = n >= 0 ? n * 2 : -n * 2 - 1;
  while (v >= 0x80) {
    into[at++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  into[at++] = v;
  return at;
}

/** The record code of a tick field (0: none), a `switch` (faster than a map lookup on the per-tick path). */
function codeOf(field: string): number {
  switch (field) {
    case 'bid': return 1;
    case 'ask': return 2;
    case 'last': return 3;
    case 'high': return 4;
    case 'low': return 5;
    case 'close': return 6;
    case 'open': return 7;
    case 'bidSize': return 8;
    case 'askSize': return 9;
    case 'lastSize': return 10;
    case 'volume': return 11;
    case 'lastTimestamp': return 12;
    case 'halted': return 13;
    case 'greeks': return 14;
    default: return 0;
  }
}

const fitsVarint = (n: number): boolean => Number.isInteger(n) && n > -VARINT_LIMIT && n < VARINT_LIMIT && !Object.is(n, -0);

/** How `value` travels: 0 (an f64), or 1 … 4 when `value × SCALES[kind - 1]` is a varint integer that gives `value` back exactly. */
function valueKind(value: number): number {
  if (fitsVarint(value)) return 1;
  if (Object.is(value, -0) || !Number.isFinite(value)) return 0;
  for (let k = 1; k < SCALES.length; k++) {
    const scale = SCALES[k] as number;
    const n = Math.round(value * scale);
    if (n > -VARINT_LIMIT && n < VARINT_LIMIT && n / scale === value) return k + 1;
  }
  return 0;
}

/** The record code of a tick, or 0 when no record fits it (a field without a code, a value of the wrong type, a request id that is not an int32): it travels as JSON. */
function tickCode(input: Tick): number {
  const code = codeOf(input.field);
  if (code === 0 || typeof input.time !== 'number' || !fitsVarint(input.reqId)) return 0;
  if (code === GREEKS) return typeof input.value === 'object' && (input.value as unknown) !== null ? code : 0;
  if (code === HALTED) return typeof input.value === 'boolean' ? code : 0;
  return typeof input.value === 'number' ? code : 0;
}

/**
 * Market-data inputs with consecutive sequence numbers as one binary batch (payload version 3).
 * At most {@link MAX_BATCH_RECORDS} inputs; the instance at most 255 UTF-8 bytes.
 */
export function encodeInputBatch(instance: string, firstSeq: number, inputs: readonly MarketStateInput[]): Uint8Array {
  const id = encoder.encode(instance);
  if (id.length > 255 || inputs.length > MAX_BATCH_RECORDS) throw new RangeError(`a batch holds at most ${MAX_BATCH_RECORDS} inputs and a 255-byte instance`);
  ensure(HEADER + id.length);
  scratch[0] = BATCH_VERSION;
  scratch[1] = id.length;
  scratchView.setUint16(2, inputs.length, true);
  scratchView.setFloat64(4, firstSeq, true);
  scratch.set(id, HEADER);
  let at = HEADER + id.length;
  /** The previous tick record's time and request id (none yet: the first tick record carries both). */
  let time = Number.NaN;
  let hasTime = false;
  let reqId = 0;
  let hasReqId = false;
  for (const input of inputs) {
    ensure(at + MAX_TICK_RECORD);
    if (input.type === 'marketDataType') {
      const index = DATA_TYPES.indexOf(input.marketDataType);
      if (index >= 0) {
        scratch[at] = MARKET_DATA_TYPE;
        scratch[at + 1] = index;
        at += 2;
      } else at = putJson(at, ['m', input.marketDataType]);
      continue;
    }
    if (input.type === 'stale') {
      scratch[at] = STALE;
      scratch[at + 1] = input.stale ? 1 : 0;
      at += 2;
      continue;
    }
    const code = tickCode(input);
    if (code === 0) {
      at = putJson(at, ['t', input.field, input.value, input.time, input.delayed ? 1 : 0, input.reqId]);
      continue;
    }
    const buf = scratch;
    const head = at;
    buf[head] = code;
    at += 2;
    let flags = input.delayed ? DELAYED : 0;
    if (!hasTime || !Object.is(input.time, time)) {
      const delta = input.time - time;
      if (hasTime && Number.isSafeInteger(input.time) && Number.isSafeInteger(time) && fitsVarint(delta)) {
        flags |= TIME_DELTA;
        at = putVarint(buf, at, delta);
      } else {
        flags |= TIME_F64;
        scratchView.setFloat64(at, input.time, true);
        at += 8;
      }
      time = input.time;
      hasTime = true;
    }
    if (!hasReqId || input.reqId !== reqId) {
      flags |= REQ_ID;
      at = putVarint(buf, at, input.reqId);
      reqId = input.reqId;
      hasReqId = true;
    }
    if (code === GREEKS) {
      const greeks = input.value as OptionGreeks;
      const maskAt = at;
      at += 2;
      let mask = 0;
      for (let g = 0; g < GREEK_KEYS.length; g++) {
        const value = greeks[GREEK_KEYS[g] as keyof OptionGreeks];
        if (value !== undefined) {
          mask |= 1 << g;
          scratchView.setFloat64(at, value, true);
          at += 8;
        }
      }
      scratchView.setUint16(maskAt, mask, true);
    } else if (code === HALTED) {
      flags |= 1 << VALUE_SHIFT;
      buf[at++] = input.value === true ? 2 : 0;
    } else {
      const value = input.value as number;
      const kind = valueKind(value);
      flags |= kind << VALUE_SHIFT;
      if (kind === 0) {
        scratchView.setFloat64(at, value, true);
        at += 8;
      } else at = putVarint(buf, at, Math.round(value * (SCALES[kind - 1] as number)));
    }
    buf[head + 1] = flags;
  }
  return scratch.slice(0, at);
}

/** A JSON record at `at` (growing the scratch buffer for its text); returns the next offset. */
function putJson(at: number, part: unknown[]): number {
  const text = encoder.encode(JSON.stringify(part));
  ensure(at + 6 + text.length);
  scratch[at] = JSON_PART;
  const next = putVarint(scratch, at + 1, text.length);
  scratch.set(text, next);
  return next + text.length;
}

/**
 * A binary batch, decoded (see {@link encodeInputBatch}). Throws `RemoteProtocolError` naming what
 * is wrong for another version, a truncated or over-long buffer, an unknown record code, a bad
 * flag or varint; never returns part of a batch.
 */
export function decodeInputBatch(subject: string, bytes: Uint8Array): DecodedInputBatch {
  const bad = (what: string): never => {
    throw new RemoteProtocolError(subject, `binary batch: ${what}`);
  };
  if (bytes.length < 1) bad('empty');
  if (bytes[0] !== BATCH_VERSION) throw new RemoteProtocolError(subject, `payload version ${String(bytes[0])}; this ib-rx speaks version ${BATCH_VERSION}`);
  if (bytes.length < HEADER) bad(`truncated header (${bytes.length} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const idLength = view.getUint8(1);
  const count = view.getUint16(2, true);
  const firstSeq = view.getFloat64(4, true);
  if (!Number.isSafeInteger(firstSeq) || firstSeq < 1) bad(`sequence number ${firstSeq}`);
  if (bytes.length < HEADER + idLength) bad('truncated instance');
  let instance = '';
  try {
    instance = strictDecoder.decode(bytes.subarray(HEADER, HEADER + idLength));
  } catch {
    bad('instance is not UTF-8');
  }
  const inputs = new Array<MarketStateInput>(count);
  const end = bytes.length;
  let at = HEADER + idLength;
  /** Record `i` needs `n` more bytes from `at`. */
  const need = (n: number, i: number): void => {
    if (at + n > end) bad(`record ${i} of ${count} truncated`);
  };
  /** A zigzag varint at `at` (at most 5 bytes, magnitude below 2³¹). */
  const varint = (i: number): number => {
    let v = 0;
    let scale = 1;
    for (let k = 0; k < 5; k++) {
      if (at >= end) bad(`record ${i} of ${count} truncated`);
      const b = bytes[at++] as number;
      v += (b & 0x7f) * scale;
      if (b < 0x80) {
        if (v >= 2 * VARINT_LIMIT) bad(`record ${i} of ${count}: varint out of range`);
        return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
      }
      scale *= 0x80;
    }
    return bad(`record ${i} of ${count}: varint longer than 5 bytes`);
  };
  let time = 0;
  let hasTime = false;
  let reqId = 0;
  let hasReqId = false;
  for (let i = 0; i < count; i++) {
    need(2, i);
    const code = bytes[at] as number;
    const flags = bytes[at + 1] as number;
    if (code === MARKET_DATA_TYPE) {
      const marketDataType = DATA_TYPES[flags];
      if (marketDataType === undefined) bad(`market data type ${flags}`);
      inputs[i] = { type: 'marketDataType', marketDataType: marketDataType as (typeof DATA_TYPES)[number] };
      at += 2;
      continue;
    }
    if (code === STALE) {
      if (flags > 1) bad(`stale flag ${flags}`);
      inputs[i] = { type: 'stale', stale: flags === 1 };
      at += 2;
      continue;
    }
    if (code === JSON_PART) {
      at += 1;
      const length = varint(i);
      if (length < 0) bad(`record ${i} of ${count}: JSON length ${length}`);
      need(length, i);
      inputs[i] = jsonInput(subject, bytes.subarray(at, at + length));
      at += length;
      continue;
    }
    const field = FIELD_CODES[code - 1];
    if (field === undefined || code === 0) return bad(`unknown record code ${code}`);
    if ((flags & RESERVED) !== 0 || (flags & (TIME_DELTA | TIME_F64)) === (TIME_DELTA | TIME_F64)) bad(`tick flags ${flags}`);
    const kind = (flags & VALUE_MASK) >> VALUE_SHIFT;
    if (kind > SCALES.length || (code === GREEKS && kind !== 0) || (code === HALTED && kind !== 1)) bad(`record ${i} of ${count}: value kind ${kind} for ${field}`);
    at += 2;
    if ((flags & TIME_F64) !== 0) {
      need(8, i);
      time = view.getFloat64(at, true);
      at += 8;
      hasTime = true;
    } else if ((flags & TIME_DELTA) !== 0) {
      if (!hasTime) bad(`record ${i} of ${count}: a time difference with no time before it`);
      time += varint(i);
    } else if (!hasTime) bad(`record ${i} of ${count}: no time`);
    if ((flags & REQ_ID) !== 0) {
      reqId = varint(i);
      hasReqId = true;
    } else if (!hasReqId) bad(`record ${i} of ${count}: no request id`);
    const delayed = (flags & DELAYED) !== 0;
    if (code === GREEKS) {
      need(2, i);
      const mask = view.getUint16(at, true);
      at += 2;
      if (mask >= 1 << GREEK_KEYS.length) bad(`greeks mask ${mask}`);
      const read = (g: number): number | undefined => {
        if ((mask & (1 << g)) === 0) return undefined;
        need(8, i);
        const value = view.getFloat64(at, true);
        at += 8;
        return value;
      };
      const value: OptionGreeks = { impliedVol: read(0), delta: read(1), gamma: read(2), vega: read(3), theta: read(4), optPrice: read(5), undPrice: read(6) };
      inputs[i] = { type: 'tick', field: 'greeks', value, time, delayed, reqId };
      continue;
    }
    let number: number;
    if (kind === 0) {
      need(8, i);
      number = view.getFloat64(at, true);
      at += 8;
    } else number = varint(i) / (SCALES[kind - 1] as number);
    if (code === HALTED) {
      if (number !== 0 && number !== 1) bad(`halted value ${number}`);
      inputs[i] = { type: 'tick', field: 'halted', value: number === 1, time, delayed, reqId };
    } else {
      inputs[i] = { type: 'tick', field, value: number, time, delayed, reqId } as Tick;
    }
  }
  if (at !== end) bad(`${end - at} bytes after the last of ${count} records`);
  return { instance, firstSeq, inputs };
}

/** A JSON record (`['t', field, value, time, delayed, reqId]` or `['m', type]`), checked. */
function jsonInput(subject: string, bytes: Uint8Array): MarketStateInput {
  let part: unknown;
  try {
    part = JSON.parse(strictDecoder.decode(bytes));
  } catch {
    throw new RemoteProtocolError(subject, 'binary batch: a JSON record that is not JSON');
  }
  if (Array.isArray(part) && part[0] === 'm' && typeof part[1] === 'string') return { type: 'marketDataType', marketDataType: part[1] as (typeof DATA_TYPES)[number] };
  if (!Array.isArray(part) || part.length !== 6 || part[0] !== 't' || typeof part[1] !== 'string' || typeof part[3] !== 'number' || typeof part[5] !== 'number' || (part[4] !== 0 && part[4] !== 1)) {
    throw new RemoteProtocolError(subject, 'binary batch: a JSON record that is not an input');
  }
  const value: unknown = part[2];
  return { type: 'tick', field: part[1], value, time: part[3], delayed: part[4] === 1, reqId: part[5] } as Tick;
}
