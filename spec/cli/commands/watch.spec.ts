import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { startSimulator } from '../../../lib/sim/index.js';
import type { Simulator } from '../../../lib/sim/index.js';
import { CliProcesses, repoRoot } from '../support/cli-harness.js';

const ROW = (symbol: string): RegExp =>
  new RegExp(`^\\d\\d:\\d\\d:\\d\\d ${symbol} bid=\\d+\\.\\d\\d ask=\\d+\\.\\d\\d last=\\d+\\.\\d\\d change=[-+ ]\\d+\\.\\d\\d high=\\S+ low=\\S+ volume=\\d+ type=(realtime|delayed) age=\\d+\\.\\ds$`, 'm');

describe('ib-rx watch (against the simulator)', function () {
  this.timeout(60_000); // spawned CLI processes: generous on a loaded machine
  const cli = new CliProcesses();
  let sim: Simulator | undefined;
  afterEach(async () => {
    cli.killAll();
    await sim?.close();
    sim = undefined;
  });

  it('piped, prints SIMULATED, the connection state and rows for every symbol, and stops after --duration', async () => {
    // --duration counts from the start, before connecting: 3 s leaves rows to print on a busy machine too.
    const run = await cli.run(['watch', 'AAPL', 'MSFT', '--sim', '--duration', '3', '--interval', '200']);
    expect(run.code, run.stderr).to.equal(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).to.match(/^# ib-rx watch · SIMULATED data/);
    expect(run.stdout).to.match(/^# \d\d:\d\d:\d\d connection: connected \(server \d+\) · reconnects: 0$/m);
    expect(run.stdout).to.match(ROW('AAPL')).and.to.match(ROW('MSFT'));
    expect(lines.filter((l) => / AAPL /.test(l)).length).to.be.at.least(2);
    expect(run.stdout).not.to.include('\u001b[');
  });

  it('`npm run demo` (watch on a few symbols against the built-in simulator) runs with no set-up', async () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const [node, script, ...args] = (pkg.scripts.demo ?? '').split(' ');
    expect([node, script]).to.deep.equal(['node', 'bin/ib-rx.js']);
    expect(args).to.include('--sim');
    // Until a row of every symbol, then Ctrl-C: as long as that takes, no longer.
    const demo = cli.start([...args, '--interval', '200']);
    for (const symbol of args.filter((a) => /^[A-Z]+$/.test(a))) await demo.waitForOutput(ROW(symbol));
    demo.signal('SIGINT');
    const run = await demo.done;
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/^# ib-rx watch · SIMULATED/);
    expect(run.stdout.split('\n')[0]?.length, 'the title line fits 80 columns').to.be.at.most(80);
  });

  it('--bars 1m adds each symbol\'s forming bar to its rows; a bad bar size is a usage error', async () => {
    // 6 s of watching plus start-up, which takes seconds on a loaded machine: the default 15-s kill is too close.
    const run = await cli.run(['watch', 'AAPL', '--sim', '--duration', '6', '--interval', '200', '--bars', '1m'], { timeoutMs: 45_000 });
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/^\d\d:\d\d:\d\d AAPL bid=.* bar="\d\d:\d\d:00 [\d.]+\/[\d.]+\/[\d.]+\/[\d.]+ \S+"$/m);
    const bad = await cli.run(['watch', 'AAPL', '--sim', '--bars', '1s'], { timeoutMs: 45_000 });
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.match(/^error: option '--bars <size>' argument '1s' is invalid\. expected a bar size IB keeps up to date/);
  });

  it('exits 1 at once when every symbol has failed, showing each error', async () => {
    const run = await cli.run(['watch', 'ZZZZ', 'QQQQX', '--sim', '--interval', '100'], { timeoutMs: 40_000 });
    expect(run.code, `${run.stdout}${run.stderr}`).to.equal(1);
    expect(run.stdout).to.match(/^\d\d:\d\d:\d\d ZZZZ error="SymbolNotFoundError: /m).and.to.match(/^\d\d:\d\d:\d\d QQQQX error="SymbolNotFoundError: /m);
    expect(run.stderr).to.equal('ib-rx watch: every symbol failed (ZZZZ, QQQQX)\n');
  });

  it('ends with exit 0 on Ctrl-C (SIGINT)', async () => {
    const watch = cli.start(['watch', 'SPY', '--sim', '--interval', '100']);
    await watch.waitForOutput(ROW('SPY'));
    watch.signal('SIGINT');
    const run = await watch.done;
    expect(run.code).to.equal(0);
    expect(run.stderr).to.equal('');
  });

  it('shows the reconnect after the gateway drops the connection, and rows continue', async () => {
    sim = await startSimulator({ port: 0, rateHz: 10 });
    const watch = cli.start(['watch', 'AAPL', '--port', String(sim.port), '--interval', '100'], { env: {} });
    await watch.waitForOutput(ROW('AAPL'));
    sim.drop();
    await watch.waitForOutput(/connection: connected \(server \d+\) · reconnects: 1$/m);
    await watch.waitForOutput(ROW('AAPL'), watch.stdout().length);
    watch.signal('SIGINT');
    const run = await watch.done;
    expect(run.code).to.equal(0);
    expect(run.stdout).to.match(/connection: reconnecting/);
    expect(sim.stats().connections).to.equal(2);
  });
});
