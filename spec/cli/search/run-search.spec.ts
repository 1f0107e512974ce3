import { SecType } from '@stoqey/ib';
import { expect } from 'chai';
import { runCli } from '../../../lib/cli/main.js';
import type { SymbolMatch } from '../../../lib/contracts/symbol-match.js';
import { ConnectionError, IbApiError } from '../../../lib/errors.js';
import { recordingIo } from '../support/cli-harness.js';
import { FakeSession } from '../support/fake-session.js';

const aapl: SymbolMatch = {
  conId: 265598, symbol: 'AAPL', secType: SecType.STK, primaryExchange: 'NASDAQ', currency: 'USD', derivativeSecTypes: [SecType.OPT, SecType.WAR], description: 'APPLE INC',
};
const eur: SymbolMatch = { conId: 12087792, symbol: 'EUR', secType: SecType.CASH, primaryExchange: undefined, currency: 'USD', derivativeSecTypes: [], description: undefined };
const session = (search: Record<string, readonly SymbolMatch[] | Error>): FakeSession => new FakeSession({}, {}, { search });

describe('runSearch (ib-rx search)', () => {
  it('prints one match per line with --json (absent values null) and exits 0', async () => {
    const io = recordingIo();
    const fake = session({ AAP: [aapl, eur] });
    expect(await runCli(['search', ' AAP ', '--json'], { io, openSession: () => fake })).to.equal(0);
    const lines = io.stdout().trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).to.deep.equal([
      { conId: 265598, symbol: 'AAPL', secType: 'STK', primaryExchange: 'NASDAQ', currency: 'USD', derivativeSecTypes: ['OPT', 'WAR'], description: 'APPLE INC' },
      { conId: 12087792, symbol: 'EUR', secType: 'CASH', primaryExchange: null, currency: 'USD', derivativeSecTypes: [], description: null },
    ]);
    expect(fake.closed).to.equal(true);
  });

  it('prints a titled table without --json', async () => {
    const io = recordingIo();
    await runCli(['search', 'AAP'], { io, openSession: () => session({ AAP: [aapl, eur] }) });
    const lines = io.stdout().trimEnd().split('\n');
    expect(lines[0]).to.match(/^ib-rx search · TWS \/ IB Gateway /);
    expect(lines[1]).to.match(/^SYMBOL\s+TYPE\s+PRIMARY\s+CUR\s+CONID\s+DERIVATIVES\s+DESCRIPTION$/);
    expect(lines[2]).to.match(/^AAPL\s+STK\s+NASDAQ\s+USD\s+265598\s+OPT,WAR\s+APPLE INC$/);
    expect(lines[3]).to.match(/^EUR\s+CASH\s+-\s+USD\s+12087792\s+-\s+-$/);
  });

  it('exits 1 saying so when nothing matches, or when TWS refused the search', async () => {
    const none = recordingIo();
    expect(await runCli(['search', 'QQQQQ', '--json'], { io: none, openSession: () => session({ QQQQQ: [] }) })).to.equal(1);
    expect(none.stdout()).to.equal('');
    expect(none.stderr()).to.equal('ib-rx: no symbol matches "QQQQQ"\n');
    const refused = recordingIo();
    expect(await runCli(['search', 'X'], { io: refused, openSession: () => session({ X: new IbApiError(321, 'Error validating request') }) })).to.equal(1);
    expect(refused.stderr()).to.match(/^ib-rx: search "X" failed: IbApiError: .*321.*\n$/);
  });

  it('exits 2 with one line for an empty pattern, and for an unreachable gateway', async () => {
    const empty = recordingIo();
    expect(await runCli(['search', '  '], { io: empty, openSession: () => session({}) })).to.equal(2);
    expect(empty.stderr().split('\n')[0]).to.match(/^error: .*the pattern is empty/);
    const io = recordingIo();
    const fake = session({});
    const openSession = (): FakeSession => {
      setImmediate(() => { fake.failWith(new ConnectionError({ host: '127.0.0.1', port: 7497, reason: 'ECONNREFUSED' })); });
      return fake;
    };
    expect(await runCli(['search', 'AAP'], { io, openSession })).to.equal(2);
    expect(io.stderr()).to.match(/cannot connect to TWS \/ IB Gateway at 127\.0\.0\.1:7497/);
    expect(io.stderr()).not.to.match(/\n\s+at /, 'no stack trace');
  });
});
