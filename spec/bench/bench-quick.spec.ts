import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { expect } from 'chai';

/** Runs `node --import tsx bench/run.ts --quick` (what `npm run bench -- --quick` runs). */
const runQuickBench = async (): Promise<{ code: number | null; lines: string[] }> => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr.resume();
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, lines: out.split('\n').filter((line) => line.trim() !== '') };
};

const VARIANTS = ['raw', 'next', 'ticks', 'state'] as const;

// A smoke test of the benchmark harness: it runs to the end and prints its JSON line. It asserts
// that every figure was measured (a number), never how fast anything was.
describe('bench/run.ts --quick', function () {
  this.timeout(180_000);

  it('completes and ends with one JSON line holding every figure', async () => {
    const { code, lines } = await runQuickBench();
    expect(code, lines.slice(-15).join('\n')).to.equal(0);
    const report = JSON.parse(lines.at(-1) ?? '') as Record<string, unknown>;
    expect(report).to.include.keys('machine', 'throughput', 'throughputMix', 'latency', 'memory', 'health', 'session', 'state', 'churn', 'targets', 'errors');
    expect(report.errors).to.deep.equal({});

    const throughput = report.throughput as Record<string, { variants: Record<string, { msgsPerS: unknown }>; ratios: Record<string, unknown> }>;
    expect(throughput).to.have.keys('1');
    for (const t of Object.values(throughput)) {
      for (const v of VARIANTS) expect(t.variants[v]?.msgsPerS, v).to.be.a('number');
      expect(t.ratios).to.include.keys('stateVsRaw', 'stateVsNext', 'ticksVsRaw', 'ticksVsNext', 'nextVsRaw');
    }

    // The realistic mix at 100 symbols, with the variants that separate decoder, session and monitoring.
    const mix = report.throughputMix as Record<string, { mix: string; variants: Record<string, { msgsPerS: unknown }>; ratios: Record<string, unknown> }>;
    expect(mix).to.have.keys('100');
    expect(mix['100']?.mix).to.equal('stock');
    for (const v of ['raw', 'rawFast', 'state', 'stateNoFast', 'stateHealth']) expect(mix['100']?.variants[v]?.msgsPerS, v).to.be.a('number');
    expect(mix['100']?.ratios).to.include.keys('stateVsRaw', 'stateNoFastVsRaw', 'rawFastVsRaw', 'stateVsRawFast', 'stateHealthVsState');

    const latency = report.latency as Record<string, { variants: Record<string, { p50Us: unknown; p99Us: unknown }> }>;
    expect(Object.keys(latency)).to.not.be.empty;
    for (const l of Object.values(latency)) {
      for (const v of VARIANTS) {
        expect(l.variants[v]?.p50Us, v).to.be.a('number');
        expect(l.variants[v]?.p99Us, v).to.be.a('number');
      }
    }

    const memory = report.memory as { heapGrowthMb: unknown; ticks: unknown };
    expect(memory.heapGrowthMb).to.be.a('number');
    expect(memory.ticks).to.be.a('number');
    const health = report.health as { nsPerTick: unknown };
    expect(health.nsPerTick).to.be.a('number');
    const session = report.session as { stateNsPerMsg: unknown; stateHealthNsPerMsg: unknown; healthRatio: unknown };
    for (const key of ['stateNsPerMsg', 'stateHealthNsPerMsg', 'healthRatio'] as const) expect(session[key], key).to.be.a('number');
    const state = report.state as { pipelineTicksPerS: unknown; historyCostRatio: unknown };
    expect(state.pipelineTicksPerS).to.be.a('number');
    expect(state.historyCostRatio).to.be.a('number');
    const churn = report.churn as { cycles: unknown; listeners: { before: number; after: number } };
    expect(churn.cycles).to.be.a('number');
    expect(churn.listeners.after).to.be.a('number');
    expect(report.targets).to.include.keys(
      'stateVsRaw_1sym', 'stateVsNext_1sym', 'mixStateVsRaw_100sym', 'mixStateNoFastVsRaw_100sym', 'mixHealthCost_100sym', 'sessionHealthCost', 'heapGrowth', 'historyCost', 'churn',
    );
  });
});
