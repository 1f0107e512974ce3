import { expect } from 'chai';
import { CliProcesses } from '../support/cli-harness.js';

describe('ib-rx search (against the simulator)', function () {
  this.timeout(60_000); // spawned CLI processes: generous on a loaded machine
  const cli = new CliProcesses();
  afterEach(() => { cli.killAll(); });

  it('--sim --json prints the matches, labelled simulated, exit 0', async () => {
    const run = await cli.run(['search', 'TWIN', '--json', '--sim']);
    expect(run.stderr).to.equal('');
    expect(run.code).to.equal(0);
    const lines = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.symbol, l.primaryExchange, l.conId, l.simulated])).to.deep.equal([
      ['TWIN', 'NASDAQ', 480000001, true],
      ['TWIN', 'NYSE', 480000002, true],
    ]);
  });

  it('prints a table titled SIMULATED, and exits 1 when nothing matches', async () => {
    const found = await cli.run(['search', 'apple', '--sim']);
    expect(found.code).to.equal(0);
    expect(found.stdout).to.match(/^ib-rx search · SIMULATED data/);
    expect(found.stdout).to.match(/\nAAPL\s+STK\s+NASDAQ\s+USD\s+265598\s+OPT\s+APPLE INC\n/);
    const none = await cli.run(['search', 'QXQXQ', '--sim']);
    expect(none.code).to.equal(1);
    expect(none.stderr).to.equal('ib-rx: no symbol matches "QXQXQ"\n');
  });
});
