// How many tick messages per second the simulator pushes, vs how many the raw @stoqey/ib IBApi
// decodes. The simulator must stay ≥ 3× faster so it is never the bottleneck of a benchmark.
// Run: node --import tsx bench/sim-throughput.ts [messages]
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { EventName, IBApi, SecType } from '@stoqey/ib';
import { startSimulator, type Simulator } from '../lib/sim/index.js';

/** Options of {@link benchSimThroughput}. */
export interface SimThroughputOptions {
  /** Tick messages per measurement. Default 200 000. */
  readonly messages?: number;
}

/** The measured rates (messages per second) and their ratio. */
export interface SimThroughputResult {
  readonly messages: number;
  /** Simulator → a socket that only counts bytes. */
  readonly simMessagesPerSec: number;
  /** Simulator → raw IBApi, counted on its tickPrice event. */
  readonly clientMessagesPerSec: number;
  /** simMessagesPerSec / clientMessagesPerSec (must be ≥ 3). */
  readonly ratio: number;
}

const frame = (...fields: (string | number)[]): Buffer => {
  const body = Buffer.from(fields.map((f) => `${f}\0`).join(''));
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  return Buffer.concat([head, body]);
};

/** A minimal protocol client that subscribes to AAPL and then only counts bytes. */
const byteSink = async (port: number): Promise<{ socket: Socket; bytes: () => number }> => {
  const socket = connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  await once(socket, 'connect');
  let bytes = 0;
  socket.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  const hello = Buffer.from('v100..193');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(hello.length);
  socket.write(Buffer.concat([Buffer.from('API\0'), length, hello]));
  socket.write(frame(71, 2, 99, ''));
  socket.write(frame(1, 11, 1, '', 'AAPL', 'STK', '', '', '', '', 'SMART', '', 'USD', '', '', 0, '', 0, 0, ''));
  return { socket, bytes: () => bytes };
};

const until = async (check: () => boolean): Promise<void> => {
  while (!check()) await new Promise((resolve) => setImmediate(resolve));
};

const measureSim = async (sim: Simulator, messages: number): Promise<number> => {
  const sink = await byteSink(sim.port);
  try {
    await until(() => (sim.stats().clients.at(-1)?.subscriptions.length ?? 0) > 0);
    const base = sink.bytes();
    const started = performance.now();
    const result = await sim.burst(messages);
    await until(() => sink.bytes() - base >= result.bytes);
    return result.messages / ((performance.now() - started) / 1000);
  } finally {
    sink.socket.destroy();
  }
};

const measureClient = async (sim: Simulator, messages: number): Promise<number> => {
  const api = new IBApi({ host: sim.host, port: sim.port, clientId: 1 });
  api.on(EventName.error, () => undefined);
  let ticks = 0;
  api.on(EventName.tickPrice, () => {
    ticks += 1;
  });
  const ready = new Promise<void>((resolve) => api.once(EventName.nextValidId, () => { resolve(); }));
  api.connect();
  await ready;
  try {
    api.reqMktData(1, { symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' }, '', false, false);
    await until(() => ticks > 0);
    const base = ticks;
    const started = performance.now();
    const result = await sim.burst(messages);
    await until(() => ticks - base >= result.messages);
    return result.messages / ((performance.now() - started) / 1000);
  } finally {
    const closed = new Promise<void>((resolve) => api.once(EventName.disconnected, () => { resolve(); }));
    api.disconnect();
    await closed;
    api.removeAllListeners();
  }
};

/** Measures both rates on a fresh simulator (random walk off, so only burst messages flow). */
export async function benchSimThroughput(opts: SimThroughputOptions = {}): Promise<SimThroughputResult> {
  const messages = opts.messages ?? 200_000;
  const sim = await startSimulator({ port: 0, rateHz: 0 });
  try {
    await measureSim(sim, Math.min(messages, 20_000)); // warm-up
    const simMessagesPerSec = await measureSim(sim, messages);
    const clientMessagesPerSec = await measureClient(sim, messages);
    return { messages, simMessagesPerSec, clientMessagesPerSec, ratio: simMessagesPerSec / clientMessagesPerSec };
  } finally {
    await sim.close();
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const messages = Number(process.argv[2] ?? 200_000);
  const r = await benchSimThroughput({ messages });
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
  console.log(`sim-throughput (${fmt(r.messages)} tickPrice messages)`);
  console.log(`  simulator pushes      ${fmt(r.simMessagesPerSec)} msg/s`);
  console.log(`  raw IBApi decodes     ${fmt(r.clientMessagesPerSec)} msg/s`);
  console.log(`  ratio                 ${r.ratio.toFixed(1)}× (required ≥ 3×) ${r.ratio >= 3 ? 'OK' : 'TOO SLOW'}`);
  process.exitCode = r.ratio >= 3 ? 0 : 1;
}
