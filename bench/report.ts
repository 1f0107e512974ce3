import type { ChurnResult } from './churn.js';
import type { HealthBenchResult } from './health-bench.js';
import type { SessionBenchResult } from './session-bench.js';
import type { LatencyResult } from './latency.js';
import type { MemoryResult } from './memory.js';
import { VARIANTS, VARIANT_LABELS } from './socket-run.js';
import type { SimThroughputResult } from './sim-throughput.js';
import { round } from './stats.js';
import type { StateBenchFigures } from './state-figures.js';
import type { TargetCheck } from './targets.js';
import type { ThroughputResult } from './throughput.js';

interface ReportFigures {
  readonly throughput: Readonly<Record<string, ThroughputResult>>;
  readonly throughputMix: Readonly<Record<string, ThroughputResult>>;
  readonly latency: Readonly<Record<string, LatencyResult>>;
  readonly memory: MemoryResult | null;
  readonly health: HealthBenchResult | null;
  readonly session: SessionBenchResult | null;
  readonly state: StateBenchFigures | null;
  readonly churn: ChurnResult | null;
  readonly sim: SimThroughputResult | null;
  readonly targets: Readonly<Record<string, TargetCheck>>;
  readonly errors: Readonly<Record<string, string>>;
}

const fmt = (v: number | null | undefined, unit = ''): string =>
  v === null || v === undefined ? '–' : `${Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : String(v)}${unit}`;

/** The human-readable summary printed before the JSON line. */
export const printReport = (f: ReportFigures, log: (line: string) => void): void => {
  log('');
  const throughputTable = (title: string, parts: Readonly<Record<string, ThroughputResult>>): void => {
    if (Object.keys(parts).length === 0) return;
    log(`== throughput, ${title} (tick messages/s | per CPU second of the client, median of runs; ×: median of the per-round ratios) ==`);
    for (const [symbols, t] of Object.entries(parts)) {
      for (const v of VARIANTS) {
        const r = t.variants[v];
        if (r === undefined) continue;
        const ratios = (table: Readonly<Record<string, number | null>>): string => {
          const vs = (key: string, label: string): string => (table[key] === undefined ? '' : ` ×${label} ${fmt(table[key])}`);
          return `${vs(`${v}VsRaw`, 'raw')}${vs(`${v}VsNext`, 'next')}${v === 'state' ? vs('stateVsRawFast', "a'") : ''}${v === 'stateHealth' ? vs('stateHealthVsState', 'd') : ''}`;
        };
        log(`${symbols.padStart(3)} sym  ${VARIANT_LABELS[v].padEnd(38)} ${fmt(r.msgsPerS).padStart(10)}${ratios(t.ratios)} (spread ${fmt(r.spread)})`
          + ` | ${fmt(r.cpuMsgsPerS).padStart(10)}${ratios(t.cpuRatios)} (spread ${fmt(r.cpuSpread)})`);
      }
    }
  };
  throughputTable('bid/ask tickPrice bursts', f.throughput);
  throughputTable('stock mix (tick-mix.ts)', f.throughputMix);
  log('== latency (µs, feed write → client holds it; medians of per-run percentiles) ==');
  for (const [symbols, l] of Object.entries(f.latency)) {
    for (const v of VARIANTS) {
      const r = l.variants[v];
      if (r === undefined) continue;
      log(`${symbols.padStart(3)} sym  ${VARIANT_LABELS[v].padEnd(32)} p50 ${fmt(r.p50Us).padStart(6)}  p99 ${fmt(r.p99Us).padStart(7)}  (${r.samples} samples)`);
    }
  }
  if (f.memory) {
    log(`== memory: ${f.memory.ticks.toLocaleString('en-US')} ticks, history ${f.memory.history}: heap ${fmt(f.memory.baselineHeapMb)} → ${fmt(f.memory.finalHeapMb)} MB (growth ${fmt(f.memory.heapGrowthMb)} MB), ${fmt(f.memory.ticksPerS)} ticks/s`);
  }
  if (f.health) {
    log(`== in-process: health$ adds ${fmt(f.health.nsPerTick)} ns CPU per tick (an inbound event + a folded tick, ${f.health.symbols} streams)`);
  }
  if (f.session) {
    log(`== in-process session, stock mix, ${f.session.symbols} symbols: marketData$ ${fmt(f.session.stateNsPerMsg)} ns CPU per message, with health$ ${fmt(f.session.stateHealthNsPerMsg)} ns (throughput ×${fmt(f.session.healthRatio)})`);
  }
  if (f.state) {
    log(`== in-process: toTicks → marketState ${fmt(f.state.pipelineTicksPerS)} ticks/s; per tick at history 100 ${fmt(f.state.nsPerTickHistory100)} ns vs 100 000 ${fmt(f.state.nsPerTickHistory100k)} ns (×${fmt(f.state.historyCostRatio)})`);
  }
  if (f.sim) {
    log(`== simulator (S): ${fmt(f.sim.simMessagesPerSec)} msg/s to a byte counter vs ${fmt(f.sim.clientMessagesPerSec)} decoded by raw IBApi (×${fmt(round(f.sim.ratio, 3))})`);
  }
  if (f.churn) {
    log(`== churn: ${f.churn.cycles} subscribe/unsubscribe cycles in ${fmt(f.churn.seconds)} s (median cycle ${fmt(f.churn.cycleMs)} ms; ${fmt(f.churn.cycleMsWithoutNoDelay)} ms as ib-rx opens the session, without the bench's setNoDelay patch); listeners ${f.churn.listeners.before} → ${f.churn.listeners.after}, handles ${f.churn.handles.before} → ${f.churn.handles.after}, live subscriptions at the simulator ${fmt(f.churn.simLiveSubscriptions)}`);
  }
  log('== targets ==');
  for (const [key, t] of Object.entries(f.targets)) {
    log(`${t.met === null ? '  ?' : t.met ? ' ok' : 'MISS'}  ${key}: ${t.target} (${String(t.value)})`);
  }
  for (const [part, message] of Object.entries(f.errors)) log(`error in ${part}: ${message}`);
  log('');
};
