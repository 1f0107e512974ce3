import { IBApiTickType, type TickType } from '@stoqey/ib';
import type { IbEvent } from './ib-event.js';

/** Message ids decoded here (values as in `@stoqey/ib`'s IN_MSG_ID). */
const TICK_PRICE = 1;
const TICK_SIZE = 2;
const TICK_GENERIC = 45;
const TICK_STRING = 46;

const NUL = 0x00;
const ZERO = 0x30;
const NINE = 0x39;
const MINUS = 0x2d;
const DOT = 0x2e;
/** Integer fields (version, request id, tick type) longer than this are left to the client. */
const MAX_INT_DIGITS = 9;
/** Decimals with more digits are left to the client (below 2^53, so `m / 10^k` is exact-rounded). */
const MAX_DECIMAL_DIGITS = 15;
const POW10 = Array.from({ length: MAX_DECIMAL_DIGITS + 1 }, (_, k) => 10 ** k);
/** tickPrice carries size and attribute mask from this message version on. */
const PRICE_WITH_ATTRIBUTES = 3;

/**
 * The negotiated server versions the tick fast path was verified for: every version `@stoqey/ib`
 * 1.6.10 can negotiate (100, its MIN_VERSION_V100, to 193, its MAX_SUPPORTED_SERVER_VERSION),
 * each checked against the client's own decoder by spec/connection/tick-frames.spec.ts. Newer
 * servers change layouts (194 drops the error message's version field, 201 sends protobuf), so
 * outside this range {@link TickFrameDecoder} declines every frame until it is verified again.
 */
export const TICK_FAST_PATH_SERVER_VERSIONS = { min: 100, max: 193 } as const;

/** Options of {@link TickFrameDecoder}. */
export interface TickFrameDecoderOptions {
  /**
   * The server version negotiated on the socket (the handshake answer). Outside
   * {@link TICK_FAST_PATH_SERVER_VERSIONS} every frame is declined. Default: the newest verified
   * version (for a decoder used on its own, as in specs and benchmarks).
   */
  readonly serverVersion?: number;
}

const T = IBApiTickType;
/**
 * The size tick `@stoqey/ib` emits after a tickPrice of these ids (as IB's own decoder does). BID is
 * missing on purpose: its BID_SIZE is 0, which the client's truthiness test skips.
 */
const SYNTHETIC_SIZE: ReadonlyMap<TickType, TickType> = new Map([
  [T.ASK, T.ASK_SIZE],
  [T.LAST, T.LAST_SIZE],
  [T.DELAYED_BID, T.DELAYED_BID_SIZE],
  [T.DELAYED_ASK, T.DELAYED_ASK_SIZE],
  [T.DELAYED_LAST, T.DELAYED_LAST_SIZE],
]);

/**
 * Decodes the hot market-data messages — tickPrice 1, tickSize 2, tickGeneric 45, tickString 46 —
 * straight from a frame's bytes into the same `IbEvent`s `ibEvents$` makes of `@stoqey/ib`'s
 * events for them (including the synthetic tickSize after an ASK / LAST / DELAYED_BID / _ASK /
 * _LAST price), without the client's string split, token queue and three emits per message.
 *
 * It only takes frames in TWS's plain layout: the exact field count of the message, integers as
 * 1–9 digits (request id optionally negative), decimals as `-?digits[.digits]` with at most 15
 * digits, tickPrice version ≥ 3, tickString text in printable ASCII. Anything else — and every
 * other message id — is declined (`false`, nothing emitted) and goes to the client as before, so
 * the result is the client's, by construction of that subset (checked against the client's decoder
 * by spec/connection/tick-frames.spec.ts). It also declines everything when the negotiated server
 * version is outside {@link TICK_FAST_PATH_SERVER_VERSIONS}. One instance per socket; not re-entrant.
 */
export class TickFrameDecoder {
  #data: Buffer = Buffer.alloc(0);
  #pos = 0;
  #end = 0;
  #ok = true;
  readonly #verified: boolean;

  constructor(options: TickFrameDecoderOptions = {}) {
    const version = options.serverVersion ?? TICK_FAST_PATH_SERVER_VERSIONS.max;
    this.#verified = version >= TICK_FAST_PATH_SERVER_VERSIONS.min && version <= TICK_FAST_PATH_SERVER_VERSIONS.max;
  }

  /**
   * Decodes the frame body `data[start, end)` (after the length prefix) if it is one of the hot
   * messages in the plain layout (and the server version verified): emits its events (stamped
   * `time`) and returns `true`; otherwise emits nothing and returns `false`.
   */
  decode(data: Buffer, start: number, end: number, time: number, emit: (event: IbEvent) => void): boolean {
    const first = data[start];
    if (!this.#verified || first === undefined || first < ZERO || first > NINE) return false;
    this.#data = data;
    this.#pos = start;
    this.#end = end;
    this.#ok = true;
    switch (this.#uint()) {
      case TICK_PRICE:
        return this.#tickPrice(time, emit);
      case TICK_SIZE: {
        this.#uint(); // version
        const reqId = this.#int();
        const tickType = this.#tickType();
        const size = this.#decimal(undefined);
        if (!this.#done()) return false;
        emit({ type: 'tickSize', reqId, tickType, size, time });
        return true;
      }
      case TICK_GENERIC: {
        this.#uint(); // version
        const reqId = this.#int();
        const tickType = this.#tickType();
        const value = this.#decimal(0);
        if (!this.#done() || value === undefined) return false;
        emit({ type: 'tickGeneric', reqId, tickType, value, time });
        return true;
      }
      case TICK_STRING: {
        this.#uint(); // version
        const reqId = this.#int();
        const tickType = this.#tickType();
        const value = this.#ascii();
        if (!this.#done()) return false;
        emit({ type: 'tickString', reqId, tickType, value, time });
        return true;
      }
      default:
        return false;
    }
  }

  #tickPrice(time: number, emit: (event: IbEvent) => void): boolean {
    const version = this.#uint();
    const reqId = this.#int();
    const tickType = this.#tickType();
    const price = this.#decimal(0);
    const size = this.#decimal(undefined);
    this.#optionalUint(); // attribute mask: not part of the IbEvent
    if (!this.#done() || version < PRICE_WITH_ATTRIBUTES || price === undefined) return false;
    emit({ type: 'tickPrice', reqId, tickType, price, time });
    const sizeTickType = SYNTHETIC_SIZE.get(tickType);
    if (sizeTickType !== undefined) emit({ type: 'tickSize', reqId, tickType: sizeTickType, size, time });
    return true;
  }

  /** Every field read and well-formed, and nothing left. */
  #done(): boolean {
    return this.#ok && this.#pos === this.#end;
  }

  #fail(): number {
    this.#ok = false;
    return 0;
  }

  /** An unsigned integer field of 1–9 digits. */
  #uint(): number {
    if (!this.#ok) return 0;
    const data = this.#data;
    const end = this.#end;
    let p = this.#pos;
    let n = 0;
    let digits = 0;
    for (;;) {
      if (p >= end) return this.#fail();
      const b = data[p++] as number;
      if (b === NUL) break;
      if (b < ZERO || b > NINE || ++digits > MAX_INT_DIGITS) return this.#fail();
      n = n * 10 + (b - ZERO);
    }
    if (digits === 0) return this.#fail();
    this.#pos = p;
    return n;
  }

  /** A tick type id field (any id, as the client's `readInt` takes it; unknown ones are mapped later or dropped). */
  #tickType(): TickType {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- a wire id is a TickType by protocol, as in the client
    return this.#uint();
  }

  /** An integer field, optionally negative (`-0` is -0, as `parseInt` gives). */
  #int(): number {
    if (!this.#ok) return 0;
    if (this.#data[this.#pos] !== MINUS) return this.#uint();
    this.#pos++;
    return -this.#uint();
  }

  /** An empty field or an unsigned integer (the value is not needed). */
  #optionalUint(): void {
    if (!this.#ok) return;
    if (this.#data[this.#pos] === NUL && this.#pos < this.#end) this.#pos++;
    else this.#uint();
  }

  /**
   * A decimal `-?d+(.d*)?` with at most 15 digits as `parseFloat` reads it (`m / 10^k` of two exact
   * doubles is the correctly rounded value, like `parseFloat`); `empty` for an empty field.
   */
  #decimal(empty: number | undefined): number | undefined {
    if (!this.#ok) return empty;
    const data = this.#data;
    const end = this.#end;
    let p = this.#pos;
    if (p < end && data[p] === NUL) {
      this.#pos = p + 1;
      return empty;
    }
    const negative = data[p] === MINUS;
    if (negative) p++;
    let mantissa = 0;
    let digits = 0;
    let fraction = -1;
    for (;;) {
      if (p >= end) return this.#fail();
      const b = data[p++] as number;
      if (b === NUL) break;
      if (b === DOT && fraction < 0 && digits > 0) {
        fraction = 0;
        continue;
      }
      if (b < ZERO || b > NINE || ++digits > MAX_DECIMAL_DIGITS) return this.#fail();
      mantissa = mantissa * 10 + (b - ZERO);
      if (fraction >= 0) fraction++;
    }
    if (digits === 0) return this.#fail();
    this.#pos = p;
    const value = fraction > 0 ? mantissa / (POW10[fraction] as number) : mantissa;
    return negative ? -value : value;
  }

  /** A text field of printable ASCII (possibly empty). */
  #ascii(): string {
    if (!this.#ok) return '';
    const data = this.#data;
    const end = this.#end;
    const from = this.#pos;
    let p = from;
    for (;;) {
      if (p >= end) {
        this.#fail();
        return '';
      }
      const b = data[p] as number;
      if (b === NUL) break;
      if (b < 0x20 || b > 0x7e) {
        this.#fail();
        return '';
      }
      p++;
    }
    this.#pos = p + 1;
    return data.toString('latin1', from, p);
  }
}
