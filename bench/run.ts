/**
 * `npm run bench [-- --quick] [--skip=state,memory,sim,throughput-1,throughput-100,latency-1,latency-100,churn]
 * [--variants=raw,next,ticks,state,sink]`: every ib-rx benchmark, side by side
 * with the `@stoqey/ib` baselines. Progress goes to stdout as plain lines; the LAST line is one
 * JSON object with every figure (see BENCHMARKS.md for the keys).
 */
import type { BenchClientOptions } from './baseline-clients.js';
import { nextClient, rawClient, sinkClient } from './baseline-clients.js';
import { CHURN_ANCHOR, CHURN_SYMBOLS, runChurnBench, type ChurnResult } from './churn.js';
import { startFeed, type Feed } from './feed.js';
import { exposeGc } from './gc.js';
import { benchLatency, type LatencyResult } from './latency.js';
import { finishMachineInfo, machineInfo } from './machine.js';
import { runMemoryBench, type MemoryResult } from './memory.js';
import { printReport } from './report.js';
import type { ClientFactory, Variant } from './socket-run.js';
import { runStateBenches, type StateBenchFigures } from './state-figures.js';
import { nowMs } from './stats.js';
import { checkTargets } from './targets.js';
import { benchSimThroughput, type SimThroughputResult } from './sim-throughput.js';
import { benchThroughput, type ThroughputResult } from './throughput.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const listArg = (name: string): string[] | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3).split(',');
const skip = new Set(listArg('skip') ?? []);
/** `--variants=raw,state`: only these socket clients (for profiling one of them). */
const onlyVariants = listArg('variants');

/** Sizes of each part: full runs take minutes, `--quick` under 30 s (fewer, shorter runs). */
const plan = quick
  ? { rounds: 1, burst: 30_000, latencyRounds: 1, latencyMs: 500, latencySymbols: [100], memoryTicks: 1_000_000, churnCycles: 300 }
  : { rounds: 5, burst: 200_000, latencyRounds: 5, latencyMs: 2_000, latencySymbols: [1, 100], memoryTicks: 10_000_000, churnCycles: 10_000 };
const SYMBOL_COUNTS = [1, 100] as const;
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

/** The four clients; the ib-rx ones only when the session layer loads. */
const loadClients = async (): Promise<Partial<Record<Variant, ClientFactory>>> => {
  const clients: Partial<Record<Variant, ClientFactory>> = { raw: rawClient, next: nextClient, sink: sinkClient };
  try {
    const { ticksClient, stateClient } = await import('./session-clients.js');
    clients.ticks = (o: BenchClientOptions) => ticksClient(o, HISTORY);
    clients.state = (o: BenchClientOptions) => stateClient(o, HISTORY);
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
/** S's figure: the simulator alone vs the raw client, in this process (bench/sim-throughput.ts). */
const sim: SimThroughputResult | undefined = await section('sim', () => benchSimThroughput({ messages: plan.burst }));

const throughput: Record<string, ThroughputResult> = {};
const latency: Record<string, LatencyResult> = {};
let churn: ChurnResult | undefined;
let feed: Feed | undefined;
try {
  const started = await startFeed({ symbols: ALL_SYMBOLS, rateHz: 0, tickerLimit: 1_000_000 });
  feed = started;
  const clients = await loadClients();
  for (const n of SYMBOL_COUNTS) {
    const result = await section(`throughput-${n}`, () =>
      benchThroughput({ feed: started, clients, symbols: symbolsFor(n), rounds: plan.rounds, burst: plan.burst, warmUpRound: !quick, gc, log }),
    );
    if (result) throughput[String(n)] = result;
  }
  const { sink: _sink, ...latencyClients } = clients;
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
  latency,
  memory: memory ?? null,
  state: state ?? null,
  churn: churn ?? null,
  sim: sim ?? null,
  targets: checkTargets({
    throughput,
    latency,
    ...(memory ? { memory } : {}),
    ...(state ? { historyCostRatio: state.historyCostRatio } : {}),
    ...(churn ? { churn } : {}),
  }),
  errors,
  seconds: Math.round((nowMs() - started) / 100) / 10,
};
printReport(figures, log);
log(JSON.stringify(figures));
if (Object.keys(errors).length > 0) process.exitCode = 1;
