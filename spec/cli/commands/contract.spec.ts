import { expect } from 'chai';
import { CliProcesses } from '../support/cli-harness.js';

describe('ib-rx contract (against the simulator)', function () {
  this.timeout(60_000); // spawned CLI processes: generous on a loaded machine
  const cli = new CliProcesses();
  afterEach(() => { cli.killAll(); });

  it('--sim prints one contract in full, exit 0', async () => {
    const run = await cli.run(['contract', 'AAPL', '--sim']);
    expect(run.stderr).to.equal('');
    expect(run.code).to.equal(0);
    expect(run.stdout).to.match(/^ib-rx contract · SIMULATED data/);
    expect(run.stdout).to.match(/\nconId\s+265598\n/);
    expect(run.stdout).to.match(/\nname\s+APPLE INC\n/);
  });

  it('--json takes a contract as JSON (forex) and prints its details', async () => {
    const run = await cli.run(['contract', '{"symbol":"EUR","secType":"CASH","exchange":"IDEALPRO","currency":"USD"}', '--json', '--sim']);
    expect(run.code, run.stderr).to.equal(0);
    expect(JSON.parse(run.stdout)).to.include({ conId: 12087792, symbol: 'EUR', secType: 'CASH', localSymbol: 'EUR.USD', simulated: true });
  });

  it('prints the candidates of an ambiguous symbol and how to choose, exit 1', async () => {
    const run = await cli.run(['contract', 'TWIN', '--sim']);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.match(/\n480000001\s+TWIN\s+STK\s+NASDAQ\s+USD/);
    expect(run.stdout).to.match(/\n480000002\s+TWIN\s+STK\s+NYSE\s+USD/);
    expect(run.stderr).to.equal("ib-rx: TWIN is ambiguous: 2 contracts match; pass primaryExch: 'NASDAQ' or 'NYSE' (or a conId) to choose one\n");
  });

  it('exits 1 for an unknown symbol and 2 for a past expiry, one line each', async () => {
    const unknown = await cli.run(['contract', 'ZZZZ', '--sim']);
    expect(unknown.code).to.equal(1);
    expect(unknown.stderr).to.match(/^ib-rx: contract ZZZZ: SymbolNotFoundError: /);
    const past = await cli.run(['contract', '{"symbol":"ES","secType":"FUT","exchange":"CME","lastTradeDateOrContractMonth":"200112"}', '--sim']);
    expect(past.code).to.equal(2);
    expect(past.stderr.trimEnd().split('\n')).to.have.length(1);
    expect(past.stderr).to.match(/invalid lastTradeDateOrContractMonth: expected an expiry not in the past/);
  });
});
