// In-process cost of monitoring per tick: what `health$` (sessionHealth$ over sessionHealthSources)
// adds to every inbound event and every folded input, with nothing else running.
// Run directly: node --import tsx bench/health-bench.ts [--quick]
import { IBApiTickType as T } from '@stoqey/ib';
import { BehaviorSubject, NEVER, Subject, type Subscription } from 'rxjs';
import { pathToFileURL } from 'node:url';
import { parseConfig } from '../lib/config/index.js';
import type { ConnectionState } from '../lib/connection/connection-state.js';
import type { IbEvent } from '../lib/connection/ib-event.js';
import type { OutboundStatus } from '../lib/monitoring/health-sources.js';
import type { MonitoredInput } from '../lib/monitoring/session-health-sources.js';
import { sessionHealth$ } from '../lib/monitoring/session-health.js';
import type { LiveSubscription } from '../lib/requests/subscription-registry.js';
import type { Tick } from '../lib/ticks/tick.js';
import { exposeGc } from './gc.js';
import { median, round } from './stats.js';

/** Figures of {@link runHealthBench}. */
export interface HealthBenchResult {
  /** Extra CPU time per (inbound event + folded tick) pair with `health$` subscribed, ns (median of rounds). */
  readonly nsPerTick: number | null;
  readonly nsPerTickRuns: readonly number[];
  readonly ticksPerRound: number;
  readonly symbols: number;
}

const SYMBOLS = 100;
const READY: ConnectionState = {
  socket: { status: 'connected', generation: 1, clientId: 0, serverVersion: 176, ready: true },
  link: 'up',
  farms: {},
};

/**
 * Pre-built pairs (the event `events$` carries, the input the stream folds), cycled: a small pool,
 * so that they are in the CPU caches as the session's freshly made objects would be.
 */
const POOL = 1000;
const workload = (): { events: IbEvent[]; inputs: MonitoredInput[] } => {
  const events: IbEvent[] = [];
  const inputs: MonitoredInput[] = [];
  for (let i = 0; i < POOL; i++) {
    const reqId = 1 + (i % SYMBOLS);
    const bid = i % 2 === 0;
    const price = 100 + (i % 50) / 100;
    events.push({ type: 'tickPrice', reqId, tickType: bid ? T.BID : T.ASK, price, time: i });
    const tick: Tick = { type: 'tick', field: bid ? 'bid' : 'ask', reqId, delayed: false, time: i, value: price };
    inputs.push({ key: `S${reqId}`, step: { input: tick } });
  }
  return { events, inputs };
};

/** CPU time of this process, ms (user + system): unlike wall time, not inflated by other processes taking the cores. */
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Pushes the workload through a fake session's sources; with `health`, `health$` is subscribed. Returns CPU ms. */
const pushOnce = (work: ReturnType<typeof workload>, ticks: number, health: boolean): number => {
  const events$ = new Subject<IbEvent>();
  const streamInputs$ = new Subject<MonitoredInput>();
  const subscriptions: LiveSubscription[] = Array.from({ length: SYMBOLS }, (_, i) => ({
    key: `S${i + 1}`, symbol: `S${i + 1}`, contract: { symbol: `S${i + 1}` }, reqId: i + 1, generation: 1, dataType: 'realtime',
  }));
  const session = {
    events$,
    streamInputs$,
    connectionState$: new BehaviorSubject(READY),
    errors$: NEVER,
    subscriptions$: new BehaviorSubject<readonly LiveSubscription[]>(subscriptions),
    outbound$: new BehaviorSubject<OutboundStatus>({ sent: 0, queued: 0 }),
    config: parseConfig({ limits: { market_data_lines: 1000 } }),
  };
  let subscription: Subscription | undefined;
  if (health) subscription = sessionHealth$(session).subscribe({ error: () => undefined });
  const { events, inputs } = work;
  const started = cpuMs();
  for (let i = 0; i < ticks; i++) {
    // The session only feeds streamInputs$ while it is observed (IbSession's onStep).
    if (events$.observed) events$.next(events[i % POOL] as IbEvent);
    if (streamInputs$.observed) streamInputs$.next(inputs[i % POOL] as MonitoredInput);
  }
  const ms = cpuMs() - started;
  subscription?.unsubscribe();
  return ms;
};

/** Alternating rounds with and without `health$`: the difference per tick is monitoring's cost. */
export const runHealthBench = (options: { readonly quick?: boolean; readonly log?: (line: string) => void } = {}): HealthBenchResult => {
  const ticks = options.quick === true ? 30_000 : 1_000_000;
  const rounds = options.quick === true ? 2 : 7;
  const gc = exposeGc();
  const work = workload();
  pushOnce(work, ticks, true); // JIT
  const runs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    gc();
    const first = r % 2 === 0;
    const a = pushOnce(work, ticks, first);
    gc();
    const b = pushOnce(work, ticks, !first);
    const [withHealth, without] = first ? [a, b] : [b, a];
    runs.push(((withHealth - without) * 1e6) / ticks);
    options.log?.(`  health$ round ${r + 1}: +${(((withHealth - without) * 1e6) / ticks).toFixed(1)} ns per tick (${withHealth.toFixed(1)} vs ${without.toFixed(1)} ms)`);
  }
  return { nsPerTick: round(median(runs), 3), nsPerTickRuns: runs.map((v) => round(v, 3) ?? Number.NaN), ticksPerRound: ticks, symbols: SYMBOLS };
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = runHealthBench({ quick: process.argv.includes('--quick'), log: (line) => { process.stdout.write(`${line}\n`); } });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
