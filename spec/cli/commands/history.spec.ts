import { expect } from 'chai';
import { CliProcesses } from '../support/cli-harness.js';

describe('ib-rx history (against the simulator)', function () {
  this.timeout(60_000); // spawned CLI processes: generous on a loaded machine
  const cli = new CliProcesses();
  afterEach(() => { cli.killAll(); });

  it('--sim prints CSV bars (header first) with the SIMULATED title on stderr, exit 0', async () => {
    const run = await cli.run(['history', 'AAPL', '--bar-size', '1 hour', '--duration', '2 D', '--sim']);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stderr).to.match(/^ib-rx history · SIMULATED data/);
    const [header, ...rows] = run.stdout.trimEnd().split('\n');
    expect(header).to.equal('start,end,open,high,low,close,volume,trades,wap');
    expect(rows.length).to.be.greaterThan(10);
    for (const row of rows) expect(row).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z,\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z,[\d.]+,[\d.]+,[\d.]+,[\d.]+,\d+,\d+,[\d.]*$/);
  });

  it('--sim --json labels every bar simulated; a bad bar size exits 2 with one line', async () => {
    const run = await cli.run(['history', 'MSFT', '--bar-size', '1 day', '--duration', '1 M', '--json', '--sim']);
    expect(run.code, run.stderr).to.equal(0);
    const bars = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(bars.length).to.be.within(18, 23);
    for (const bar of bars) expect(bar).to.include({ symbol: 'MSFT', simulated: true });
    const bad = await cli.run(['history', 'MSFT', '--bar-size', '1 minute', '--duration', '1 D', '--sim']);
    expect(bad.code).to.equal(2);
    expect(bad.stderr.trimEnd().split('\n')).to.have.length(1);
    expect(bad.stderr).to.match(/^ib-rx history: invalid --bar-size: /);
  });
});
