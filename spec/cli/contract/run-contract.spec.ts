import { SecType } from '@stoqey/ib';
import { expect } from 'chai';
import { runCli } from '../../../lib/cli/main.js';
import { toContractDetails, type ContractDetails } from '../../../lib/contracts/contract-details.js';
import { SymbolNotFoundError } from '../../../lib/errors.js';
import { ibDetails } from '../../contracts/fake-one-shot-context.js';
import { recordingIo } from '../support/cli-harness.js';
import { FakeSession } from '../support/fake-session.js';

const aapl = toContractDetails(ibDetails(265598, 'AAPL', {}, { secIdList: [{ tag: 'ISIN', value: 'US0378331005' }], longName: 'APPLE INC' }));
const twin = [
  toContractDetails(ibDetails(480000001, 'TWIN', { primaryExch: 'NASDAQ' }, { longName: 'TWIN LISTING CORP' })),
  toContractDetails(ibDetails(480000002, 'TWIN', { primaryExch: 'NYSE' }, { longName: 'TWIN HOLDINGS INC' })),
];
const notFound = new SymbolNotFoundError('No security definition has been found for the request', { symbol: 'ZZZZ', reqId: 3 });
const session = (details: Record<string, readonly ContractDetails[] | Error>): FakeSession => new FakeSession({}, {}, { details });

describe('runContract (ib-rx contract)', () => {
  it('prints the one contract in full and exits 0', async () => {
    const io = recordingIo();
    expect(await runCli(['contract', 'aapl'], { io, openSession: () => session({ AAPL: [aapl] }) })).to.equal(0);
    const lines = io.stdout().trimEnd().split('\n');
    expect(lines[0]).to.match(/^ib-rx contract · TWS \/ IB Gateway /);
    expect(lines).to.include.members(['conId            265598', 'symbol           AAPL', 'primaryExchange  NASDAQ', 'name             APPLE INC', 'ISIN             US0378331005']);
    expect(lines.some((l) => l.startsWith('strike'))).to.equal(false, 'no option fields for a stock');
  });

  it('prints the details as one JSON object with --json', async () => {
    const io = recordingIo();
    expect(await runCli(['contract', 'AAPL', '--json'], { io, openSession: () => session({ AAPL: [aapl] }) })).to.equal(0);
    const json = JSON.parse(io.stdout()) as Record<string, unknown>;
    expect(json).to.include({ conId: 265598, symbol: 'AAPL', secType: 'STK', primaryExchange: 'NASDAQ', strike: null });
    expect(json.contract).to.deep.equal({ ...aapl.contract });
  });

  it('takes a contract as JSON', async () => {
    const eur = toContractDetails(ibDetails(12087792, 'EUR', { secType: SecType.CASH, exchange: 'IDEALPRO', primaryExch: '', localSymbol: 'EUR.USD' }));
    const io = recordingIo();
    const arg = '{"symbol":"EUR","secType":"CASH","exchange":"IDEALPRO","currency":"USD"}';
    expect(await runCli(['contract', arg, '--json'], { io, openSession: () => session({ 'EUR.USD': [eur] }) })).to.equal(0);
    expect(JSON.parse(io.stdout())).to.include({ conId: 12087792, secType: 'CASH' });
  });

  it('prints the candidates and how to choose when several match, exit 1', async () => {
    const io = recordingIo();
    expect(await runCli(['contract', 'TWIN'], { io, openSession: () => session({ TWIN: twin }) })).to.equal(1);
    const lines = io.stdout().trimEnd().split('\n');
    expect(lines[1]).to.match(/^\s*CONID\s+SYMBOL\s+TYPE\s+PRIMARY\s+CUR\s+EXPIRY\s+STRIKE\s+RIGHT\s+NAME$/);
    expect(lines[2]).to.match(/^480000001\s+TWIN\s+STK\s+NASDAQ\s+USD\s+-\s+-\s+-\s+TWIN LISTING CORP$/);
    expect(lines[3]).to.match(/^480000002\s+TWIN\s+STK\s+NYSE\s+/);
    expect(io.stderr()).to.equal("ib-rx: TWIN is ambiguous: 2 contracts match; pass primaryExch: 'NASDAQ' or 'NYSE' (or a conId) to choose one\n");
    const json = recordingIo();
    expect(await runCli(['contract', 'TWIN', '--json'], { io: json, openSession: () => session({ TWIN: twin }) })).to.equal(1);
    const answer = JSON.parse(json.stdout()) as { query: string; error: { name: string }; candidates: { conId: number }[] };
    expect([answer.query, answer.error.name, answer.candidates.map((c) => c.conId)]).to.deep.equal(['TWIN', 'AmbiguousContractError', [480000001, 480000002]]);
  });

  it('exits 1 with the error when nothing matches', async () => {
    const io = recordingIo();
    expect(await runCli(['contract', 'ZZZZ'], { io, openSession: () => session({ ZZZZ: notFound }) })).to.equal(1);
    expect(io.stderr()).to.match(/^ib-rx: contract ZZZZ: SymbolNotFoundError: no security definition \(IB 200\)/);
    const json = recordingIo();
    await runCli(['contract', 'ZZZZ', '--json'], { io: json, openSession: () => session({ ZZZZ: notFound }) });
    expect(JSON.parse(json.stdout())).to.deep.equal({ symbol: 'ZZZZ', error: { name: 'SymbolNotFoundError', code: 200, message: notFound.message } });
  });

  it('exits 2 with one line for a bad symbol, bad JSON, an unknown field or a bad contract field', async () => {
    const cases: readonly [string, RegExp][] = [
      ['A$B', /"A\$B" is not a stock symbol/],
      ['{"symbol":', /not valid JSON/],
      ['{"symbol":"AAPL","sectype":"STK"}', /unknown contract field "sectype"/],
      ['{"symbol":"AAPL","strike":"250"}', /contract field "strike" must be a number/],
      ['{"symbol":"AAPL","secType":"OPTION"}', /invalid secType: expected one of/],
      ['{"symbol":"AAPL","secType":"OPT","right":"X"}', /invalid right/],
    ];
    for (const [arg, problem] of cases) {
      const io = recordingIo();
      expect(await runCli(['contract', arg], { io, openSession: () => session({}) }), arg).to.equal(2);
      expect(io.stderr().split('\n')[0], arg).to.match(problem);
      expect(io.stderr()).not.to.match(/\n\s+at /);
    }
  });
});
