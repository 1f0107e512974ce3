/**
 * The benchmark feed: lib/sim's simulator in its own process, so that generating ticks never
 * competes with the client under test for the same event loop.
 *
 *   node --import tsx bench/feed-process.ts ['{"symbols":["AAPL"],"rateHz":0}']
 *
 * Prints `{"port":N}` once listening, then answers one JSON command per stdin line with one JSON
 * line on stdout (same `id`):
 *   {"id":1,"cmd":"start","opts":{…SimulatorOptions}}  restart the simulator → {"port":N}
 *   {"id":2,"cmd":"burst","n":N}      sim.burst(N) (bid/ask tickPrices, round robin) → {"tickFrames":K}
 *   {"id":2,"cmd":"burst","n":N,"mix":"stock"}  N (rounded up to whole cycles) messages of the
 *                                     realistic mix (tick-mix.ts) to the newest open client's
 *                                     subscriptions, round robin → {"tickFrames":K}
 *   {"id":3,"cmd":"pace","perSecond":R,"ms":T}  R tick frames per second for T ms, topped up
 *                                     every millisecond → {"tickFrames":K,"ms":…}
 *   {"id":4,"cmd":"probe","on":true}  BID / LAST prices carry the send time (probe.ts)
 *   {"id":5,"cmd":"counters"}         → {"tickFrames","frames","sockets","openConnections",
 *                                     "liveSubscriptions",…}
 *   {"id":6,"cmd":"exit"}             close and exit 0 (also on stdin end)
 */
import { createInterface } from 'node:readline';
import { installFeedTap } from './feed-tap.js';
import { writeStockMix } from './mix-burst.js';
import type { TickMix } from './tick-mix.js';
import { nowMs, sleep } from './stats.js';

const tap = installFeedTap();
const { startSimulator } = await import('../lib/sim/index.js');
type Simulator = Awaited<ReturnType<typeof startSimulator>>;
type SimOptions = NonNullable<Parameters<typeof startSimulator>[0]>;

interface Command {
  readonly id?: number;
  readonly cmd: string;
  readonly opts?: SimOptions;
  readonly n?: number;
  readonly perSecond?: number;
  readonly ms?: number;
  readonly on?: boolean;
  readonly mix?: TickMix;
}

const reply = (message: object): void => {
  process.stdout.write(`${JSON.stringify(message)}\n`);
};

const parseOptions = (text: string | undefined): SimOptions => {
  const parsed: unknown = text === undefined ? {} : JSON.parse(text);
  return { port: 0, ...(parsed as SimOptions) };
};

let sim: Simulator = await startSimulator(parseOptions(process.argv[2]));

/**
 * The `stock` mix goes to the newest open client (the one under test: the runner has one client at
 * a time, and a previous one may still be closing): its server socket is the newest open one.
 */
const stockMix = async (n: number): Promise<void> => {
  const client = sim.stats().clients.filter((c) => c.open && c.subscriptions.length > 0).at(-1);
  // (stdout is a pipe socket too: a TCP socket has a remote port)
  const socket = tap.sockets().filter((s) => !s.destroyed && s.writable && s.remotePort !== undefined).at(-1);
  if (client === undefined || socket === undefined) throw new Error('stock mix: no open client with subscriptions');
  await writeStockMix(socket, client.subscriptions.map((s) => s.reqId), n);
};

const burst = async (n: number, mix: TickMix): Promise<number> => {
  const before = tap.tickFrames();
  if (mix === 'stock') await stockMix(n);
  else await sim.burst(n);
  // Anything still queued goes out on the next turn.
  await new Promise<void>((resolve) => setImmediate(resolve));
  return tap.tickFrames() - before;
};

/** Request ids of the live subscriptions of open connections. */
const liveReqIds = (): number[] =>
  sim.stats().clients.flatMap((c) => (c.open ? c.subscriptions.map((s) => s.reqId) : []));

/**
 * `perSecond` tick frames per second for `ms`: every millisecond, whatever is due goes out as
 * bid/ask pairs (`burst(2, { reqId })`), round robin over every live subscription.
 */
const pace = async (perSecond: number, ms: number): Promise<{ tickFrames: number; ms: number }> => {
  const reqIds = liveReqIds();
  const before = tap.tickFrames();
  const start = nowMs();
  let sent = 0;
  let next = 0;
  while (reqIds.length > 0) {
    const elapsed = nowMs() - start;
    if (elapsed >= ms) break;
    for (let due = Math.floor((elapsed * perSecond) / 1000) - sent; due >= 2; due -= 2) {
      const reqId = reqIds[next++ % reqIds.length];
      void sim.burst(2, reqId === undefined ? {} : { reqId });
      sent += 2;
    }
    await sleep(1);
  }
  await new Promise<void>((resolve) => setImmediate(resolve));
  return { tickFrames: tap.tickFrames() - before, ms: nowMs() - start };
};

const counters = (): object => {
  const stats = sim.stats();
  return {
    tickFrames: tap.tickFrames(),
    frames: tap.frames(),
    sockets: tap.sockets().length,
    connections: stats.connections,
    openConnections: stats.openConnections,
    reqMktData: stats.reqMktData,
    cancelMktData: stats.cancelMktData,
    liveSubscriptions: stats.clients.reduce((n, c) => n + (c.open ? c.subscriptions.length : 0), 0),
  };
};

const handle = async (command: Command): Promise<object> => {
  switch (command.cmd) {
    case 'start':
      await sim.close();
      sim = await startSimulator({ port: 0, ...command.opts });
      return { port: sim.port };
    case 'burst':
      return { tickFrames: await burst(command.n ?? 0, command.mix ?? 'bidask') };
    case 'pace':
      return pace(command.perSecond ?? 1000, command.ms ?? 1000);
    case 'probe':
      tap.setProbe(command.on === true);
      return {};
    case 'counters':
      return counters();
    case 'exit':
      await sim.close();
      process.exit(0);
    // eslint-disable-next-line no-fallthrough
    default:
      throw new Error(`unknown command ${command.cmd}`);
  }
};

reply({ port: sim.port });
const lines = createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on('line', (line) => {
  if (line.trim() === '') return;
  queue = queue.then(async () => {
    const command = JSON.parse(line) as Command;
    try {
      reply({ id: command.id, ...(await handle(command)) });
    } catch (error) {
      reply({ id: command.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
});
lines.on('close', () => {
  void queue.then(async () => {
    await sim.close();
    process.exit(0);
  });
});
