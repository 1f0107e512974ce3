import { expect } from 'chai';
import { runCli } from '../../../lib/cli/main.js';
import { ConnectionError, SymbolNotFoundError } from '../../../lib/errors.js';
import { FakeSession } from '../support/fake-session.js';
import { recordingIo } from '../support/cli-harness.js';

const aapl = { symbol: 'AAPL', bid: 1, ask: 2, last: 1.5, prevClose: 1.4, marketDataType: 'delayed', lastUpdate: 0, stale: false };
const msft = { symbol: 'MSFT', last: 3, marketDataType: 'realtime', stale: false };
const notFound = new SymbolNotFoundError('No security definition has been found for the request', { symbol: 'ZZZZ', reqId: 7 });

describe('runSnapshot (ib-rx snapshot)', () => {
  it('prints one flat quote per symbol in the order given and exits 0 when all answered', async () => {
    const io = recordingIo();
    const session = new FakeSession({ AAPL: aapl, MSFT: msft });
    expect(await runCli(['snapshot', 'msft', 'aapl', '--json'], { io, openSession: () => session })).to.equal(0);
    const lines = io.stdout().trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.symbol)).to.deep.equal(['MSFT', 'AAPL']);
    expect(lines[1]).to.include({ bid: 1, ask: 2, last: 1.5, close: 1.4, marketDataType: 'delayed', lastUpdate: '1970-01-01T00:00:00.000Z' });
    expect(lines[1]).not.to.have.property('simulated');
    expect(session.closed).to.be.true;
  });

  it('prints the failed symbol\'s error object and exits 1 when some symbol failed', async () => {
    const io = recordingIo();
    const code = await runCli(['snapshot', 'AAPL', 'ZZZZ', '--json'], { io, openSession: () => new FakeSession({ AAPL: aapl, ZZZZ: notFound }) });
    expect(code).to.equal(1);
    const [, failed] = io.stdout().trimEnd().split('\n');
    expect(JSON.parse(failed!)).to.deep.equal({ symbol: 'ZZZZ', error: { name: 'SymbolNotFoundError', code: 200, message: notFound.message } });
  });

  it('prints a table with the failed symbol\'s reason without --json', async () => {
    const io = recordingIo();
    await runCli(['snapshot', 'AAPL', 'ZZZZ'], { io, openSession: () => new FakeSession({ AAPL: aapl, ZZZZ: notFound }) });
    const lines = io.stdout().trimEnd().split('\n');
    expect(lines[0]).to.match(/^ib-rx snapshot · TWS \/ IB Gateway 127\.0\.0\.1:7497/);
    expect(lines[1]).to.match(/^SYMBOL\s+BID/);
    expect(lines[2]).to.match(/^AAPL\s+1\.00\s+2\.00\s+1\.50\s+\+0\.10/);
    expect(lines[3]).to.match(/^ZZZZ\s+error: no security definition/);
  });

  it('accepts the common options before the command too; the command\'s own win', async () => {
    const io = recordingIo();
    await runCli(['--port', '4002', '--host', 'gw.example', 'snapshot', 'AAPL', '--port', '4001'], { io, openSession: () => new FakeSession({ AAPL: aapl }) });
    expect(io.stdout()).to.match(/^ib-rx snapshot · TWS \/ IB Gateway gw\.example:4001 /);
  });

  it('exits 2 with the host:port and what to check when the gateway cannot be reached', async () => {
    const io = recordingIo();
    const session = new FakeSession({});
    const run = runCli(['snapshot', 'AAPL', '--host', 'gw.example', '--port', '4002'], { io, openSession: () => session });
    await Promise.resolve();
    session.failWith(new ConnectionError({ host: 'gw.example', port: 4002, reason: 'connection refused' }));
    expect(await run).to.equal(2);
    const err = io.stderr();
    expect(err).to.match(/^ib-rx: cannot connect to TWS \/ IB Gateway at gw\.example:4002 \(connection refused\)/);
    for (const hint of ['running', 'Enable ActiveX and Socket Clients', '7497', '7496', '4001', '4002', 'Trusted IPs', '--sim']) expect(err).to.include(hint);
    expect(err).not.to.match(/\n\s+at /);
    expect(io.stdout()).to.equal('');
    expect(session.closed).to.be.true;
  });

  it('exits 2 when a symbol\'s request failed because of the connection', async () => {
    const io = recordingIo();
    const refused = new ConnectionError({ host: '127.0.0.1', port: 7497, reason: 'ECONNREFUSED' });
    expect(await runCli(['snapshot', 'AAPL', '--json'], { io, openSession: () => new FakeSession({ AAPL: refused }) })).to.equal(2);
    expect(io.stderr()).to.include('127.0.0.1:7497');
  });
});
