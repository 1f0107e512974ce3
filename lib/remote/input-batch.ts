import { DATA_TYPES } from '../config/index.js';
import type { MarketStateInput } from '../state/index.js';
import type { OptionGreeks } from '../ticks/option-greeks.js';
import type { Tick, TickField } from '../ticks/tick.js';
import { RemoteProtocolError } from './remote-errors.js';

// The binary market-data batch (payload version 2, docs/remote.md "Binary input batch"): a
// 12-byte header, the instance, then one fixed-size little-endian record per input. Field names
// travel as the codes of FIELD_CODES; an input no record fits travels as a JSON record.

/** The version byte of a binary batch (the protocol version it belongs to). */
export const BATCH_VERSION = 2;

/** Tick field → record code (1 … 14); the order is part of the protocol: append only. */
const FIELD_CODES = [
  'bid', 'ask', 'last', 'high', 'low', 'close', 'open', 'bidSize', 'askSize', 'lastSize', 'volume', 'lastTimestamp', 'halted', 'greeks',
] as const satisfies readonly TickField[];
const CODE_OF: ReadonlyMap<string, number> = new Map(FIELD_CODES.map((field, i) => [field, i + 1]));
const HALTED = CODE_OF.get('halted') ?? 0;
const GREEKS = CODE_OF.get('greeks') ?? 0;
/** Record codes of the inputs that are not ticks, and of a JSON record. */
const MARKET_DATA_TYPE = 32;
const STALE = 33;
const JSON_PART = 255;

const GREEK_KEYS = ['impliedVol', 'delta', 'gamma', 'vega', 'theta', 'optPrice', 'undPrice'] as const satisfies readonly (keyof OptionGreeks)[];

const HEADER = 12;
/** Every record starts with code u8, flags u8, aux u16, n u32 (8 bytes). */
const RECORD_HEAD = 8;
/** A scalar tick: the head (n = reqId), value f64, time f64. */
const SCALAR = RECORD_HEAD + 16;
/** Greeks: the head (aux = presence mask, n = reqId), time f64, 7 × f64. */
const GREEKS_SIZE = RECORD_HEAD + 8 + GREEK_KEYS.length * 8;
/** Most records in one batch (the count is a u16). */
export const MAX_BATCH_RECORDS = 0xffff;

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** A batch, decoded: the inputs, numbered `firstSeq`, `firstSeq + 1` … */
export interface DecodedInputBatch {
  readonly instance: string;
  readonly firstSeq: number;
  readonly inputs: readonly MarketStateInput[];
}

const isInt32 = (n: number): boolean => (n | 0) === n;

/** The record an input needs: its code, or a JSON record's bytes. */
function recordOf(input: MarketStateInput): number | Uint8Array {
  if (input.type === 'marketDataType') return DATA_TYPES.includes(input.marketDataType) ? MARKET_DATA_TYPE : jsonRecord(['m', input.marketDataType]);
  if (input.type === 'stale') return STALE;
  const code = CODE_OF.get(input.field) ?? 0;
  const fits = code !== 0 && typeof input.time === 'number' && isInt32(input.reqId)
    && (code === GREEKS ? typeof input.value === 'object' : code === HALTED ? typeof input.value === 'boolean' : typeof input.value === 'number');
  if (fits) return code;
  return jsonRecord(['t', input.field, input.value, input.time, input.delayed ? 1 : 0, input.reqId]);
}

const jsonRecord = (part: unknown[]): Uint8Array => encoder.encode(JSON.stringify(part));

/**
 * Market-data inputs with consecutive sequence numbers as one binary batch (payload version 2):
 * 24 bytes per bid / ask / size tick. At most {@link MAX_BATCH_RECORDS} inputs; the instance at
 * most 255 UTF-8 bytes.
 */
export function encodeInputBatch(instance: string, firstSeq: number, inputs: readonly MarketStateInput[]): Uint8Array {
  const id = encoder.encode(instance);
  if (id.length > 255 || inputs.length > MAX_BATCH_RECORDS) throw new RangeError(`a batch holds at most ${MAX_BATCH_RECORDS} inputs and a 255-byte instance`);
  const records = inputs.map(recordOf);
  let size = HEADER + id.length;
  for (const r of records) size += typeof r !== 'number' ? RECORD_HEAD + r.length : r === GREEKS ? GREEKS_SIZE : r >= MARKET_DATA_TYPE ? RECORD_HEAD : SCALAR;
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, BATCH_VERSION);
  view.setUint8(1, id.length);
  view.setUint16(2, inputs.length, true);
  view.setFloat64(4, firstSeq, true);
  bytes.set(id, HEADER);
  let at = HEADER + id.length;
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i] as MarketStateInput;
    const r = records[i] as number | Uint8Array;
    if (typeof r !== 'number') {
      view.setUint8(at, JSON_PART);
      view.setUint32(at + 4, r.length, true);
      bytes.set(r, at + RECORD_HEAD);
      at += RECORD_HEAD + r.length;
      continue;
    }
    view.setUint8(at, r);
    if (input.type === 'marketDataType') {
      view.setUint8(at + 1, DATA_TYPES.indexOf(input.marketDataType));
      at += RECORD_HEAD;
    } else if (input.type === 'stale') {
      view.setUint8(at + 1, input.stale ? 1 : 0);
      at += RECORD_HEAD;
    } else if (input.field === 'greeks') {
      view.setUint8(at + 1, input.delayed ? 1 : 0);
      view.setInt32(at + 4, input.reqId, true);
      view.setFloat64(at + 8, input.time, true);
      let mask = 0;
      for (let g = 0; g < GREEK_KEYS.length; g++) {
        const value = input.value[GREEK_KEYS[g] as keyof OptionGreeks];
        if (value !== undefined) {
          mask |= 1 << g;
          view.setFloat64(at + 16 + g * 8, value, true);
        }
      }
      view.setUint16(at + 2, mask, true);
      at += GREEKS_SIZE;
    } else {
      view.setUint8(at + 1, input.delayed ? 1 : 0);
      view.setInt32(at + 4, input.reqId, true);
      view.setFloat64(at + 8, input.field === 'halted' ? (input.value ? 1 : 0) : input.value, true);
      view.setFloat64(at + 16, input.time, true);
      at += SCALAR;
    }
  }
  return bytes;
}

/**
 * A binary batch, decoded (see {@link encodeInputBatch}). Throws `RemoteProtocolError` naming what
 * is wrong for another version, a truncated or over-long buffer, an unknown record code or a bad
 * flag; never returns part of a batch.
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
  let at = HEADER + idLength;
  const need = (n: number, i: number): void => {
    if (at + n > bytes.length) bad(`record ${i} of ${count} truncated`);
  };
  for (let i = 0; i < count; i++) {
    need(RECORD_HEAD, i);
    const code = view.getUint8(at);
    const flags = view.getUint8(at + 1);
    if (code === MARKET_DATA_TYPE) {
      const marketDataType = DATA_TYPES[flags];
      if (marketDataType === undefined) bad(`market data type ${flags}`);
      inputs[i] = { type: 'marketDataType', marketDataType: marketDataType as (typeof DATA_TYPES)[number] };
      at += RECORD_HEAD;
      continue;
    }
    if (code === STALE) {
      if (flags > 1) bad(`stale flag ${flags}`);
      inputs[i] = { type: 'stale', stale: flags === 1 };
      at += RECORD_HEAD;
      continue;
    }
    if (code === JSON_PART) {
      const length = view.getUint32(at + 4, true);
      need(RECORD_HEAD + length, i);
      inputs[i] = jsonInput(subject, bytes.subarray(at + RECORD_HEAD, at + RECORD_HEAD + length));
      at += RECORD_HEAD + length;
      continue;
    }
    const field = FIELD_CODES[code - 1];
    if (field === undefined || code === 0) return bad(`unknown record code ${code}`);
    if (flags > 1) bad(`tick flags ${flags}`);
    const delayed = flags === 1;
    const reqId = view.getInt32(at + 4, true);
    if (code === GREEKS) {
      need(GREEKS_SIZE, i);
      const mask = view.getUint16(at + 2, true);
      if (mask >= 1 << GREEK_KEYS.length) bad(`greeks mask ${mask}`);
      const read = (g: number): number | undefined => ((mask & (1 << g)) === 0 ? undefined : view.getFloat64(at + 16 + g * 8, true));
      const value: OptionGreeks = { impliedVol: read(0), delta: read(1), gamma: read(2), vega: read(3), theta: read(4), optPrice: read(5), undPrice: read(6) };
      inputs[i] = { type: 'tick', field: 'greeks', value, time: view.getFloat64(at + 8, true), delayed, reqId };
      at += GREEKS_SIZE;
      continue;
    }
    need(SCALAR, i);
    const number = view.getFloat64(at + 8, true);
    const time = view.getFloat64(at + 16, true);
    if (code === HALTED) {
      if (number !== 0 && number !== 1) bad(`halted value ${number}`);
      inputs[i] = { type: 'tick', field: 'halted', value: number === 1, time, delayed, reqId };
    } else {
      inputs[i] = { type: 'tick', field, value: number, time, delayed, reqId } as Tick;
    }
    at += SCALAR;
  }
  if (at !== bytes.length) bad(`${bytes.length - at} bytes after the last of ${count} records`);
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
