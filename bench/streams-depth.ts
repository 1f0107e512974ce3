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
import { IBApiNext, MarketDataType, SecType, type OrderBookRows } from '@stoqey/ib';
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Subscription } from 'rxjs';
import { IbSession } from '../lib/session/ib-session.js';
import type { DepthLevel } from '../lib/streams/depth/order-book.js';
import { machineInfo, finishMachineInfo } from './machine.js';
import { median, sleep } from './stats.js';

const HOST = '127.0.0.1';
const SYMBOL = 'AAPL';
const QUIET_MS = 1500;
/** CPU time is read at most once per this many ms of deliveries (reading it per update would cost more than some updates). */
const STAMP_MS = 5;

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

async function runFeed(): Promise<void> {
  const { startSimulator } = await import('../lib/sim/index.js');
  const sim = await startSimulator({ port: 0, depthRateHz: 0, rateHz: 0, depthRequests: 10 });
  const reply = (message: object): void => { process.stdout.write(`${JSON.stringify(message)}\n`); };
  reply({ port: sim.port });
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    const command = JSON.parse(line) as { cmd: string; n?: number; rows?: number };
    if (command.cmd === 'burst') {
      const result = await sim.depthBurst(SYMBOL, command.n ?? 0);
      // Let the sockets drain before reading the counters.
      await sleep(50);
      const sent = sim.stats().depthUpdatesSent;
      const book = sim.depthBook(SYMBOL);
      const rows = command.rows ?? 10;
      reply({ ...result, sent, book: { bids: book.bids.slice(0, rows), asks: book.asks.slice(0, rows) } });
    } else if (command.cmd === 'sent') {
      reply({ sent: sim.stats().depthUpdatesSent });
    } else break;
  }
  await sim.close();
}

// ---------------------------------------------------------------------------------------------
// The runner.

interface Feed {
  readonly port: number;
  readonly ask: <T>(command: object) => Promise<T>;
  readonly close: () => Promise<void>;
}

async function startFeed(): Promise<Feed> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--feed'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const { stdout, stdin } = child;
  if (stdout === null || stdin === null) throw new Error('feed process has no stdio');
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: stdout }).on('line', (line) => { waiting.shift()?.(line); });
  const next = (): Promise<string> => new Promise((resolve) => { waiting.push(resolve); });
  const { port } = JSON.parse(await next()) as { port: number };
  const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));
  return {
    port,
    ask: async <T>(command: object): Promise<T> => {
      const answer = next();
      stdin.write(`${JSON.stringify(command)}\n`);
      return JSON.parse(await answer) as T;
    },
    close: async () => {
      stdin.end();
      await exited;
    },
  };
}

/** A client under test: counts deliveries, stamps the last one, and reads its current book. */
interface DepthClient {
  count: number;
  lastMs: number;
  /** This process' CPU time (µs) at a delivery at most STAMP_MS before the last one. */
  lastCpuUs: number;
  readonly book: () => { bids: { price: number; size: number }[]; asks: { price: number; size: number }[] };
  readonly close: () => Promise<void>;
}

const contract = { symbol: SYMBOL, secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
const plain = (levels: readonly { price?: number | undefined; size?: number | undefined }[]): { price: number; size: number }[] =>
  levels.map((l) => ({ price: l.price ?? Number.NaN, size: l.size ?? Number.NaN }));

const cpuUs = (): number => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** Counts one delivery; stamps its time, and the CPU time when the last stamp is older than STAMP_MS. */
function delivered(client: DepthClient): void {
  client.count++;
  const now = performance.now();
  if (now - client.lastMs > STAMP_MS) client.lastCpuUs = cpuUs();
  client.lastMs = now;
}

function ibRxClient(port: number, rows: number): DepthClient {
  const session = new IbSession({ api: { port, client_id: 1 }, market_data: { data_type: 'realtime' }, limits: { max_messages_per_s: 45 } });
  let bids: readonly DepthLevel[] = [];
  let asks: readonly DepthLevel[] = [];
  const client: DepthClient = {
    count: 0,
    lastMs: 0,
    lastCpuUs: 0,
    book: () => ({ bids: plain(bids), asks: plain(asks) }),
    close: async () => {
      sub.unsubscribe();
      await session.close();
    },
  };
  const sub: Subscription = session.depth$(SYMBOL, { rows, smart: true }).subscribe({
    next: (book) => {
      delivered(client);
      bids = book.bids;
      asks = book.asks;
    },
    error: (error: unknown) => { console.error('ib-rx depth$ failed:', error); },
  });
  return client;
}

function nextClient(port: number, rows: number): DepthClient {
  const api = new IBApiNext({ host: HOST, port, maxReqPerSec: 45 });
  api.connect(2);
  api.setMarketDataType(MarketDataType.REALTIME);
  let bids: OrderBookRows | undefined;
  let asks: OrderBookRows | undefined;
  const inOrder = (row: OrderBookRows | undefined): { price?: number | undefined; size?: number | undefined }[] =>
    row === undefined ? [] : [...row.entries()].sort(([a], [b]) => a - b).map(([, v]) => v);
  const client: DepthClient = {
    count: 0,
    lastMs: 0,
    lastCpuUs: 0,
    book: () => ({ bids: plain(inOrder(bids)), asks: plain(inOrder(asks)) }),
    close: async () => {
      sub.unsubscribe();
      api.disconnect();
      await sleep(50);
    },
  };
  const sub = api.getMarketDepth(contract, rows, true).subscribe({
    next: (update) => {
      delivered(client);
      bids = update.all.bids;
      asks = update.all.asks;
    },
    error: (error: unknown) => { console.error('IBApiNext getMarketDepth failed:', error); },
  });
  return client;
}

const same = (a: { price: number; size: number }[], b: readonly Level[]): boolean =>
  a.length === b.length && a.every((l, i) => l.price === b[i]?.price && l.size === b[i].size);

/** Waits until `count()` stops moving for QUIET_MS (or reaches `target`). */
async function settle(count: () => number, target: number): Promise<void> {
  let last = -1;
  let since = performance.now();
  while (count() < target) {
    await sleep(20);
    if (count() !== last) {
      last = count();
      since = performance.now();
    } else if (performance.now() - since > QUIET_MS) return;
  }
}


async function oneRound(kind: DepthBenchRow['client'], rows: number, n: number): Promise<{ rate: number; cpuRate: number; messages: number; delivered: number; feedMs: number; correct: boolean }> {
  const feed = await startFeed();
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
    const results = new Map<DepthBenchRow['client'], Awaited<ReturnType<typeof oneRound>>[]>();
    for (let round = 0; round < rounds; round++) {
      for (const kind of ['ib-rx depth$', 'IBApiNext getMarketDepth'] as const) {
        const r = await oneRound(kind, rows, n);
        log(`rows ${rows} round ${round + 1} ${kind}: ${Math.round(r.rate)} updates/s, ${Math.round(r.cpuRate)} per CPU-s (${r.delivered} of ${r.messages} delivered, feed ${Math.round(r.feedMs)} ms, book ${r.correct ? 'equal to' : 'DIFFERENT from'} the simulator's)`);
        results.set(kind, [...(results.get(kind) ?? []), r]);
      }
    }
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

async function main(): Promise<void> {
  if (process.argv.includes('--feed')) {
    await runFeed();
    return;
  }
  const machine = machineInfo();
  const rows = await runDepthBench({ quick: process.argv.includes('--quick') });
  console.log(JSON.stringify({ depth: rows, machine: finishMachineInfo(machine) }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
