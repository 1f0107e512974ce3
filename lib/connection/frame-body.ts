import { isUtf8 } from 'node:buffer';

/** Why a frame was rejected by the frame guard. */
export type FrameViolationReason =
  | 'length-out-of-range'
  | 'unterminated'
  | 'bad-message-id'
  | 'bad-text'
  | 'bad-field'
  | 'field-count';

/** A rejected frame: what was wrong, in words. */
export interface FrameViolation {
  readonly reason: FrameViolationReason;
  readonly detail: string;
}

/** Context for checking one body: is it the handshake answer, which server version was announced. */
export interface FrameBodyContext {
  readonly handshake: boolean;
  readonly serverVersion: number;
}

const NUL = 0x00;
/** Longest plausible message id / server version field. */
const MAX_ID_DIGITS = 6;
/** Server version from which error messages lose their version field (ERROR_TIME). */
const ERROR_WITHOUT_VERSION = 194;

/** Incoming message ids whose layout the guard checks (values as in `@stoqey/ib`'s IN_MSG_ID). */
const InMsg = {
  TICK_PRICE: 1,
  TICK_SIZE: 2,
  ERR_MSG: 4,
  NEXT_VALID_ID: 9,
  MANAGED_ACCTS: 15,
  TICK_GENERIC: 45,
  TICK_STRING: 46,
  CURRENT_TIME: 49,
  CONTRACT_DATA_END: 52,
  TICK_SNAPSHOT_END: 57,
  MARKET_DATA_TYPE: 58,
  TICK_REQ_PARAMS: 81,
} as const;

/** Layout of a checked message: field indices that must be numeric, and the exact field count if fixed. */
interface Layout {
  readonly numeric: readonly number[];
  readonly fields?: number;
}

const layouts = new Map<number, Layout>([
  [InMsg.TICK_PRICE, { numeric: [1, 2, 3, 4, 5, 6], fields: 7 }],
  [InMsg.TICK_SIZE, { numeric: [1, 2, 3, 4], fields: 5 }],
  [InMsg.NEXT_VALID_ID, { numeric: [1, 2], fields: 3 }],
  [InMsg.MANAGED_ACCTS, { numeric: [1] }],
  [InMsg.TICK_GENERIC, { numeric: [1, 2, 3, 4], fields: 5 }],
  [InMsg.TICK_STRING, { numeric: [1, 2, 3], fields: 5 }],
  [InMsg.CURRENT_TIME, { numeric: [1, 2], fields: 3 }],
  [InMsg.CONTRACT_DATA_END, { numeric: [1, 2], fields: 3 }],
  [InMsg.TICK_SNAPSHOT_END, { numeric: [1, 2], fields: 3 }],
  [InMsg.MARKET_DATA_TYPE, { numeric: [1, 2, 3], fields: 4 }],
  [InMsg.TICK_REQ_PARAMS, { numeric: [1, 2, 4], fields: 5 }],
]);
const errorLayoutOld: Layout = { numeric: [1, 2, 3] };
const errorLayoutNew: Layout = { numeric: [1, 2] };

/** Decimal text as TWS writes numbers: optional sign, digits (thousands commas tolerated), fraction, exponent. */
const NUMBER = /^[-+]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const DIGITS = /^\d+$/;

/** A byte that never occurs in TWS text (C0 controls except tab / LF / CR, and DEL). */
const isControl = (b: number): boolean => (b > NUL && b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f;

/**
 * Checks one frame body (the bytes after the length prefix) against what TWS can send: a NUL after
 * the last field, valid UTF-8 without control bytes, a numeric message id (server version in the
 * handshake answer) and, for the market-data messages ib-rx relies on, numeric fields and the
 * exact field count. Returns the first problem found, or `undefined`. Never throws.
 */
export function checkFrameBody(body: Buffer, context: FrameBodyContext): FrameViolation | undefined {
  if (body.length === 0 || body[body.length - 1] !== NUL) {
    return { reason: 'unterminated', detail: 'the last field has no NUL terminator' };
  }
  for (const b of body) {
    if (isControl(b)) return { reason: 'bad-text', detail: `control byte 0x${b.toString(16).padStart(2, '0')} in a message` };
  }
  if (!isUtf8(body)) return { reason: 'bad-text', detail: 'invalid UTF-8 in a message' };
  const fields = body.toString('utf8', 0, body.length - 1).split('\0');
  const id = fields[0] ?? '';
  if (!DIGITS.test(id) || id.length > MAX_ID_DIGITS) {
    const what = context.handshake ? 'server version' : 'message id';
    return { reason: 'bad-message-id', detail: `${what} ${JSON.stringify(id.slice(0, 16))} is not a number` };
  }
  if (context.handshake) return undefined;
  const msgId = Number(id);
  const layout =
    msgId === InMsg.ERR_MSG ? (context.serverVersion >= ERROR_WITHOUT_VERSION ? errorLayoutNew : errorLayoutOld) : layouts.get(msgId);
  if (layout === undefined) return undefined;
  if (layout.fields !== undefined && fields.length !== layout.fields) {
    return { reason: 'field-count', detail: `message ${msgId} has ${fields.length} fields, expected ${layout.fields}` };
  }
  for (const index of layout.numeric) {
    const field = fields[index];
    if (field === undefined) return { reason: 'field-count', detail: `message ${msgId} has only ${fields.length} fields` };
    if (field !== '' && !NUMBER.test(field)) {
      return { reason: 'bad-field', detail: `message ${msgId} field ${index} ${JSON.stringify(field.slice(0, 16))} is not a number` };
    }
  }
  return undefined;
}

/** Most fields {@link isValidPlainBody} tracks; a body with more goes to `checkFrameBody`. */
const MAX_PLAIN_FIELDS = 64;
/** Where each field of the body being checked ends (scratch: the check is synchronous). */
const fieldEnds = new Int32Array(MAX_PLAIN_FIELDS);
const DOT = 0x2e;
const COMMA = 0x2c;
const isDigit = (b: number): boolean => b >= 0x30 && b <= 0x39;
/** {@link PLAIN_BYTE} classes: text, a field's terminator, anything else (control or non-ASCII). */
const PLAIN = 0;
const TERMINATOR = 1;
const NOT_PLAIN = 2;
/** The class of every byte value: one table read per byte of a frame. */
const PLAIN_BYTE = Uint8Array.from({ length: 256 }, (_, b) => (b === NUL ? TERMINATOR : b >= 0x80 || isControl(b) ? NOT_PLAIN : PLAIN));
const isSign = (b: number): boolean => b === 0x2b || b === 0x2d;

/**
 * The common case of {@link checkFrameBody} without strings, regex or allocation: `true` when the
 * body `data[start, end)` (after the handshake, all ASCII, at most 64 fields) passes every check
 * `checkFrameBody` makes. `false` means "not decided here": ask `checkFrameBody`, which also says
 * what is wrong. It never says `true` where `checkFrameBody` finds a problem (a differential spec
 * checks that), so the guard can run it first on every frame.
 */
export function isValidPlainBody(data: Uint8Array, start: number, end: number, context: FrameBodyContext): boolean {
  if (context.handshake || end <= start || data[end - 1] !== NUL) return false;
  let fields = 0;
  for (let i = start; i < end; i++) {
    const kind = PLAIN_BYTE[data[i] ?? NUL] ?? NOT_PLAIN;
    if (kind === PLAIN) continue;
    if (kind === NOT_PLAIN || fields === MAX_PLAIN_FIELDS) return false;
    fieldEnds[fields++] = i;
  }
  const idEnd = fieldEnds[0] ?? start;
  if (idEnd === start || idEnd - start > MAX_ID_DIGITS) return false;
  let msgId = 0;
  for (let i = start; i < idEnd; i++) {
    const b = data[i] ?? NUL;
    if (!isDigit(b)) return false;
    msgId = msgId * 10 + (b - 0x30);
  }
  const layout = msgId === InMsg.ERR_MSG ? (context.serverVersion >= ERROR_WITHOUT_VERSION ? errorLayoutNew : errorLayoutOld) : layouts.get(msgId);
  if (layout === undefined) return true;
  if (layout.fields !== undefined && fields !== layout.fields) return false;
  for (const index of layout.numeric) {
    if (index >= fields) return false;
    const fieldStart = (fieldEnds[index - 1] ?? start) + 1;
    if (!isNumberOrEmpty(data, fieldStart, fieldEnds[index] ?? fieldStart)) return false;
  }
  return true;
}

/**
 * `data[start, end)` is empty or matches {@link NUMBER} (the same grammar, byte by byte). The
 * field ends with its NUL at `end`, so reading one past a digit run stops there. No closure:
 * this runs for several fields of every tick frame.
 */
function isNumberOrEmpty(data: Uint8Array, start: number, end: number): boolean {
  if (start === end) return true;
  let i = start;
  if (isSign(data[i] ?? NUL)) i++;
  if (isDigit(data[i] ?? NUL)) {
    i++;
    while (i < end && (isDigit(data[i] ?? NUL) || data[i] === COMMA)) i++;
    if (i < end && data[i] === DOT) {
      i++;
      while (i < end && isDigit(data[i] ?? NUL)) i++;
    }
  } else if (i + 1 < end && data[i] === DOT && isDigit(data[i + 1] ?? NUL)) {
    i += 2;
    while (i < end && isDigit(data[i] ?? NUL)) i++;
  } else {
    return false;
  }
  if (i < end && (data[i] === 0x65 || data[i] === 0x45)) {
    i++;
    if (i < end && isSign(data[i] ?? NUL)) i++;
    if (i >= end || !isDigit(data[i] ?? NUL)) return false;
    while (i < end && isDigit(data[i] ?? NUL)) i++;
  }
  return i === end;
}

/**
 * Checks a body that has not fully arrived, from byte `from` on (what earlier calls checked is not
 * checked again): once its first NUL is in, the first field must be a plausible message id (without
 * a NUL in the first `MAX_ID_DIGITS + 1` bytes it cannot be), and no control byte may occur. Catches
 * a bogus length prefix early: the frames it swallows bring their own length prefixes, whose low
 * byte is a control byte for every message shorter than 32 bytes (ticks, currentTime replies).
 */
export function checkPartialBody(prefix: Buffer, context: FrameBodyContext, from = 0): FrameViolation | undefined {
  if (from <= MAX_ID_DIGITS) {
    const end = Math.min(prefix.length, MAX_ID_DIGITS + 1);
    for (let i = 0; i < end; i++) {
      const b = prefix[i] ?? NUL;
      if (b === NUL) {
        if (i === 0) return badStart(context);
        break;
      }
      if (b < 0x30 || b > 0x39) return badStart(context);
      if (i === MAX_ID_DIGITS) return badStart(context);
    }
  }
  for (let i = from; i < prefix.length; i++) {
    const b = prefix[i] ?? NUL;
    if (isControl(b)) return { reason: 'bad-text', detail: `control byte 0x${b.toString(16).padStart(2, '0')} in a pending message` };
  }
  return undefined;
}

const badStart = (context: FrameBodyContext): FrameViolation => ({
  reason: 'bad-message-id',
  detail: `a ${context.handshake ? 'handshake answer' : 'message'} does not start with a number`,
});
