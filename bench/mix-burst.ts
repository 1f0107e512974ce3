import { once } from 'node:events';
import type { Socket } from 'node:net';
import { STOCK_MIX_CYCLE, stockMixBlock, wholeCycles } from './tick-mix.js';

/** Cycles per socket write (64 × 128 = 8 192 messages, as the simulator's own burst). */
const CYCLES_PER_WRITE = 64;

/**
 * Writes `n` (rounded up to whole cycles) messages of the `stock` mix to `socket`, round robin over
 * `reqIds` one cycle at a time, as fast as the socket accepts them (waiting for 'drain' when it
 * asks to). Like the simulator's `burst`, but with the realistic mix of tick-mix.ts; it writes to
 * the simulator's server socket directly, so the simulator's counters do not see these messages
 * (the feed tap does). Resolves with the messages written.
 */
export const writeStockMix = async (socket: Socket, reqIds: readonly number[], n: number): Promise<number> => {
  if (reqIds.length === 0) return 0;
  const blocks = reqIds.map((reqId) => stockMixBlock(reqId));
  const cycles = wholeCycles(n) / STOCK_MIX_CYCLE;
  let next = 0;
  for (let written = 0; written < cycles && !socket.destroyed; ) {
    const count = Math.min(CYCLES_PER_WRITE, cycles - written);
    const chunk = Buffer.concat(Array.from({ length: count }, () => blocks[next++ % blocks.length] ?? Buffer.alloc(0)));
    written += count;
    if (!socket.write(chunk)) await Promise.race([once(socket, 'drain'), once(socket, 'close')]);
  }
  return cycles * STOCK_MIX_CYCLE;
};
