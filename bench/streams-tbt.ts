// Tick-by-tick (issue #16): messages per second through `session.tickByTick$` side by side with
// @stoqey/ib's IBApiNext `getTickByTickAllLastDataUpdates` on the same simulator feed (the
// simulator in its own process, so generating the feed never competes with the client under test).
//
//   node --import tsx bench/streams-tbt.ts [--quick]
//
// Per round and client: a fresh simulator (rateHz 0: no market events of its own), one Last
// request for AAPL, then `tickByTickBurst(N)`: N synthetic trades written as fast as the event loop
// allows. The rate is the trades the client delivered to its subscriber divided by the time from the
// burst command to the last delivery (bounded by how fast the feed writes), and per second of this
// process' CPU time (what the client itself costs). Each run also checks what was delivered: the
// last trade equals the feed's last one, and whether every delivery was a new object (IBApiNext
// re-emits one mutated object).
import { IBApiNext, MarketDataType, SecType } from '@stoqey/ib';
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Subscription } from 'rxjs';
import { IbSession } from '../lib/session/ib-session.js';
import { machineInfo, finishMachineInfo } from './machine.js';
import { median, sleep } from './stats.js';

const HOST = '127.0.0.1';
const SYMBOL = 'AAPL';
const QUIET_MS = 1500;
/** CPU time is read at most once per this many ms of deliveries. */
const STAMP_MS = 5;

/** One client's figures (medians of the rounds). */
export interface TickByTickBenchRow {
  readonly client: 'ib-rx tickByTick$' | 'IBApiNext getTickByTickAllLastDataUpdates';
  readonly messagesPerS: number;
  /** Trades delivered per second of this process' CPU time during the burst (the feed runs in its own process). */
  readonly messagesPerCpuS: number;
  /** Tick-by-tick messages the simulator sent per round. */
  readonly messages: number;
  /** Trades delivered to the subscriber per round. */
  readonly delivered: number;
  /** Distinct objects among the deliveries of a round (ib-rx: one per trade; IBApiNext: one mutated object). */
  readonly distinctObjects: number;
  /** The feed's own time for the burst, ms. */
  readonly feedMs: number;
  /** In how many rounds every trade was delivered and the last one equalled the feed's last trade. */
  readonly correctRounds: number;
  readonly rounds: number;
}

// ---------------------------------------------------------------------------------------------
// The feed: this file run with --feed (the simulator and a JSON-lines command loop on stdin).

async function runFeed(): Promise<void> {
  const { startSimulator } = await import('../lib/sim/index.js');
  const sim = await startSimulator({ port: 0, rateHz: 0, streams: { tickByTickSpacingMs: 0 } });
  const reply = (message: object): void => { process.stdout.write(`${JSON.stringify(message)}\n`); };
  reply({ port: sim.port });
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    const command = JSON.parse(line) as { cmd: string; n?: number };
    if (command.cmd === 'burst') {
      const result = await sim.tickByTickBurst(SYMBOL, command.n ?? 0);
      await sleep(50);
      reply({ ...result, sent: sim.stats().tickByTickSent });
    } else if (command.cmd === 'subscribed') {
      reply({ subscribed: sim.stats().tickByTickSubscriptions, sent: sim.stats().tickByTickSent });
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

/** A client under test: counts deliveries, stamps the last one, keeps the last price and the objects seen. */
interface TradeClient {
  count: number;
  lastMs: number;
  lastCpuUs: number;
  lastPrice: number | undefined;
  readonly objects: Set<object>;
  readonly close: () => Promise<void>;
}

const contract = { symbol: SYMBOL, secType: SecType.STK, exchange: 'SMART', currency: 'USD' };

const cpuUs = (): number => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** Counts one delivery; stamps its time, and the CPU time when the last stamp is older than STAMP_MS. */
function delivered(client: TradeClient, trade: object, price: number | undefined): void {
  client.count++;
  client.lastPrice = price;
  if (client.objects.size < 2 || client.count <= 1000) client.objects.add(trade);
  const now = performance.now();
  if (now - client.lastMs > STAMP_MS) client.lastCpuUs = cpuUs();
  client.lastMs = now;
}

function newClient(): Omit<TradeClient, 'close'> {
  return { count: 0, lastMs: 0, lastCpuUs: 0, lastPrice: undefined, objects: new Set() };
}

function ibRxClient(port: number): TradeClient {
  const session = new IbSession({ api: { port, client_id: 1 }, market_data: { data_type: 'realtime' }, limits: { max_messages_per_s: 45 } });
  const client: TradeClient = {
    ...newClient(),
    close: async () => {
      sub.unsubscribe();
      await session.close();
    },
  };
  const sub: Subscription = session.tickByTick$(SYMBOL, 'Last').subscribe({
    next: (trade) => { delivered(client, trade, trade.price); },
    error: (error: unknown) => { console.error('ib-rx tickByTick$ failed:', error); },
  });
  return client;
}

function nextClient(port: number): TradeClient {
  const api = new IBApiNext({ host: HOST, port, maxReqPerSec: 45 });
  api.connect(2);
  api.setMarketDataType(MarketDataType.REALTIME);
  const client: TradeClient = {
    ...newClient(),
    close: async () => {
      sub.unsubscribe();
      api.disconnect();
      await sleep(50);
    },
  };
  const sub = api.getTickByTickAllLastDataUpdates(contract).subscribe({
    next: (trade) => { delivered(client, trade, trade.price); },
    error: (error: unknown) => { console.error('IBApiNext getTickByTickAllLastDataUpdates failed:', error); },
  });
  return client;
}

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

interface Round { rate: number; cpuRate: number; messages: number; delivered: number; distinct: number; feedMs: number; correct: boolean }

async function oneRound(kind: TickByTickBenchRow['client'], n: number): Promise<Round> {
  const feed = await startFeed();
  const client = kind === 'ib-rx tickByTick$' ? ibRxClient(feed.port) : nextClient(feed.port);
  try {
    for (let i = 0; i < 500; i++) {
      const { subscribed } = await feed.ask<{ subscribed: number }>({ cmd: 'subscribed' });
      if (subscribed > 0) break;
      await sleep(10);
    }
    const { sent: before } = await feed.ask<{ sent: number }>({ cmd: 'subscribed' });
    const started = performance.now();
    const cpuStarted = cpuUs();
    const burst = await feed.ask<{ messages: number; ms: number; sent: number; lastPrice?: number }>({ cmd: 'burst', n });
    const messages = burst.sent - before;
    await settle(() => client.count, messages);
    const cpuRate = client.count / ((client.lastCpuUs - cpuStarted) / 1e6);
    const rate = client.count / ((client.lastMs - started) / 1000);
    const correct = client.count === messages && client.lastPrice === burst.lastPrice;
    return { rate, cpuRate, messages, delivered: client.count, distinct: client.objects.size, feedMs: burst.ms, correct };
  } finally {
    await client.close();
    await feed.close();
  }
}

/** Runs both clients, alternating per round. */
export async function runTickByTickBench(options: { readonly quick?: boolean; readonly log?: (line: string) => void } = {}): Promise<readonly TickByTickBenchRow[]> {
  const log = options.log ?? ((line: string) => { console.log(line); });
  const rounds = options.quick === true ? 1 : 3;
  const n = options.quick === true ? 20_000 : 200_000;
  const results = new Map<TickByTickBenchRow['client'], Round[]>();
  for (let round = 0; round < rounds; round++) {
    for (const kind of ['ib-rx tickByTick$', 'IBApiNext getTickByTickAllLastDataUpdates'] as const) {
      const r = await oneRound(kind, n);
      log(`round ${round + 1} ${kind}: ${Math.round(r.rate)} trades/s, ${Math.round(r.cpuRate)} per CPU-s (${r.delivered} of ${r.messages} delivered, ${r.distinct} distinct objects in the first 1000, feed ${Math.round(r.feedMs)} ms, last trade ${r.correct ? 'equal to' : 'DIFFERENT from'} the feed's)`);
      results.set(kind, [...(results.get(kind) ?? []), r]);
    }
  }
  return [...results].map(([client, rs]) => ({
    client, rounds,
    messagesPerS: Math.round(median(rs.map((r) => r.rate))),
    messagesPerCpuS: Math.round(median(rs.map((r) => r.cpuRate))),
    messages: Math.round(median(rs.map((r) => r.messages))),
    delivered: Math.round(median(rs.map((r) => r.delivered))),
    distinctObjects: Math.round(median(rs.map((r) => r.distinct))),
    feedMs: Math.round(median(rs.map((r) => r.feedMs))),
    correctRounds: rs.filter((r) => r.correct).length,
  }));
}

async function main(): Promise<void> {
  if (process.argv.includes('--feed')) {
    await runFeed();
    return;
  }
  const machine = machineInfo();
  const rows = await runTickByTickBench({ quick: process.argv.includes('--quick') });
  console.log(JSON.stringify({ tickByTick: rows, machine: finishMachineInfo(machine) }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
