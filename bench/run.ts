/**
 * `npm run bench [-- --quick] [--skip=state,memory,health,session,history,sim,throughput-1,throughput-100,mix-1,mix-100,latency-1,latency-100,churn]
 * [--variants=raw,rawFast,next,ticks,state,stateNoFast,stateHealth,sink]`: every ib-rx benchmark, side by side
 * with the `@stoqey/ib` baselines. Progress goes to stdout as plain lines; the LAST line is one
 * JSON object with every figure (see BENCHMARKS.md for the keys).
 */
import type { BenchClientOptions } from './baseline-clients.js';
import { nextClient, rawClient, sinkClient } from './baseline-clients.js';
import { CHURN_ANCHOR, CHURN_SYMBOLS, runChurnBench, type ChurnResult } from './churn.js';
import { startFeed, type Feed } from './feed.js';
import { exposeGc } from './gc.js';
import { runHealthBench, type HealthBenchResult } from './health-bench.js';
import { runSessionBench, type SessionBenchResult } from './session-bench.js';
import { runHistoryBench, type HistoryBenchResult } from './history.js';
import { benchLatency, type LatencyResult } from './latency.js';
import { finishMachineInfo, machineInfo } from './machine.js';
import { runMemoryBench, type MemoryResult } from './memory.js';
import { rawFastClient } from './raw-fast-client.js';
import { printReport } from './report.js';
import type { ClientFactory, Variant } from './socket-run.js';
import { runStateBenches, type StateBenchFigures } from './state-figures.js';
import { nowMs } from './stats.js';
import { checkTargets } from './targets.js';
import { benchSimThroughput, type SimThroughputResult } from './sim-throughput.js';
import { benchThroughput, type ThroughputResult } from './throughput.js';
import type { TickMix } from './tick-mix.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const listArg = (name: string): string[] | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3).split(',');
const skip = new Set(listArg('skip') ?? []);
/** `--variants=raw,state`: only these socket clients (for profiling one of them). */
const onlyVariants = listArg('variants');

/** Sizes of each part: full runs take minutes, `--quick` about 15 s on a quiet machine (a smoke run: every figure once, too short to trust). */
const plan = quick
  ? { rounds: 1, burst: 10_000, latencyRounds: 1, latencyMs: 300, latencySymbols: [100], memoryTicks: 300_000, churnCycles: 100 }
  : { rounds: 5, burst: 200_000, latencyRounds: 5, latencyMs: 2_000, latencySymbols: [1, 100], memoryTicks: 10_000_000, churnCycles: 10_000 };

/** One throughput part: a mix at a symbol count, with these variants (all when undefined). */
interface ThroughputPart {
  readonly name: string;
  readonly mix: TickMix;
  readonly symbols: 1 | 100;
  readonly variants?: readonly Variant[];
}
/**
 * `--quick` runs every client once: the first landing's on bid/ask at 1 symbol, the ones that
 * separate decoder, session and monitoring on the stock mix at 100 symbols.
 */
const THROUGHPUT_PARTS: readonly ThroughputPart[] = quick
  ? [
      { name: 'throughput-1', mix: 'bidask', symbols: 1, variants: ['raw', 'next', 'ticks', 'state', 'sink'] },
      { name: 'mix-100', mix: 'stock', symbols: 100, variants: ['raw', 'rawFast', 'state', 'stateNoFast', 'stateHealth'] },
    ]
  : [
      { name: 'throughput-1', mix: 'bidask', symbols: 1 },
      { name: 'throughput-100', mix: 'bidask', symbols: 100 },
      { name: 'mix-1', mix: 'stock', symbols: 1 },
      { name: 'mix-100', mix: 'stock', symbols: 100 },
    ];
const LATENCY_RATE = 10_000;
const HISTORY = 10_000;

const symbolsFor = (n: number): string[] =>
  n === 1 ? ['AAPL'] : Array.from({ length: n }, (_, i) => `SIM${String(i).padStart(3, '0')}`);
const ALL_SYMBOLS = [...new Set([...symbolsFor(1), ...symbolsFor(100), ...CHURN_SYMBOLS, CHURN_ANCHOR])];

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const errors: Record<string, string> = {};
const section = async <T>(name: string, work: () => Promise<T>): Promise<T | undefined> => {
  if (skip.has(name)) {
    log(`# ${name}: skipped`);
    return undefined;
  }
  const started = nowMs();
  log(`# ${name}`);
  try {
    const result = await work();
    log(`# ${name}: done in ${((nowMs() - started) / 1000).toFixed(1)} s`);
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    errors[name] = message;
    log(`# ${name}: FAILED ${message}`);
    return undefined;
  }
};

/** Every client; the ib-rx ones only when the session layer loads. */
const loadClients = async (): Promise<Partial<Record<Variant, ClientFactory>>> => {
  const clients: Partial<Record<Variant, ClientFactory>> = { raw: (o) => rawClient(o), rawFast: rawFastClient, next: nextClient, sink: sinkClient };
  try {
    const { ticksClient, stateClient } = await import('./session-clients.js');
    clients.ticks = (o: BenchClientOptions) => ticksClient(o, HISTORY);
    clients.state = (o: BenchClientOptions) => stateClient(o, HISTORY);
    clients.stateNoFast = (o: BenchClientOptions) => stateClient(o, HISTORY, { tickFastPath: false });
    clients.stateHealth = (o: BenchClientOptions) => stateClient(o, HISTORY, { health: true });
  } catch (error) {
    errors.sessionClients = error instanceof Error ? error.message : String(error);
    log(`# ib-rx session variants unavailable: ${errors.sessionClients}`);
  }
  if (onlyVariants === undefined) return clients;
  return Object.fromEntries(Object.entries(clients).filter(([v]) => onlyVariants.includes(v)));
};

const started = nowMs();
const machine = machineInfo();
log(`ib-rx bench${quick ? ' (quick)' : ''}: ${machine.cpuModel}, ${machine.cpus} cpus, node ${machine.node}, load ${machine.loadAvgStart}`);
const gc = exposeGc();

const state: StateBenchFigures | undefined = await section('state', () => runStateBenches({ quick, log }));
const memory: MemoryResult | undefined = await section('memory', () => runMemoryBench(plan.memoryTicks, HISTORY, log));
/** What health$ adds per tick in-process (bench/health-bench.ts). */
const health: HealthBenchResult | undefined = await section('health', () => Promise.resolve(runHealthBench({ quick, log })));
/** The session's own cost per message in-process, alone and with health$ (bench/session-bench.ts). */
const session: SessionBenchResult | undefined = await section('session', () => runSessionBench({ quick, log }));
/** Historical bars: answer parse rate, bars$ updates/s (bench/history.ts). */
const history: HistoryBenchResult | undefined = await section('history', () => runHistoryBench({ quick, log }));
/** S's figure: the simulator alone vs the raw client, in this process (bench/sim-throughput.ts). */
const sim: SimThroughputResult | undefined = await section('sim', () => benchSimThroughput({ messages: plan.burst }));

const throughput: Record<string, ThroughputResult> = {};
const throughputMix: Record<string, ThroughputResult> = {};
const latency: Record<string, LatencyResult> = {};
let churn: ChurnResult | undefined;
let feed: Feed | undefined;
try {
  const started = await startFeed({ symbols: ALL_SYMBOLS, rateHz: 0, tickerLimit: 1_000_000 });
  feed = started;
  const clients = await loadClients();
  for (const part of THROUGHPUT_PARTS) {
    const partClients = part.variants === undefined ? clients : Object.fromEntries(part.variants.flatMap((v) => (clients[v] ? [[v, clients[v]]] : [])));
    const result = await section(part.name, () =>
      benchThroughput({
        feed: started, clients: partClients, symbols: symbolsFor(part.symbols), mix: part.mix, rounds: plan.rounds, burst: plan.burst, warmUpRound: !quick, gc, log,
      }),
    );
    if (result) (part.mix === 'stock' ? throughputMix : throughput)[String(part.symbols)] = result;
  }
  // Latency compares the first landing's clients (the others isolate throughput effects).
  const { sink: _sink, rawFast: _rawFast, stateNoFast: _stateNoFast, stateHealth: _stateHealth, ...latencyClients } = clients;
  for (const n of plan.latencySymbols) {
    const result = await section(`latency-${n}`, () =>
      benchLatency({ feed: started, clients: latencyClients, symbols: symbolsFor(n), rounds: plan.latencyRounds, ticksPerSecond: LATENCY_RATE, durationMs: plan.latencyMs, gc, log }),
    );
    if (result) latency[String(n)] = result;
  }
  churn = await section('churn', () => runChurnBench({ feed: started, cycles: plan.churnCycles, gc, log }));
} catch (error) {
  errors.feed = error instanceof Error ? error.message : String(error);
  log(`# feed FAILED ${errors.feed}`);
} finally {
  await feed?.close();
}

const figures = {
  bench: 'ib-rx',
  quick,
  machine: finishMachineInfo(machine),
  plan,
  throughput,
  throughputMix,
  latency,
  memory: memory ?? null,
  health: health ?? null,
  session: session ?? null,
  history: history ?? null,
  state: state ?? null,
  churn: churn ?? null,
  sim: sim ?? null,
  targets: checkTargets({
    throughput,
    throughputMix,
    latency,
    ...(memory ? { memory } : {}),
    ...(session ? { sessionHealthRatio: session.healthRatio } : {}),
    ...(state ? { historyCostRatio: state.historyCostRatio } : {}),
    ...(churn ? { churn } : {}),
  }),
  errors,
  seconds: Math.round((nowMs() - started) / 100) / 10,
};
printReport(figures, log);
log(JSON.stringify(figures));
if (Object.keys(errors).length > 0) process.exitCode = 1;
