import { createHash } from 'node:crypto';
import type { Bar } from '../bars/bar.js';
import type { DataType } from '../config/index.js';
import type { MarketStateInput } from '../state/index.js';
import type { OptionGreeks } from '../ticks/option-greeks.js';
import type { Tick } from '../ticks/tick.js';
import { RemoteProtocolError } from './remote-errors.js';
import type { WireError } from './wire-error.js';

/** The version of every payload this side writes and the only one it reads (docs/remote.md). */
export const REMOTE_PROTOCOL_VERSION = 1;

const V = REMOTE_PROTOCOL_VERSION;

/**
 * The id of a stream on the wire (a subject token): a hash of its kind and sharing key, the same in
 * every process, so a consumer can subscribe to the stream's subject before it joins.
 */
export function streamId(kind: 'md' | 'bars', key: string): string {
  return createHash('sha256').update(`${kind}\n${key}`).digest('hex').slice(0, 24);
}

/** One message of a stream subject, decoded: the stream instance, its sequence number and the body. */
export type StreamMessage<I> = {
  /** The served stream's instance (changes when the server starts the stream again). */
  readonly instance: string;
  /** 1, 2, 3 … per instance, no gaps. */
  readonly seq: number;
} & (
  | { readonly kind: 'input'; readonly input: I }
  /** The stream failed at the server: the last message of its instance. */
  | { readonly kind: 'error'; readonly error: WireError }
  /** Join again for a snapshot (an update too large for one message). */
  | { readonly kind: 'resync' }
);

/** "Join again for a snapshot" (an update too large for one message): `[1, instance, seq, 'r']`. */
export function encodeResync(instance: string, seq: number): string {
  return JSON.stringify([V, instance, seq, 'r']);
}

type GreeksTuple = readonly (number | null)[];
const GREEK_KEYS = ['impliedVol', 'delta', 'gamma', 'vega', 'theta', 'optPrice', 'undPrice'] as const satisfies readonly (keyof OptionGreeks)[];

const encodeValue = (tick: Tick): unknown => {
  if (tick.field === 'greeks') return GREEK_KEYS.map((key) => tick.value[key] ?? null);
  if (tick.field === 'halted') return tick.value ? 1 : 0;
  return tick.value;
};

/** One market-data input as a batch part (`['t', field, value, time, delayed, reqId]`, `['m', type]`, `['s', 0|1]`). */
export function inputPart(input: MarketStateInput): unknown[] {
  switch (input.type) {
    case 'tick':
      return ['t', input.field, encodeValue(input), input.time, input.delayed ? 1 : 0, input.reqId];
    case 'marketDataType':
      return ['m', input.marketDataType];
    case 'stale':
      return ['s', input.stale ? 1 : 0];
  }
}

/**
 * Market-data inputs with consecutive sequence numbers as one stream message
 * (`[1, instance, firstSeq, part, part, …]`, see docs/remote.md): the inputs one socket read
 * delivered travel together.
 */
export function encodeInputs(instance: string, firstSeq: number, parts: readonly unknown[][]): string {
  return JSON.stringify([V, instance, firstSeq, ...parts]);
}

/** A terminal error of a stream as a stream message (`[1, instance, seq, ['e', WireError]]`). */
export function encodeStreamError(instance: string, seq: number, error: WireError): string {
  return JSON.stringify([V, instance, seq, ['e', error]]);
}

const decodeTick = (field: string, value: unknown, time: number, delayed: boolean, reqId: number): Tick => {
  if (field === 'greeks') {
    const tuple = value as GreeksTuple;
    const greeks = Object.fromEntries(GREEK_KEYS.map((key, i) => [key, tuple[i] ?? undefined])) as unknown as OptionGreeks;
    return { type: 'tick', field, value: greeks, time, delayed, reqId };
  }
  if (field === 'halted') return { type: 'tick', field, value: value === 1, time, delayed, reqId };
  return { type: 'tick', field, value, time, delayed, reqId } as Tick;
};

/** Splits a stream message into version-checked parts; throws `RemoteProtocolError` naming what is wrong. */
function streamParts(subject: string, text: string): unknown[] {
  let parts: unknown;
  try {
    parts = JSON.parse(text);
  } catch {
    throw new RemoteProtocolError(subject, 'not JSON');
  }
  if (!Array.isArray(parts) || parts.length < 4) throw new RemoteProtocolError(subject, 'not a stream message');
  if (parts[0] !== V) throw new RemoteProtocolError(subject, `payload version ${String(parts[0])}; this ib-rx speaks version ${V}`);
  if (typeof parts[1] !== 'string' || typeof parts[2] !== 'number') throw new RemoteProtocolError(subject, 'no instance or sequence number');
  return parts;
}

/** A market-data stream message, decoded: one message per part, with its sequence number (see {@link encodeInputs}). */
export function decodeInputs(subject: string, text: string): StreamMessage<MarketStateInput>[] {
  const p = streamParts(subject, text);
  const instance = p[1] as string;
  const first = p[2] as number;
  const out: StreamMessage<MarketStateInput>[] = [];
  for (let i = 3; i < p.length; i++) {
    const part = p[i];
    if (!Array.isArray(part)) throw new RemoteProtocolError(subject, 'a part that is not an array');
    const seq = first + i - 3;
    switch (part[0]) {
      case 't':
        out.push({ instance, seq, kind: 'input', input: decodeTick(part[1] as string, part[2], part[3] as number, part[4] === 1, part[5] as number) });
        break;
      case 'm':
        out.push({ instance, seq, kind: 'input', input: { type: 'marketDataType', marketDataType: part[1] as DataType } });
        break;
      case 's':
        out.push({ instance, seq, kind: 'input', input: { type: 'stale', stale: part[1] === 1 } });
        break;
      case 'e':
        out.push({ instance, seq, kind: 'error', error: part[1] as WireError });
        break;
      default:
        throw new RemoteProtocolError(subject, `unknown message kind ${JSON.stringify(part[0])}`);
    }
  }
  return out;
}

/** A bar as it travels: `[start, end, open, high, low, close, volume, trades, wap?]`. */
export type BarTuple = readonly number[];

/** A bar as a {@link BarTuple}. */
export function barTuple(bar: Bar): BarTuple {
  const tuple = [bar.start, bar.end, bar.open, bar.high, bar.low, bar.close, bar.volume, bar.trades];
  if (bar.wap !== undefined) tuple.push(bar.wap);
  return tuple;
}

/** The bar a {@link BarTuple} describes. */
export function tupleBar(t: BarTuple): Bar {
  const bar = { start: t[0] ?? 0, end: t[1] ?? 0, open: t[2] ?? 0, high: t[3] ?? 0, low: t[4] ?? 0, close: t[5] ?? 0, volume: t[6] ?? 0, trades: t[7] ?? 0 };
  return t[8] === undefined ? bar : { ...bar, wap: t[8] };
}

/** One update of a bars stream: the bars closed since the last update, the forming bar, the flag. */
export interface BarsUpdate {
  readonly type: 'bars';
  readonly closed: readonly Bar[];
  readonly forming: Bar | undefined;
  readonly stale: boolean;
}

/** A bars update as a stream message (`[1, instance, seq, 'b', closed, forming | null, stale]`). */
export function encodeBarsUpdate(instance: string, seq: number, update: BarsUpdate): string {
  return JSON.stringify([V, instance, seq, 'b', update.closed.map(barTuple), update.forming === undefined ? null : barTuple(update.forming), update.stale ? 1 : 0]);
}

/** A bars stream message, decoded. */
export function decodeBarsUpdate(subject: string, text: string): StreamMessage<BarsUpdate> {
  const p = streamParts(subject, text);
  const instance = p[1] as string;
  const seq = p[2] as number;
  const part = p[3];
  if (Array.isArray(part) && part[0] === 'e') return { instance, seq, kind: 'error', error: part[1] as WireError };
  if (p[3] === 'r') return { instance, seq, kind: 'resync' };
  if (p[3] !== 'b') throw new RemoteProtocolError(subject, `unknown message kind ${JSON.stringify(p[3])}`);
  const forming = p[5] as BarTuple | null;
  return { instance, seq, kind: 'input', input: { type: 'bars', closed: (p[4] as BarTuple[]).map(tupleBar), forming: forming === null ? undefined : tupleBar(forming), stale: p[6] === 1 } };
}

/** A control payload (every `ctl` and `server` subject): a JSON object with `v`. */
export function encodeControl(payload: object): string {
  return JSON.stringify({ v: V, ...payload });
}

/** A control payload, decoded (callers cast it to the payload type of the subject): throws `RemoteProtocolError` for anything but a JSON object of this version. */
export function decodeControl(subject: string, text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RemoteProtocolError(subject, 'not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RemoteProtocolError(subject, 'not a JSON object');
  const { v } = value as { readonly v?: unknown };
  if (v !== V) throw new RemoteProtocolError(subject, `payload version ${String(v)}; this ib-rx speaks version ${V}`);
  return value;
}
