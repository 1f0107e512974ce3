import net from 'node:net';
import { encodeProbePrice } from './probe.js';
import { nowUs } from './stats.js';

/**
 * A tap on every server-side socket write in the feed process (the simulator's process): counts
 * the frames and tick frames the simulator puts on the wire and (probe mode) rewrites the price of
 * BID and LAST ticks to carry the send time (see probe.ts). The simulator itself is not changed.
 */
export interface FeedTap {
  /** Tick frames (tickPrice, tickSize, tickGeneric, tickString) written since start. */
  readonly tickFrames: () => number;
  /** All frames written since start. */
  readonly frames: () => number;
  /** Turns the latency probe on or off. */
  readonly setProbe: (on: boolean) => void;
  /** Server sockets that are still open. */
  readonly sockets: () => readonly net.Socket[];
}

const TICK_IDS = new Set(['1', '2', '45', '46']);
const TICK_PRICE = '1';
/** BID and LAST, live and delayed: the simulator's bursts are bid/ask pairs. */
const PROBE_TICK_TYPES = new Set(['1', '4', '66', '68']);
const PRICE_FIELD = 4;

/** Installs the tap (once per process) by wrapping `net.Socket.prototype.write`. */
export const installFeedTap = (): FeedTap => {
  let tickFrames = 0;
  let frames = 0;
  let probe = false;
  const open = new Set<net.Socket>();

  const scan = (chunk: Buffer): Buffer => {
    let offset = 0;
    let rewritten: Buffer[] | undefined;
    let copiedUpTo = 0;
    while (offset + 4 <= chunk.length) {
      const length = chunk.readUInt32BE(offset);
      const end = offset + 4 + length;
      if (end > chunk.length) break;
      const idEnd = chunk.indexOf(0, offset + 4);
      const id = chunk.toString('latin1', offset + 4, idEnd < 0 || idEnd > end ? end : idEnd);
      frames += 1;
      if (TICK_IDS.has(id)) tickFrames += 1;
      if (probe && id === TICK_PRICE) {
        const fields = chunk.toString('utf8', offset + 4, end).split('\0');
        if (PROBE_TICK_TYPES.has(fields[3] ?? '')) {
          fields[PRICE_FIELD] = encodeProbePrice(nowUs());
          const body = Buffer.from(fields.join('\0'), 'utf8');
          const head = Buffer.allocUnsafe(4);
          head.writeUInt32BE(body.length, 0);
          rewritten ??= [];
          rewritten.push(chunk.subarray(copiedUpTo, offset), head, body);
          copiedUpTo = end;
        }
      }
      offset = end;
    }
    if (rewritten === undefined) return chunk;
    rewritten.push(chunk.subarray(copiedUpTo));
    return Buffer.concat(rewritten);
  };

  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call(this, …) below
  const original = net.Socket.prototype.write;
  const tapped = function (this: net.Socket, ...args: unknown[]): boolean {
    if (!open.has(this)) {
      open.add(this);
      this.once('close', () => open.delete(this));
    }
    const [data, ...rest] = args;
    const chunk = typeof data === 'string' ? Buffer.from(data, 'utf8') : data instanceof Uint8Array ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : undefined;
    const out: unknown = chunk === undefined ? data : scan(chunk);
    return (original as (...a: unknown[]) => boolean).call(this, out, ...rest);
  };
  net.Socket.prototype.write = tapped;

  return {
    tickFrames: () => tickFrames,
    frames: () => frames,
    setProbe: (on) => {
      probe = on;
    },
    sockets: () => [...open],
  };
};
