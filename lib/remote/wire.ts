import { createHash } from 'node:crypto';
import type { Bar } from '../bars/bar.js';
import type { MarketStateInput } from '../state/index.js';
import { decodeInputBatch } from './input-batch.js';
import { RemoteProtocolError } from './remote-errors.js';
import type { WireError } from './wire-error.js';

import { REMOTE_PROTOCOL_VERSION } from './protocol-version.js';

export { REMOTE_PROTOCOL_VERSION } from './protocol-version.js';

const V = REMOTE_PROTOCOL_VERSION;

/** The kinds of served streams: market data, bars, depth books, tick-by-tick data, 5-second bars. */
export type StreamKind = 'md' | 'bars' | 'depth' | 'tbt' | 'rtb';

/**
 * The id of a stream on the wire (a subject token): a hash of its kind and sharing key, the same in
 * every process, so a consumer can subscribe to the stream's subject before it joins.
 */
export function streamId(kind: StreamKind, key: string): string {
  return createHash('sha256').update(`${kind}\n${key}`).digest('hex').slice(0, 24);
}

/** What ends a stream batch: the stream failed at the server (the last message of its instance), or join again for a snapshot. */
export type StreamEnd = { readonly kind: 'error'; readonly error: WireError } | { readonly kind: 'resync' };

/** One message of a stream subject, decoded: the stream instance and its inputs, numbered from `firstSeq`. */
export interface StreamBatch<I> {
  /** The served stream's instance (changes when the server starts the stream again). */
  readonly instance: string;
  /** The sequence number of the first input (1, 2, 3 … per instance, no gaps). */
  readonly firstSeq: number;
  readonly inputs: readonly I[];
  /** After the inputs, numbered `firstSeq + inputs.length`. */
  readonly end?: StreamEnd;
}

/** "Join again for a snapshot" (an update too large for one message): `[3, instance, seq, 'r']`. */
export function encodeResync(instance: string, seq: number): string {
  return JSON.stringify([V, instance, seq, 'r']);
}

/** A terminal error of a stream as a stream message (`[3, instance, seq, ['e', WireError]]`, JSON on both stream kinds). */
export function encodeStreamError(instance: string, seq: number, error: WireError): string {
  return JSON.stringify([V, instance, seq, ['e', error]]);
}

/** Splits a JSON stream message into version-checked parts; throws `RemoteProtocolError` naming what is wrong. */
export function streamParts(subject: string, text: string): unknown[] {
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

/** The error part of a JSON stream message (`['e', WireError]`), or undefined. */
export function errorPart(part: unknown): WireError | undefined {
  if (!Array.isArray(part) || part[0] !== 'e' || typeof part[1] !== 'object' || part[1] === null) return undefined;
  return part[1] as WireError;
}

/** The first byte of a JSON stream message (`[`); a binary batch starts with its version byte. */
const JSON_ARRAY = 0x5b;

/**
 * A market-data stream message, decoded: a binary batch of inputs ({@link encodeInputBatch}), or
 * a JSON error message ({@link encodeStreamError}). Throws `RemoteProtocolError` naming what is
 * wrong: another payload version (binary or JSON), a truncated or garbled batch.
 */
export function decodeInputs(subject: string, data: Uint8Array): StreamBatch<MarketStateInput> {
  if (data[0] !== JSON_ARRAY) return decodeInputBatch(subject, data);
  const p = streamParts(subject, textDecoder.decode(data));
  const error = errorPart(p[3]);
  if (error === undefined || p.length !== 4) throw new RemoteProtocolError(subject, `unknown message kind ${JSON.stringify(p[3])}`);
  return { instance: p[1] as string, firstSeq: p[2] as number, inputs: [], end: { kind: 'error', error } };
}

const textDecoder = new TextDecoder();

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

/** A bars update as a stream message (`[3, instance, seq, 'b', closed, forming | null, stale]`). */
export function encodeBarsUpdate(instance: string, seq: number, update: BarsUpdate): string {
  return JSON.stringify([V, instance, seq, 'b', update.closed.map(barTuple), update.forming === undefined ? null : barTuple(update.forming), update.stale ? 1 : 0]);
}

/** A bars stream message, decoded. */
export function decodeBarsUpdate(subject: string, text: string): StreamBatch<BarsUpdate> {
  const p = streamParts(subject, text);
  const instance = p[1] as string;
  const seq = p[2] as number;
  const error = errorPart(p[3]);
  if (error !== undefined) return { instance, firstSeq: seq, inputs: [], end: { kind: 'error', error } };
  if (p[3] === 'r') return { instance, firstSeq: seq, inputs: [], end: { kind: 'resync' } };
  if (p[3] !== 'b') throw new RemoteProtocolError(subject, `unknown message kind ${JSON.stringify(p[3])}`);
  const forming = p[5] as BarTuple | null;
  return { instance, firstSeq: seq, inputs: [{ type: 'bars', closed: (p[4] as BarTuple[]).map(tupleBar), forming: forming === null ? undefined : tupleBar(forming), stale: p[6] === 1 }] };
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
