import { expect } from 'chai';
import { CliProcesses } from '../support/cli-harness.js';

describe('ib-rx depth (against the simulator)', function () {
  this.timeout(60_000); // spawned CLI processes: generous on a loaded machine
  const cli = new CliProcesses();
  afterEach(() => { cli.killAll(); });

  it('--sim prints a SIMULATED ladder of --rows rows per side, bids falling and asks rising, exit 0 after --duration', async () => {
    const run = await cli.run(['depth', 'AAPL', '--rows', '4', '--sim', '--duration', '3', '--interval', '200']);
    expect(run.code, run.stderr).to.equal(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).to.match(/^# ib-rx depth · SIMULATED data/);
    const starts = lines.map((l, i) => (l.startsWith('AAPL · ') ? i : -1)).filter((i) => i >= 0);
    const last = lines.slice(starts.at(-1));
    expect(last[0]).to.match(/^AAPL · 4 rows · smart depth · updated/);
    const rows = last.slice(2).map((l) => /^\s+\d\s+(\w+)\s+\S+\s+([\d.]+) │ ([\d.]+)\s+\S+\s+(\w+)$/.exec(l));
    expect(rows, last.join('\n')).to.have.length(4);
    const bids = rows.map((m) => Number(m?.[2]));
    const asks = rows.map((m) => Number(m?.[3]));
    expect(bids).to.deep.equal([...bids].sort((a, b) => b - a));
    expect(asks).to.deep.equal([...asks].sort((a, b) => a - b));
    expect(bids[0]).to.be.below(asks[0]!);
  });

  it('--sim exits 1 for an unknown symbol and 2 for a bad --rows, each with one line', async () => {
    const unknown = await cli.run(['depth', 'NOPE1', '--sim', '--duration', '20']);
    expect(unknown.code).to.equal(1);
    expect(unknown.stderr.trimEnd().split('\n')).to.have.length(1);
    expect(unknown.stderr).to.match(/^ib-rx: depth NOPE1: SymbolNotFoundError: /);
    const bad = await cli.run(['depth', 'AAPL', '--rows', '500', '--sim']);
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.match(/^error: option '--rows <n>' argument '500' is invalid/);
  });
});
