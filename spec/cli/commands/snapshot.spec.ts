import { expect } from 'chai';
import { startSimulator } from '../../../lib/sim/index.js';
import type { Simulator } from '../../../lib/sim/index.js';
import { CliProcesses } from '../support/cli-harness.js';

const QUOTE_KEYS = [
  'symbol', 'bid', 'ask', 'last', 'bidSize', 'askSize', 'lastSize', 'high', 'low', 'open', 'close', 'volume',
  'marketDataType', 'lastUpdate',
];
const parseLines = (stdout: string): Record<string, unknown>[] =>
  stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('ib-rx snapshot (against the simulator)', function () {
  this.timeout(60_000); // spawned CLI processes: generous on a loaded machine
  const cli = new CliProcesses();
  let sim: Simulator | undefined;
  afterEach(async () => {
    cli.killAll();
    await sim?.close();
    sim = undefined;
  });

  it('--sim --json prints one flat quote per symbol, labelled simulated, and a failed symbol\'s error (exit 1)', async () => {
    const started = Date.now();
    const run = await cli.run(['snapshot', 'AAPL', 'msft', 'ZZZZ', '--json', '--sim']);
    expect(run.stderr).to.equal('');
    expect(run.code).to.equal(1);
    const [aapl, msft, zzzz] = parseLines(run.stdout);
    for (const quote of [aapl!, msft!]) {
      expect(Object.keys(quote)).to.deep.equal([...QUOTE_KEYS, 'simulated']);
      for (const key of ['bid', 'ask', 'last', 'high', 'low', 'open', 'close', 'volume', 'lastSize']) expect(quote[key], key).to.be.a('number');
      const q = quote as { bid: number; ask: number; last: number; high: number; low: number; volume: number; lastUpdate: string };
      expect(q.bid).to.be.at.most(q.ask);
      expect(q.high).to.be.at.least(q.low);
      expect(q.last).to.be.within(q.low, q.high);
      expect(q.volume).to.be.greaterThan(0);
      expect(quote.marketDataType).to.be.oneOf(['realtime', 'delayed']);
      expect(Date.parse(q.lastUpdate)).to.be.within(started, Date.now());
      expect(quote.simulated).to.equal(true);
    }
    expect(aapl!.symbol).to.equal('AAPL');
    expect(msft!.symbol).to.equal('MSFT');
    expect(zzzz).to.deep.include({ symbol: 'ZZZZ' });
    expect(zzzz!.error).to.include({ name: 'SymbolNotFoundError', code: 200 });
    expect((zzzz!.error as { message: string }).message).to.include('No security definition');
  });

  it('exits 0 when every symbol answered', async () => {
    const run = await cli.run(['snapshot', 'SPY', '--json', '--sim']);
    expect(run.code).to.equal(0);
    expect(parseLines(run.stdout).map((q) => q.symbol)).to.deep.equal(['SPY']);
  });

  it('connects with --host, --port, --client-id and --data-type, without a SIMULATED label', async () => {
    sim = await startSimulator({ port: 0, delayedOnly: 'ALL' });
    const run = await cli.run(['snapshot', 'IBM', '--json', '--host', '127.0.0.1', '--port', String(sim.port), '--client-id', '9', '--data-type', 'delayed']);
    expect(run.code, run.stderr).to.equal(0);
    const [quote] = parseLines(run.stdout);
    expect(quote).to.include({ symbol: 'IBM', marketDataType: 'delayed' });
    expect(quote).not.to.have.property('simulated');
    const [client] = sim.stats().clients;
    expect(client).to.include({ clientId: 9, marketDataType: 3 });
  });

  it('takes the port from IB_PORT and the config file from --config', async () => {
    sim = await startSimulator({ port: 0 });
    const run = await cli.run(['snapshot', 'AAPL', '--config', 'ib.config.json'], { env: { IB_PORT: String(sim.port) } });
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.match(new RegExp(`TWS / IB Gateway 127\\.0\\.0\\.1:${sim.port}`));
    expect(run.stdout).to.match(/^AAPL\s+\d+\.\d\d\s+\d+\.\d\d/m);
  });

  it('an unreachable gateway gives exit 2 and a message naming host:port and what to check, no stack trace', async () => {
    const closed = await startSimulator({ port: 0 });
    await closed.close();
    const run = await cli.run(['snapshot', 'AAPL', '--json', '--port', String(closed.port)]);
    expect(run.code).to.equal(2);
    expect(run.stdout).to.equal('');
    expect(run.stderr).to.match(new RegExp(`^ib-rx: cannot connect to TWS / IB Gateway at 127\\.0\\.0\\.1:${closed.port} \\(`));
    expect(run.stderr).to.include('Enable ActiveX and Socket Clients').and.include('7497').and.include('4002');
    expect(run.stderr).not.to.match(/\n\s+at /);
  });

  it('a missing --config file gives exit 2 with one line naming the flag, the path and where it was looked for', async () => {
    const run = await cli.run(['snapshot', 'AAPL', '--config', 'no-such.json']);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.match(/^ib-rx: --config no-such\.json: no such file \(\/.*\/no-such\.json\)\n$/);
    expect(run.stderr).not.to.match(/\n\s+at /);
  });
});
