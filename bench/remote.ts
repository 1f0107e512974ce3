// Fan-out over NATS: ticks/s delivered to 1 and 4 remote consumer processes vs a local session on
// the same simulator feed (simulator bursts), end-to-end latency at ~10 000 ticks/s, and bytes per
// tick on the wire (nats-server's own counters). Needs Debian's nats-server.
// Run directly: node --import tsx bench/remote.ts [--quick]
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import type { Subscription } from 'rxjs';
import { serveRemote } from '../lib/remote/index.js';
import { IbSession } from '../lib/session/ib-session.js';
import { startSimulator, type Simulator } from '../lib/sim/index.js';
import { startNatsServer, type NatsServerProcess } from '../spec/remote/support/nats-server.js';
import { findBinary, NATS_SERVER } from '../spec/support/require-binary.js';
import { finishMachineInfo, machineInfo, type MachineInfo } from './machine.js';
import { median, percentile, sleep } from './stats.js';

/** `value` with `decimals` decimals; null unless finite. */
const fixed = (value: number, decimals: number): number | null => (Number.isFinite(value) ? Number(value.toFixed(decimals)) : null);

/** Figures of {@link runRemoteBench}. */
export interface RemoteBenchResult {
  /** Ticks/s the serving session's own `ticks$` subscriber received (median of the local rounds of every pair). */
  readonly localTicksPerS: number | null;
  /** Ticks/s one remote consumer process received (median of rounds). */
  readonly remote1TicksPerS: number | null;
  /** Ticks/s per consumer with 4 consumer processes (median over rounds of the slowest consumer). */
  readonly remote4TicksPerSSlowest: number | null;
  /** Median over pairs of (slowest consumer's ticks/s) / (local ticks/s of the same pair), 1 and 4 consumers: the target is ≥ 0.5. */
  readonly ratio1: number | null;
  readonly ratio4: number | null;
  /** Ticks every consumer received of what the local subscriber received (delivery is complete when 1). */
  readonly delivered: number | null;
  /** Latency (consumer receive − server arrival stamp), ms, at the paced rate. */
  readonly latencyP50Ms: number | null;
  readonly latencyP99Ms: number | null;
  /** Late join (a fresh consumer: subscribe → first complete state) on the live stream at the paced rate, ms. */
  readonly lateJoinP50Ms: number | null;
  readonly lateJoinP99Ms: number | null;
  readonly lateJoins: number;
  /** The paced rate the latency was measured at. */
  readonly pacedTicksPerS: number | null;
  /** nats-server's bytes out per tick delivered during the 1-consumer rounds (MSG lines + payloads, batches of one socket read; heartbeats included). */
  readonly bytesPerTick: number | null;
  /** NATS messages out per tick delivered (inputs of one socket read travel in one message). */
  readonly natsMessagesPerTick: number | null;
  /**
   * CPU time per tick delivered (µs, user + system, medians of the counted rounds): the bench
   * process (simulator + session, + the server's encoder in remote rounds), one consumer process,
   * and nats-server (per tick delivered to all consumers together).
   */
  readonly cpuUsPerTick: {
    readonly localProcess: number | null;
    readonly serverProcess1: number | null;
    readonly consumer1: number | null;
    readonly natsServer1: number | null;
    readonly serverProcess4: number | null;
    readonly consumer4: number | null;
    readonly natsServer4: number | null;
  };
  readonly burstMessages: number;
  readonly rounds: number;
  readonly machine: MachineInfo;
}

/** Extra node flags for the consumer processes (`REMOTE_BENCH_CONSUMER_ARGS='--cpu-prof --cpu-prof-dir=/tmp/p'` to profile them). */
const CONSUMER_NODE_ARGS = (process.env.REMOTE_BENCH_CONSUMER_ARGS ?? '').split(' ').filter((arg) => arg !== '');

interface Report { readonly count: number; readonly first: number; readonly last: number; readonly cpuUs: number; readonly p50?: number; readonly p99?: number }

/** CPU time (µs, user + system) of this process so far. */
const ownCpuUs = (): number => { const used = process.cpuUsage(); return used.user + used.system; };

/** CPU time (µs) of process `pid` so far, from /proc (10-ms ticks); 0 where /proc is absent. */
const processCpuUs = (pid: number | undefined): number => {
  if (pid === undefined) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return 0;
  }
};

/** A bench consumer process (bench/remote-consumer.ts) driven line by line. */
class BenchConsumer {
  readonly #child: ChildProcess;
  readonly #lines: Record<string, unknown>[] = [];
  readonly #waiters = new Set<() => void>();

  constructor(url: string, symbol: string) {
    this.#child = spawn(process.execPath, [...CONSUMER_NODE_ARGS, '--import', 'tsx', 'bench/remote-consumer.ts', url, symbol], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, DEBUG: '' } });
    if (this.#child.stdout !== null) {
      createInterface({ input: this.#child.stdout }).on('line', (line) => {
        this.#lines.push(JSON.parse(line) as Record<string, unknown>);
        for (const wake of this.#waiters) wake();
      });
    }
  }

  next(type: string): Promise<Record<string, unknown>> {
    return new Promise((resolve) => {
      const check = (): void => {
        const at = this.#lines.findIndex((line) => line.type === type);
        if (at < 0) return;
        this.#waiters.delete(check);
        resolve(this.#lines.splice(at, 1)[0] ?? {});
      };
      this.#waiters.add(check);
      check();
    });
  }

  async send(command: 'reset' | 'count' | 'report' | 'join' | 'latency' | 'pause'): Promise<Record<string, unknown>> {
    this.#child.stdin?.write(`${command}\n`);
    return this.next(command);
  }

  /** Subscribes again after `pause`: resolves at the first state (a join with a snapshot at the server). */
  async resume(): Promise<void> {
    this.#child.stdin?.write('resume\n');
    await this.next('ready');
  }

  async exit(): Promise<void> {
    this.#child.stdin?.write('exit\n');
    if (this.#child.exitCode === null) await new Promise((resolve) => this.#child.once('exit', resolve));
  }
}

const varz = async (monitorUrl: string | undefined): Promise<{ outBytes: number; outMsgs: number }> => {
  if (monitorUrl === undefined) return { outBytes: 0, outMsgs: 0 };
  const body = (await (await fetch(`${monitorUrl}/varz`)).json()) as { out_bytes: number; out_msgs: number };
  return { outBytes: body.out_bytes, outMsgs: body.out_msgs };
};

/** Waits until `count()` has not changed for `quietMs`. */
const settle = async (count: () => Promise<number>, quietMs = 400): Promise<void> => {
  let last = -1;
  for (;;) {
    const now = await count();
    if (now === last) return;
    last = now;
    await sleep(quietMs);
  }
};

/** What one round measured: ticks/s and ticks per receiver, CPU µs of the bench process and of nats-server. */
interface Round {
  readonly rates: number[];
  readonly counts: number[];
  /** Each consumer's CPU µs in the round (none for a local round). */
  readonly consumerCpuUs: number[];
  readonly ownCpuUs: number;
  readonly natsCpuUs: number;
  /** nats-server's bytes and messages out during the round (remote rounds). */
  readonly natsOut: { readonly bytes: number; readonly messages: number };
}

/** Local: the session's own ticks$ subscriber; ticks/s from the burst's start to the last tick received. */
async function localRound(sim: Simulator, session: IbSession, messages: number): Promise<Round> {
  let count = 0;
  let last = 0;
  // The receipt time of the last tick: one clock read after each delivery (a socket read), not one per tick — as the consumers do.
  let stampQueued = false;
  const stamp = (): void => {
    stampQueued = false;
    last = Date.now();
  };
  const subscription: Subscription = session.ticks$('AAPL').subscribe({
    next: () => {
      count += 1;
      if (!stampQueued) {
        stampQueued = true;
        queueMicrotask(stamp);
      }
    },
    error: () => undefined,
  });
  await sleep(200);
  count = 0;
  const t0 = Date.now();
  const cpu0 = ownCpuUs();
  await sim.burst(messages);
  await settle(() => Promise.resolve(count));
  const cpu = ownCpuUs() - cpu0;
  subscription.unsubscribe();
  return { rates: [count / ((last - t0) / 1000)], counts: [count], consumerCpuUs: [], ownCpuUs: cpu, natsCpuUs: 0, natsOut: { bytes: 0, messages: 0 } };
}

/** Remote: every consumer's ticks/s from the burst's start to its last tick. */
async function remoteRound(sim: Simulator, consumers: readonly BenchConsumer[], messages: number, nats: NatsServerProcess): Promise<Round> {
  const natsPid = nats.pid;
  await Promise.all(consumers.map((c) => c.send('reset')));
  const out0 = await varz(nats.monitorUrl);
  const t0 = Date.now();
  const cpu0 = ownCpuUs();
  const nats0 = processCpuUs(natsPid);
  await sim.burst(messages);
  await settle(async () => (await Promise.all(consumers.map((c) => c.send('count')))).reduce((sum, r) => sum + (r.count as number), 0));
  const cpu = ownCpuUs() - cpu0;
  const natsCpu = processCpuUs(natsPid) - nats0;
  const out1 = await varz(nats.monitorUrl);
  const reports = (await Promise.all(consumers.map((c) => c.send('count')))) as unknown as Report[];
  return {
    rates: reports.map((r) => r.count / ((r.last - t0) / 1000)),
    counts: reports.map((r) => r.count),
    consumerCpuUs: reports.map((r) => r.cpuUs),
    ownCpuUs: cpu,
    natsCpuUs: natsCpu,
    natsOut: { bytes: out1.outBytes - out0.outBytes, messages: out1.outMsgs - out0.outMsgs },
  };
}

/** A local round and a remote round back to back (the ratio of one pair is measured under the same machine load). */
interface Pair {
  readonly local: Round;
  readonly remote: Round;
}

/**
 * One pair: the consumers leave the stream (the server stops publishing it) and the session's own
 * `ticks$` takes a burst; then the consumers join again and take the same burst.
 */
async function pairRound(sim: Simulator, session: IbSession, consumers: readonly BenchConsumer[], messages: number, nats: NatsServerProcess): Promise<Pair> {
  await Promise.all(consumers.map((c) => c.send('pause')));
  await sleep(300);
  const local = await localRound(sim, session, messages);
  await Promise.all(consumers.map((c) => c.resume()));
  const remote = await remoteRound(sim, consumers, messages, nats);
  return { local, remote };
}

/** Runs one uncounted warm-up pair (the JIT's), then `rounds` counted ones. */
async function measure(rounds: number, pair: () => Promise<Pair>): Promise<Pair[]> {
  await pair();
  const measured: Pair[] = [];
  for (let i = 0; i < rounds; i++) measured.push(await pair());
  return measured;
}

/** The slowest consumer's ticks/s of a round. */
const slowest = (round: Round): number => Math.min(...round.rates);

/** Per-tick CPU figures of a phase's rounds (medians), µs. */
function cpuFigures(rounds: readonly Round[]): { process: number; consumer: number; nats: number } {
  const ticks = (r: Round): number => Math.max(1, Math.min(...r.counts));
  const delivered = (r: Round): number => Math.max(1, r.counts.reduce((sum, n) => sum + n, 0));
  return {
    process: median(rounds.map((r) => r.ownCpuUs / ticks(r))),
    consumer: median(rounds.flatMap((r) => r.consumerCpuUs.map((us, i) => us / Math.max(1, r.counts[i] ?? 0)))),
    nats: median(rounds.map((r) => r.natsCpuUs / delivered(r))),
  };
}

/** Runs the benchmark (`quick`: fewer and smaller rounds). */
export async function runRemoteBench(options: { readonly quick?: boolean } = {}): Promise<RemoteBenchResult> {
  const binary = findBinary(NATS_SERVER);
  if (binary === undefined) throw new Error(`nats-server is not installed; install it with: ${NATS_SERVER.install}`);
  const machine = machineInfo();
  const messages = options.quick === true ? 20_000 : 200_000;
  const lateJoins = options.quick === true ? 5 : 20;
  const rounds = options.quick === true ? 2 : 9;
  const nats = await startNatsServer(binary, 0, { monitor: true });
  const sim = await startSimulator({ port: 0, rateHz: 0 });
  const session = new IbSession({ api: { port: sim.port }, market_data: { data_type: 'realtime', timeout: 60 } });
  const server = await serveRemote(session, { servers: nats.url, simulated: true });
  const consumers: BenchConsumer[] = [];
  try {
    const progress = (what: string): void => { process.stderr.write(`remote bench: ${what}\n`); };
    const hold = session.marketData$('AAPL').subscribe({ error: () => undefined });
    await sleep(1000);
    progress(`1 remote consumer: warm-up + ${rounds} pairs of rounds (local, then remote) of ${messages} messages`);
    consumers.push(new BenchConsumer(nats.url, 'AAPL'));
    await Promise.all(consumers.map((c) => c.next('ready')));
    const pairs1 = await measure(rounds, () => pairRound(sim, session, consumers, messages, nats));
    const remote1Rounds = pairs1.map((p) => p.remote);
    const localRounds = pairs1.map((p) => p.local);
    const localTicks = localRounds.map((r) => r.counts[0] ?? 0);
    const counts = remote1Rounds.flatMap((r) => r.counts);
    const bytesPerTick = median(remote1Rounds.map((r) => r.natsOut.bytes / Math.max(1, r.counts[0] ?? 0)));
    const messagesPerTick = median(remote1Rounds.map((r) => r.natsOut.messages / Math.max(1, r.counts[0] ?? 0)));
    // Latency at a paced ~10 000 ticks/s (one consumer): bursts every 10 ms sized from the local ticks per message.
    const ticksPerMessage = median(localTicks) / messages;
    const perBurst = Math.max(1, Math.round(100 / ticksPerMessage));
    progress(`latency at ~10 000 ticks/s (${perBurst} messages every 10 ms)`);
    const joiner = new BenchConsumer(nats.url, 'AAPL');
    await joiner.next('ready');
    await consumers[0]?.send('reset');
    await consumers[0]?.send('latency');
    const pacedMs = options.quick === true ? 1000 : 3000;
    const start = Date.now();
    let sent = 0;
    while (Date.now() - start < pacedMs) {
      const due = Math.floor((Date.now() - start) / 10) + 1;
      for (; sent < due; sent++) await sim.burst(perBurst);
      await sleep(2);
    }
    await sleep(300);
    const paced = (await consumers[0]?.send('report')) as unknown as Report;
    // Late joins on the live stream: a fresh consumer (its own NATS connection) subscribes while the paced feed runs.
    progress(`${lateJoins} late joins while the feed runs`);
    const joinMs: number[] = [];
    const stopFeed = new AbortController();
    const feed = (async () => {
      while (!stopFeed.signal.aborted) {
        await sim.burst(perBurst);
        await sleep(10);
      }
    })();
    for (let i = 0; i < lateJoins; i++) joinMs.push((await joiner.send('join')).ms as number);
    stopFeed.abort();
    await feed;
    await joiner.exit();
    const pacedTicksPerS = paced.count / (pacedMs / 1000);
    const more = [1, 2, 3].map(() => new BenchConsumer(nats.url, 'AAPL'));
    consumers.push(...more);
    await Promise.all(more.map((c) => c.next('ready')));
    progress(`4 remote consumers: warm-up + ${rounds} pairs`);
    const pairs4 = await measure(rounds, () => pairRound(sim, session, consumers, messages, nats));
    const remote4Rounds = pairs4.map((p) => p.remote);
    localRounds.push(...pairs4.map((p) => p.local));
    counts.push(...remote4Rounds.flatMap((r) => r.counts));
    hold.unsubscribe();
    const cpu1 = cpuFigures(remote1Rounds);
    const cpu4 = cpuFigures(remote4Rounds);
    const local = localRounds.map((r) => r.rates[0] ?? 0);
    const localMedian = median(local);
    return {
      localTicksPerS: fixed(localMedian, 0),
      remote1TicksPerS: fixed(median(remote1Rounds.map(slowest)), 0),
      remote4TicksPerSSlowest: fixed(median(remote4Rounds.map(slowest)), 0),
      ratio1: fixed(median(pairs1.map((p) => slowest(p.remote) / (p.local.rates[0] ?? Number.NaN))), 2),
      ratio4: fixed(median(pairs4.map((p) => slowest(p.remote) / (p.local.rates[0] ?? Number.NaN))), 2),
      delivered: fixed(Math.min(...counts) / median(localTicks), 4),
      latencyP50Ms: fixed(paced.p50 ?? Number.NaN, 1),
      latencyP99Ms: fixed(paced.p99 ?? Number.NaN, 1),
      lateJoinP50Ms: fixed(percentile(joinMs, 0.5), 1),
      lateJoinP99Ms: fixed(percentile(joinMs, 0.99), 1),
      lateJoins: joinMs.length,
      pacedTicksPerS: fixed(pacedTicksPerS, 0),
      bytesPerTick: fixed(bytesPerTick, 1),
      natsMessagesPerTick: fixed(messagesPerTick, 4),
      cpuUsPerTick: {
        localProcess: fixed(cpuFigures(localRounds).process, 3),
        serverProcess1: fixed(cpu1.process, 3),
        consumer1: fixed(cpu1.consumer, 3),
        natsServer1: fixed(cpu1.nats, 3),
        serverProcess4: fixed(cpu4.process, 3),
        consumer4: fixed(cpu4.consumer, 3),
        natsServer4: fixed(cpu4.nats, 3),
      },
      burstMessages: messages,
      rounds,
      machine: finishMachineInfo(machine),
    };
  } finally {
    await Promise.all(consumers.map((c) => c.exit()));
    await server.close();
    await session.close();
    await sim.close();
    await nats.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runRemoteBench({ quick: process.argv.includes('--quick') });
  console.log(JSON.stringify(result, null, 2));
}
