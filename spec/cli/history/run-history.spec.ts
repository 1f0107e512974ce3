import { expect } from 'chai';
import { runCli } from '../../../lib/cli/main.js';
import type { Bar } from '../../../lib/bars/bar.js';
import { ConnectionError, HistoricalDataError } from '../../../lib/errors.js';
import { recordingIo } from '../support/cli-harness.js';
import { FakeSession } from '../support/fake-session.js';

const bars: readonly Bar[] = [
  { start: Date.UTC(2025, 11, 1, 14, 30), end: Date.UTC(2025, 11, 1, 14, 31), open: 230.1, high: 230.5, low: 229.9, close: 230.2, volume: 1200, trades: 37, wap: 230.25 },
  { start: Date.UTC(2025, 11, 1, 14, 31), end: Date.UTC(2025, 11, 1, 14, 32), open: 230.2, high: 230.3, low: 230, close: 230, volume: 0, trades: 0 },
];
const noData = new HistoricalDataError(162, 'Historical Market Data Service error message:HMDS query returned no data: ZZZZ@SMART Trades', { reqId: 4, symbol: 'ZZZZ' });

describe('runHistory (ib-rx history)', () => {
  it('prints CSV with a header line by default; the source title goes to stderr', async () => {
    const io = recordingIo();
    const fake = new FakeSession({}, {}, { history: { AAPL: bars } });
    expect(await runCli(['history', 'aapl', '--bar-size', '1 min', '--duration', '1 D'], { io, openSession: () => fake })).to.equal(0);
    expect(io.stdout()).to.equal([
      'start,end,open,high,low,close,volume,trades,wap',
      '2025-12-01T14:30:00.000Z,2025-12-01T14:31:00.000Z,230.1,230.5,229.9,230.2,1200,37,230.25',
      '2025-12-01T14:31:00.000Z,2025-12-01T14:32:00.000Z,230.2,230.3,230,230,0,0,',
      '',
    ].join('\n'));
    expect(io.stderr()).to.match(/^ib-rx history · TWS \/ IB Gateway /);
    expect(fake.historyCalls).to.deep.equal([{ contract: 'AAPL', options: { barSize: '1 min', duration: '1 D', whatToShow: 'TRADES', useRTH: false } }]);
    expect(fake.closed).to.equal(true);
  });

  it('prints one JSON object per bar with --json, and passes --what, --rth and --end', async () => {
    const io = recordingIo();
    const fake = new FakeSession({}, {}, { history: { AAPL: bars } });
    const args = ['history', 'AAPL', '--bar-size', '1 day', '--duration', '1 Y', '--what', 'MIDPOINT', '--rth', '--end', '2025-12-01T21:00:00Z', '--json'];
    expect(await runCli(args, { io, openSession: () => fake })).to.equal(0);
    const lines = io.stdout().trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).to.deep.equal({ symbol: 'AAPL', ...bars[0] });
    expect(lines).to.have.length(2);
    expect(fake.historyCalls[0]?.options).to.deep.equal({ barSize: '1 day', duration: '1 Y', whatToShow: 'MIDPOINT', useRTH: true, end: Date.UTC(2025, 11, 1, 21) });
  });

  it('rejects a bad bar size, duration or whatToShow with one line naming the flag, exit 2, nothing sent', async () => {
    const cases = [
      { args: ['--bar-size', '2 min', '--duration', '1 D'], line: /^ib-rx history: invalid --bar-size: expected one of IB's bar sizes \(1 secs, .*\), got "2 min"$/ },
      { args: ['--bar-size', '1 min', '--duration', '1D'], line: /^ib-rx history: invalid --duration: expected IB's duration/ },
      { args: ['--bar-size', '1 min', '--duration', '2 D'], line: /^ib-rx history: invalid --duration: expected at most 1 D \(86400 S\) with 1 min bars \(IB's limit\), got "2 D"$/ },
      { args: ['--bar-size', '1 min', '--duration', '1 D', '--what', 'trades'], line: /^ib-rx history: invalid --what: expected one of TRADES, MIDPOINT, .*, AGGTRADES \(did you mean "TRADES"\?\), got "trades"$/ },
    ];
    for (const { args, line } of cases) {
      const io = recordingIo();
      let opened = false;
      expect(await runCli(['history', 'AAPL', ...args], { io, openSession: () => { opened = true; return new FakeSession({}); } })).to.equal(2);
      const lines = io.stderr().trimEnd().split('\n');
      expect(lines, io.stderr()).to.have.length(1);
      expect(lines[0]).to.match(line);
      expect(opened).to.equal(false);
      expect(io.stdout()).to.equal('');
    }
  });

  it('exits 1 with the error on stderr when TWS refuses the request', async () => {
    const io = recordingIo();
    expect(await runCli(['history', 'ZZZZ', '--bar-size', '1 min', '--duration', '1 D'], { io, openSession: () => new FakeSession({}, {}, { history: { ZZZZ: noData } }) })).to.equal(1);
    expect(io.stderr()).to.equal('ib-rx: history ZZZZ: HistoricalDataError: historical data request failed (IB 162) (ZZZZ, reqId 4): Historical Market Data Service error message:HMDS query returned no data: ZZZZ@SMART Trades\n');
    expect(io.stdout()).to.equal('');
  });

  it('exits 2 when the gateway cannot be reached', async () => {
    const io = recordingIo();
    const fake = new FakeSession({}, {}, {});
    setTimeout(() => { fake.failWith(new ConnectionError({ host: '127.0.0.1', port: 7497, reason: 'connect ECONNREFUSED' })); }, 5);
    expect(await runCli(['history', 'AAPL', '--bar-size', '1 min', '--duration', '1 D'], { io, openSession: () => fake })).to.equal(2);
    expect(io.stderr()).to.include('cannot connect to TWS / IB Gateway at 127.0.0.1:7497');
  });

  it('requires --bar-size and --duration, and refuses --csv with --json (commander usage errors, exit 2)', async () => {
    for (const args of [['history', 'AAPL', '--duration', '1 D'], ['history', 'AAPL', '--bar-size', '1 min'], ['history', 'AAPL', '--bar-size', '1 min', '--duration', '1 D', '--csv', '--json']]) {
      const io = recordingIo();
      expect(await runCli(args, { io, openSession: () => new FakeSession({}) })).to.equal(2);
      expect(io.stderr()).to.match(/^error: /);
    }
  });
});
