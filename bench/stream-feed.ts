// The plumbing shared by the stream benches (bench/streams-depth.ts, bench/streams-tbt.ts): the
// simulator runs in its own process (the bench file itself, run with --feed) and answers one JSON
// command per stdin line with one JSON line on stdout; the runner opens one client under test at a
// time (ib-rx's IbSession or @stoqey/ib's IBApiNext) on that feed, stamps its deliveries with wall
// and CPU time, and waits for them to settle.
import { IBApiNext, MarketDataType, SecType } from '@stoqey/ib';
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Subscription } from 'rxjs';
import type { Simulator, SimulatorOptions } from '../lib/sim/index.js';
import { IbSession } from '../lib/session/ib-session.js';
import { machineInfo, finishMachineInfo } from './machine.js';
import { sleep } from './stats.js';

const HOST = '127.0.0.1';
/** How long deliveries must stand still before `settle` gives up waiting for its target. */
const QUIET_MS = 1500;
/** CPU time is read at most once per this many ms of deliveries (reading it per update would cost more than some updates). */
const STAMP_MS = 5;

/** The one instrument the stream benches subscribe to. */
export const FEED_SYMBOL = 'AAPL';
/** `FEED_SYMBOL` as an @stoqey/ib contract (for IBApiNext). */
export const feedContract = { symbol: FEED_SYMBOL, secType: SecType.STK, exchange: 'SMART', currency: 'USD' };

// ---------------------------------------------------------------------------------------------
// The feed process.

/** One command line to a feed process: `cmd` and its arguments (`n` events, `rows` of a book). */
export interface StreamFeedCommand {
  readonly cmd: string;
  readonly n?: number;
  readonly rows?: number;
}

/**
 * The feed side: starts the simulator with `options`, prints `{"port":N}`, then replies to each
 * command line with what `answer` returns, until `answer` returns undefined or stdin ends.
 */
export async function serveStreamFeed(
  options: SimulatorOptions,
  answer: (sim: Simulator, command: StreamFeedCommand) => Promise<object | undefined>,
): Promise<void> {
  const { startSimulator } = await import('../lib/sim/index.js');
  const sim = await startSimulator(options);
  const reply = (message: object): void => { process.stdout.write(`${JSON.stringify(message)}\n`); };
  reply({ port: sim.port });
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    const message = await answer(sim, JSON.parse(line) as StreamFeedCommand);
    if (message === undefined) break;
    reply(message);
  }
  await sim.close();
}

/** Runner-side handle of a feed process. */
export interface StreamFeed {
  readonly port: number;
  /** Sends one command and resolves with the next reply line. */
  readonly ask: <T>(command: object) => Promise<T>;
  /** Ends the feed's stdin and waits for its exit. */
  readonly close: () => Promise<void>;
}

/** Spawns the bench file at `benchUrl` with --feed (see `serveStreamFeed`) and waits for its port. */
export async function startStreamFeed(benchUrl: string): Promise<StreamFeed> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(benchUrl), '--feed'], { stdio: ['pipe', 'pipe', 'inherit'] });
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

// ---------------------------------------------------------------------------------------------
// The clients under test.

/** A client's delivery counter and the stamps of its last delivery. */
export interface DeliveryStamps {
  count: number;
  lastMs: number;
  /** This process' CPU time (µs) at a delivery at most STAMP_MS before the last one. */
  lastCpuUs: number;
}

/** Fresh stamps: nothing delivered yet. */
export const noDeliveries = (): DeliveryStamps => ({ count: 0, lastMs: 0, lastCpuUs: 0 });

/** This process' CPU time (user + system), µs. */
export const cpuUs = (): number => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** Counts one delivery; stamps its time, and the CPU time when the last stamp is older than STAMP_MS. */
export function stampDelivery(client: DeliveryStamps): void {
  client.count++;
  const now = performance.now();
  if (now - client.lastMs > STAMP_MS) client.lastCpuUs = cpuUs();
  client.lastMs = now;
}

/** Opens an ib-rx session on the feed, subscribes with `subscribe`, and returns how to close both. */
export function openIbRx(port: number, subscribe: (session: IbSession) => Subscription): () => Promise<void> {
  const session = new IbSession({ api: { port, client_id: 1 }, market_data: { data_type: 'realtime' }, limits: { max_messages_per_s: 45 } });
  const sub = subscribe(session);
  return async () => {
    sub.unsubscribe();
    await session.close();
  };
}

/** Connects an IBApiNext to the feed (realtime data), subscribes with `subscribe`, and returns how to close both. */
export function openIbApiNext(port: number, subscribe: (api: IBApiNext) => Subscription): () => Promise<void> {
  const api = new IBApiNext({ host: HOST, port, maxReqPerSec: 45 });
  api.connect(2);
  api.setMarketDataType(MarketDataType.REALTIME);
  const sub = subscribe(api);
  return async () => {
    sub.unsubscribe();
    api.disconnect();
    await sleep(50);
  };
}

// ---------------------------------------------------------------------------------------------
// The runner.

/** Waits until `count()` stops moving for QUIET_MS (or reaches `target`). */
export async function settle(count: () => number, target: number): Promise<void> {
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

/** Runs `one` for every client in turn, `rounds` times (clients alternate per round); the results by client. */
export async function alternateClients<K, R>(clients: readonly K[], rounds: number, one: (client: K, round: number) => Promise<R>): Promise<Map<K, R[]>> {
  const results = new Map<K, R[]>();
  for (let round = 0; round < rounds; round++) {
    for (const client of clients) {
      const r = await one(client, round);
      results.set(client, [...(results.get(client) ?? []), r]);
    }
  }
  return results;
}

/**
 * A stream bench's entry point: with --feed, the feed process (`feed`); otherwise the bench (with
 * --quick: fewer rounds), printing `{"<key>": rows, "machine": …}` as one JSON line.
 */
export async function streamBenchMain(key: string, feed: () => Promise<void>, bench: (options: { readonly quick: boolean }) => Promise<readonly object[]>): Promise<void> {
  if (process.argv.includes('--feed')) {
    await feed();
    return;
  }
  const machine = machineInfo();
  const rows = await bench({ quick: process.argv.includes('--quick') });
  console.log(JSON.stringify({ [key]: rows, machine: finishMachineInfo(machine) }));
}
