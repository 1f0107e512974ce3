import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { SimConnection } from './connection.js';
import { frameBody, LENGTH_PREFIX_BYTES, packBodies } from './frame.js';
import { tickPriceMsg } from './server-messages.js';
import type { Subscription } from './sim-context.js';
import type { BurstResult } from './simulator-api.js';
import { TickId } from './tick-ids.js';

const BURST_CHUNK = 8192;
/** Burst messages are cycled from this many pre-encoded bid / ask frames per subscription. */
const BURST_CYCLE = 100;

/** The pre-encoded frames a burst repeats for one subscription, and where each frame ends. */
const burstCycle = (sub: Subscription): { block: Buffer; ends: number[] } => {
  const base = sub.feed.book.get('bid') ?? 100;
  const bodies: string[] = [];
  for (let i = 0; i < BURST_CYCLE; i++) {
    const tickType = i % 2 === 0 ? TickId.BID : TickId.ASK;
    bodies.push(frameBody(tickPriceMsg(sub.reqId, tickType, base + (i % 50) / 100, 1 + (i % 9))));
  }
  const block = packBodies(bodies);
  const ends: number[] = [];
  let offset = 0;
  for (const body of bodies) ends.push((offset += LENGTH_PREFIX_BYTES + Buffer.byteLength(body)));
  return { block, ends };
};

/**
 * Writes `n` tickPrice messages to the subscriptions, round robin in runs of BURST_CYCLE, one
 * socket write per connection and chunk, waiting for 'drain' when a socket asks to.
 */
export const burstTo = async (
  subs: readonly { readonly conn: SimConnection; readonly sub: Subscription }[],
  n: number,
  closed: () => boolean,
): Promise<BurstResult> => {
  const targets = subs.map(({ conn, sub }) => ({ conn, ...burstCycle(sub) }));
  if (targets.length === 0 || n <= 0) return { messages: 0, bytes: 0, ms: 0 };
  for (const { conn } of targets) conn.outbox.flush();
  const started = performance.now();
  let messages = 0;
  let bytes = 0;
  let next = 0;
  while (messages < n && !closed()) {
    const perConn = new Map<SimConnection, { chunks: Buffer[]; count: number }>();
    const chunkEnd = Math.min(n, messages + BURST_CHUNK);
    while (messages < chunkEnd) {
      const target = targets[next++ % targets.length];
      if (!target) break;
      const count = Math.min(BURST_CYCLE, chunkEnd - messages);
      const entry = perConn.get(target.conn) ?? { chunks: [], count: 0 };
      perConn.set(target.conn, entry);
      entry.chunks.push(count === BURST_CYCLE ? target.block : target.block.subarray(0, target.ends[count - 1]));
      entry.count += count;
      messages += count;
    }
    const waits: Promise<unknown>[] = [];
    /** Ends the `once` listeners of the waits that did not fire (one per socket and event would pile up over a long burst). */
    const waited = new AbortController();
    for (const [conn, { chunks, count }] of perConn) {
      if (conn.socket.destroyed) continue;
      const chunk = Buffer.concat(chunks);
      conn.counters.messages += count;
      conn.counters.ticksSent += count;
      conn.counters.bytes += chunk.length;
      bytes += chunk.length;
      if (!conn.socket.write(chunk)) {
        const { signal } = waited;
        waits.push(Promise.race([once(conn.socket, 'drain', { signal }), once(conn.socket, 'close', { signal })]));
      }
    }
    if (waits.length > 0) {
      try {
        await Promise.all(waits);
      } finally {
        waited.abort();
      }
    }
  }
  return { messages, bytes, ms: performance.now() - started };
};
