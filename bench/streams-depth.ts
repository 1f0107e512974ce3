// Market depth (issue #16): updates per second through `session.depth$` at 10 and 50 rows, side by
// side with @stoqey/ib's IBApiNext `getMarketDepth` on the same simulator feed (the simulator in its
// own process, so generating the book never competes with the client under test). Each run also
// checks the client's final book against the simulator's own book.
//
//   node --import tsx bench/streams-depth.ts [--quick]
//
// Per round and client: a fresh simulator (depthRateHz 0), one smart-depth request for AAPL, its
// first rows, then `depthBurst(N)` (N random market events of the depth driver: inserts at occupied
// positions, updates, deletes, the top following the quote). The rate is the updates the client
// delivered to its subscriber divided by the time from the burst command to the last delivery
// (bounded by how fast the simulator generates the book), and per second of this process' CPU time
// (what the client itself costs).
import type { OrderBookRows } from '@stoqey/ib';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { DepthLevel } from '../lib/streams/depth/order-book.js';
import { median, sleep } from './stats.js';
import {
  FEED_SYMBOL as SYMBOL, alternateClients, cpuUs, feedContract, noDeliveries, openIbApiNext, openIbRx, serveStreamFeed,
  settle, stampDelivery, startStreamFeed, streamBenchMain, type DeliveryStamps,
} from './stream-feed.js';

/** One client's figures at one row count (medians of the rounds). */
export interface DepthBenchRow {
  readonly client: 'ib-rx depth$' | 'IBApiNext getMarketDepth';
  readonly rows: number;
  readonly updatesPerS: number;
  /**
   * Updates delivered per second of this process' CPU time during the burst (the feed runs in its
   * own process): what the client costs, whatever share of a core it got on a loaded machine.
   */
  readonly updatesPerCpuS: number;
  /** Depth messages the simulator sent to the client per round. */
  readonly messages: number;
  /** Updates delivered to the subscriber per round (IBApiNext may deliver fewer than it was sent). */
  readonly delivered: number;
  /** The feed's own time for the burst (the simulator generating and writing it), ms. */
  readonly feedMs: number;
  /** In how many rounds the client's final book equalled the simulator's own book. */
  readonly correctRounds: number;
  readonly rounds: number;
}

interface Level { readonly price: number; readonly size: number; readonly marketMaker: string }
interface SimBook { readonly bids: readonly Level[]; readonly asks: readonly Level[] }
interface BurstReply { readonly operations: number; readonly ms: number; readonly sent: number; readonly book: SimBook }

// ---------------------------------------------------------------------------------------------
// The feed: this file run with --feed (the simulator and a JSON-lines command loop on stdin).

function runFeed(): Promise<void> {
  return serveStreamFeed({ port: 0, depthRateHz: 0, rateHz: 0, depthRequests: 10 }, async (sim, command) => {
    if (command.cmd === 'burst') {
      const result = await sim.depthBurst(SYMBOL, command.n ?? 0);
      // Let the sockets drain before reading the counters.
      await sleep(50);
      const sent = sim.stats().depthUpdatesSent;
      const book = sim.depthBook(SYMBOL);
      const rows = command.rows ?? 10;
      return { ...result, sent, book: { bids: book.bids.slice(0, rows), asks: book.asks.slice(0, rows) } };
    }
    if (command.cmd === 'sent') return { sent: sim.stats().depthUpdatesSent };
    return undefined;
  });
}

// ---------------------------------------------------------------------------------------------
// The runner.

/** A client under test: counts deliveries, stamps the last one, and reads its current book. */
interface DepthClient extends DeliveryStamps {
  readonly book: () => { bids: { price: number; size: number }[]; asks: { price: number; size: number }[] };
  readonly close: () => Promise<void>;
}

const plain = (levels: readonly { price?: number | undefined; size?: number | undefined }[]): { price: number; size: number }[] =>
  levels.map((l) => ({ price: l.price ?? Number.NaN, size: l.size ?? Number.NaN }));

function ibRxClient(port: number, rows: number): DepthClient {
  let bids: readonly DepthLevel[] = [];
  let asks: readonly DepthLevel[] = [];
  const client: DepthClient = {
    ...noDeliveries(),
    book: () => ({ bids: plain(bids), asks: plain(asks) }),
    close: () => close(),
  };
  const close = openIbRx(port, (session) => session.depth$(SYMBOL, { rows, smart: true }).subscribe({
    next: (book) => {
      stampDelivery(client);
      bids = book.bids;
      asks = book.asks;
    },
    error: (error: unknown) => { console.error('ib-rx depth$ failed:', error); },
  }));
  return client;
}

function nextClient(port: number, rows: number): DepthClient {
  let bids: OrderBookRows | undefined;
  let asks: OrderBookRows | undefined;
  const inOrder = (row: OrderBookRows | undefined): { price?: number | undefined; size?: number | undefined }[] =>
    row === undefined ? [] : [...row.entries()].sort(([a], [b]) => a - b).map(([, v]) => v);
  const client: DepthClient = {
    ...noDeliveries(),
    book: () => ({ bids: plain(inOrder(bids)), asks: plain(inOrder(asks)) }),
    close: () => close(),
  };
  const close = openIbApiNext(port, (api) => api.getMarketDepth(feedContract, rows, true).subscribe({
    next: (update) => {
      stampDelivery(client);
      bids = update.all.bids;
      asks = update.all.asks;
    },
    error: (error: unknown) => { console.error('IBApiNext getMarketDepth failed:', error); },
  }));
  return client;
}

const same = (a: { price: number; size: number }[], b: readonly Level[]): boolean =>
  a.length === b.length && a.every((l, i) => l.price === b[i]?.price && l.size === b[i].size);

async function oneRound(kind: DepthBenchRow['client'], rows: number, n: number): Promise<{ rate: number; cpuRate: number; messages: number; delivered: number; feedMs: number; correct: boolean }> {
  const feed = await startStreamFeed(import.meta.url);
  const client = kind === 'ib-rx depth$' ? ibRxClient(feed.port, rows) : nextClient(feed.port, rows);
  try {
    // The first rows: 2 × rows inserts.
    await settle(() => client.count, 2 * rows);
    const { sent: before } = await feed.ask<{ sent: number }>({ cmd: 'sent' });
    const countBefore = client.count;
    const started = performance.now();
    const cpuStarted = cpuUs();
    const burst = await feed.ask<BurstReply>({ cmd: 'burst', n, rows });
    const messages = burst.sent - before;
    await settle(() => client.count - countBefore, messages);
    const cpuRate = (client.count - countBefore) / ((client.lastCpuUs - cpuStarted) / 1e6);
    const delivered = client.count - countBefore;
    const rate = delivered / ((client.lastMs - started) / 1000);
    const book = client.book();
    const correct = same(book.bids, burst.book.bids) && same(book.asks, burst.book.asks);
    return { rate, cpuRate, messages, delivered, feedMs: burst.ms, correct };
  } finally {
    await client.close();
    await feed.close();
  }
}

/** Runs every client at 10 and 50 rows, alternating clients per round. */
export async function runDepthBench(options: { readonly quick?: boolean; readonly log?: (line: string) => void } = {}): Promise<readonly DepthBenchRow[]> {
  const log = options.log ?? ((line: string) => { console.log(line); });
  const rounds = options.quick === true ? 1 : 3;
  const n = options.quick === true ? 20_000 : 100_000;
  const out: DepthBenchRow[] = [];
  for (const rows of [10, 50]) {
    const results = await alternateClients(['ib-rx depth$', 'IBApiNext getMarketDepth'] as const, rounds, async (kind, round) => {
      const r = await oneRound(kind, rows, n);
      log(`rows ${rows} round ${round + 1} ${kind}: ${Math.round(r.rate)} updates/s, ${Math.round(r.cpuRate)} per CPU-s (${r.delivered} of ${r.messages} delivered, feed ${Math.round(r.feedMs)} ms, book ${r.correct ? 'equal to' : 'DIFFERENT from'} the simulator's)`);
      return r;
    });
    for (const [client, rs] of results) {
      out.push({
        client, rows, rounds,
        updatesPerS: Math.round(median(rs.map((r) => r.rate))),
        updatesPerCpuS: Math.round(median(rs.map((r) => r.cpuRate))),
        messages: Math.round(median(rs.map((r) => r.messages))),
        delivered: Math.round(median(rs.map((r) => r.delivered))),
        feedMs: Math.round(median(rs.map((r) => r.feedMs))),
        correctRounds: rs.filter((r) => r.correct).length,
      });
    }
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await streamBenchMain('depth', runFeed, runDepthBench);
