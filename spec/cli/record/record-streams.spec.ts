import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { concat, NEVER, of, throwError } from 'rxjs';
import type { Bar } from '../../../lib/bars/bar.js';
import type { CliSession } from '../../../lib/cli/cli-session.js';
import { runCli } from '../../../lib/cli/main.js';
import { StreamLimitError } from '../../../lib/errors.js';
import { parseReplayLine, type ReplayRecord } from '../../../lib/sim/replay-format.js';
import type { SymbolOrContract } from '../../../lib/requests/contract-key.js';
import type { DepthOptions } from '../../../lib/streams/depth/depth-options.js';
import type { OrderBook } from '../../../lib/streams/depth/order-book.js';
import type { RealTimeBarsOptions } from '../../../lib/streams/real-time-bars/real-time-bars-options.js';
import type { TickByTick, TickByTickType } from '../../../lib/streams/tick-by-tick/tick-by-tick.js';
import { FakeSession } from '../support/fake-session.js';
import { recordingIo } from '../support/cli-harness.js';

const BAR: Bar = { start: 1_760_000_000_000, end: 1_760_000_005_000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 30, trades: 3, wap: 1.2 };
const LAST: TickByTick = { type: 'Last', time: 1_760_000_001_000, price: 1.5, size: 10, exchange: 'ARCA', specialConditions: '', pastLimit: false, unreported: false };
const QUOTE: TickByTick = { type: 'BidAsk', time: 1_760_000_002_000, bidPrice: 1.4, askPrice: 1.6, bidSize: 3, askSize: 4, bidPastLow: false, askPastHigh: true };

/** A fake session with 5-second bars and tick-by-tick data; `calls` lists what was asked. */
function streamingSession(calls: string[], tickByTick$: (symbol: string, type: TickByTickType) => ReturnType<NonNullable<CliSession['tickByTick$']>>): CliSession {
  return Object.assign(new FakeSession({}), {
    realTimeBars$: (symbol: string, options: RealTimeBarsOptions) => {
      calls.push(`bars ${symbol} ${options.whatToShow ?? ''}`);
      return concat(of(BAR), NEVER);
    },
    tickByTick$: (symbol: string, type: TickByTickType) => {
      calls.push(`tbt ${symbol} ${type}`);
      return tickByTick$(symbol, type);
    },
  });
}

const read = (file: string): (ReplayRecord | undefined)[] => readFileSync(file, 'utf8').trimEnd().split('\n').map((line, i) => parseReplayLine(line, i + 1));

describe('runRecord --bars5s / --tbt / --depth (ib-rx record, in process)', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'ib-rx-record-')); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  it('writes 5-second bars and tick-by-tick messages as bar5s / tbt replay lines, their fields as emitted', async () => {
    const out = join(dir, 'streams.ndjson');
    const io = recordingIo();
    const calls: string[] = [];
    const session = streamingSession(calls, (_symbol, type) => concat(of(type === 'Last' ? LAST : QUOTE), NEVER));
    expect(await runCli(['record', 'AAPL', '--out', out, '--duration', '0.05', '--bars5s', 'MIDPOINT', '--tbt', 'Last,BidAsk,Last'], { io, openSession: () => session })).to.equal(0);
    expect(calls).to.deep.equal(['bars AAPL MIDPOINT', 'tbt AAPL Last', 'tbt AAPL BidAsk']);
    const records = read(out).map((r) => ({ ...r, t: 0 }));
    expect(records).to.deep.equal([
      { kind: 'bar5s', t: 0, symbol: 'AAPL', whatToShow: 'MIDPOINT', ...(({ end: _end, ...bar }) => bar)(BAR) },
      { kind: 'tbt', t: 0, symbol: 'AAPL', ...LAST },
      { kind: 'tbt', t: 0, symbol: 'AAPL', ...QUOTE },
    ]);
    expect(io.stderr()).to.equal(`ib-rx record: wrote 0 ticks, 1 5-s bars, 2 tick-by-tick of AAPL to ${out}\n`);
  });

  it('defaults --bars5s to TRADES; a refused stream is reported, the others recorded, exit 1', async () => {
    const out = join(dir, 'streams.ndjson');
    const io = recordingIo();
    const calls: string[] = [];
    const session = streamingSession(calls, (symbol) => (symbol === 'MSFT'
      ? throwError(() => StreamLimitError.budgetExhausted({ stream: 'tick-by-tick', inUse: 1, limit: 1, symbol }))
      : concat(of(LAST), NEVER)));
    expect(await runCli(['record', 'AAPL', 'MSFT', '--out', out, '--duration', '0.05', '--bars5s', '--tbt', 'Last'], { io, openSession: () => session })).to.equal(1);
    expect(calls).to.deep.equal(['bars AAPL TRADES', 'tbt AAPL Last', 'bars MSFT TRADES', 'tbt MSFT Last']);
    expect(io.stderr()).to.match(/^ib-rx record: MSFT \(tick-by-tick Last\): StreamLimitError/);
    expect(read(out).map((r) => `${r?.kind ?? 'tick'} ${r?.symbol ?? ''}`)).to.deep.equal(['bar5s AAPL', 'tbt AAPL', 'bar5s MSFT']);
  });

  it('refuses a bad --bars5s or --tbt value with one line naming the flag (exit 2)', async () => {
    for (const args of [['--bars5s', 'BID_ASK'], ['--tbt', 'Last,Trades'], ['--tbt', ',']]) {
      const io = recordingIo();
      expect(await runCli(['record', 'AAPL', '--out', join(dir, 'x.ndjson'), ...args], { io, openSession: () => new FakeSession({}) })).to.equal(2);
      expect(io.stderr()).to.include(args[0]).and.not.include('    at ');
    }
  });

  it("takes IB's names as the API does: another case is refused with the right spelling (exit 2, nothing opened)", async () => {
    const cases = [
      { args: ['--tbt', 'last'], problem: `error: option '--tbt <types>' argument 'last' is invalid. unknown type "last" (did you mean "Last"?): expected Last, AllLast, BidAsk, MidPoint` },
      { args: ['--tbt', 'Last,bidask'], problem: `argument 'Last,bidask' is invalid. unknown type "bidask" (did you mean "BidAsk"?)` },
      { args: ['--bars5s', 'midpoint'], problem: `error: option '--bars5s [whatToShow]' argument 'midpoint' is invalid. unknown whatToShow "midpoint" (did you mean "MIDPOINT"?)` },
    ];
    for (const { args, problem } of cases) {
      const io = recordingIo();
      let opened = false;
      expect(await runCli(['record', 'AAPL', '--out', join(dir, 'x.ndjson'), ...args], { io, openSession: () => { opened = true; return new FakeSession({}); } })).to.equal(2);
      expect(io.stderr().split('\n')[0]).to.include(problem);
      expect(opened).to.equal(false);
    }
  });

  it('refuses an empty --tbt entry (Last,,BidAsk; a comma at the end) naming the flag, the value and the entry', async () => {
    for (const [value, entry] of [['Last,,BidAsk', 'entry 2 of 3 is empty'], ['Last,', 'entry 2 of 2 is empty'], [' , Last', 'entry 1 of 2 is empty']] as const) {
      const io = recordingIo();
      expect(await runCli(['record', 'AAPL', '--out', join(dir, 'x.ndjson'), '--tbt', value], { io, openSession: () => new FakeSession({}) })).to.equal(2);
      expect(io.stderr().split('\n')[0]).to.equal(`error: option '--tbt <types>' argument '${value}' is invalid. ${entry} (a comma too many?).`);
    }
  });

  it('writes every depth book as a depth replay line (--depth ROWS asks for that many rows)', async () => {
    const out = join(dir, 'depth.ndjson');
    const io = recordingIo();
    const asked: string[] = [];
    const book: OrderBook = {
      symbol: 'AAPL', time: 5, rows: 2, smart: true, stale: false,
      bids: [{ price: 10, size: 5, marketMaker: 'ARCA' }, { price: 9.99, size: 1 }], asks: [{ price: 10.01, size: 2, marketMaker: 'IEX' }],
    };
    const session: CliSession = Object.assign(new FakeSession({}), {
      depth$: (symbol: SymbolOrContract, options: DepthOptions) => {
        asked.push(`${typeof symbol === 'string' ? symbol : 'contract'} ${String(options.rows)}`);
        return concat(of(book), NEVER);
      },
    });
    expect(await runCli(['record', 'AAPL', '--out', out, '--duration', '0.05', '--depth', '2'], { io, openSession: () => session })).to.equal(0);
    expect(asked).to.deep.equal(['AAPL 2']);
    expect(read(out).map((r) => ({ ...r, t: 0 }))).to.deep.equal([
      { kind: 'depth', t: 0, symbol: 'AAPL', bids: [{ price: 10, size: 5, marketMaker: 'ARCA' }, { price: 9.99, size: 1 }], asks: [{ price: 10.01, size: 2, marketMaker: 'IEX' }] },
    ]);
    expect(io.stderr()).to.equal(`ib-rx record: wrote 0 ticks, 1 depth books of AAPL to ${out}\n`);
    const bad = recordingIo();
    expect(await runCli(['record', 'AAPL', '--out', out, '--depth', '0'], { io: bad, openSession: () => session })).to.equal(2);
    expect(bad.stderr()).to.include('--depth');
  });

  it('says which streams a session without them cannot record (a session port that lacks tickByTick$)', async () => {
    const out = join(dir, 'streams.ndjson');
    const io = recordingIo();
    expect(await runCli(['record', 'AAPL', '--out', out, '--duration', '0.05', '--tbt', 'MidPoint'], { io, openSession: () => new FakeSession({}) })).to.equal(1);
    expect(io.stderr()).to.match(/^ib-rx record: AAPL \(tick-by-tick MidPoint\): .*no tick-by-tick data/);
  });
});
