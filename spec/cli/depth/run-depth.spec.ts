import { expect } from 'chai';
import { concat, NEVER, of, Subject, throwError, type Observable } from 'rxjs';
import { runCli } from '../../../lib/cli/main.js';
import { renderDepthLadder } from '../../../lib/cli/render/depth-ladder.js';
import { ConnectionError, StreamLimitError } from '../../../lib/errors.js';
import type { SymbolOrContract } from '../../../lib/requests/contract-key.js';
import type { DepthOptions } from '../../../lib/streams/depth/depth-options.js';
import type { OrderBook } from '../../../lib/streams/depth/order-book.js';
import { recordingIo } from '../support/cli-harness.js';
import { FakeSession } from '../support/fake-session.js';
import { waitUntil } from '../../support/wait-until.js';

const book: OrderBook = {
  symbol: 'AAPL', rows: 3, smart: true, stale: false, time: 1_000,
  bids: [{ price: 189.5, size: 300, marketMaker: 'NSDQ' }, { price: 189.49, size: 12_500, marketMaker: 'ARCA' }],
  asks: [{ price: 189.52, size: 200, marketMaker: 'IEX' }, { price: 189.53, size: 100, marketMaker: 'BATS' }, { price: 189.55, size: 900, marketMaker: 'EDGX' }],
};

/** A FakeSession with a scripted depth$ that records its calls. */
class DepthFake extends FakeSession {
  readonly depthCalls: { readonly contract: SymbolOrContract; readonly options: DepthOptions }[] = [];
  constructor(private readonly books$: Observable<OrderBook>) {
    super({});
  }
  readonly depth$ = (contract: SymbolOrContract, options: DepthOptions): Observable<OrderBook> => {
    this.depthCalls.push({ contract, options });
    return this.books$;
  };
}

describe('renderDepthLadder', () => {
  it('puts bids left and asks right, best first, with sizes and market makers; empty cells where a side is shorter', () => {
    expect(renderDepthLadder(book, 1_500)).to.deep.equal([
      'AAPL · 3 rows · smart depth · updated 0.5s ago',
      '  #  MM         SIZE        BID │ ASK            SIZE  MM',
      '  1  NSDQ        300     189.50 │ 189.52          200  IEX',
      '  2  ARCA      12.5k     189.49 │ 189.53          100  BATS',
      '  3                             │ 189.55          900  EDGX',
    ]);
  });

  it('says STALE and exchange depth, shows "-" for rows without a market maker, and says when there are no rows', () => {
    const l1: OrderBook = { ...book, smart: false, stale: true, bids: [{ price: 10, size: 1 }], asks: [] };
    const [status, , row] = renderDepthLadder(l1, 1_000);
    expect(status).to.equal('AAPL · 3 rows · exchange depth · STALE · updated 0.0s ago');
    expect(row).to.equal('  1  -             1      10.00 │');
    expect(renderDepthLadder({ ...l1, bids: [] }, 1_000)[2]).to.equal('  (no rows yet)');
  });
});

describe('runDepth (ib-rx depth)', () => {
  it('prints the ladder (title once, a timestamped block per redraw) and passes --rows / --smart / --no-smart', async () => {
    const stop$ = new Subject<void>();
    const fake = new DepthFake(concat(of(book), NEVER));
    const io = recordingIo();
    const run = runCli(['depth', 'aapl', '--rows', '3', '--interval', '50'], { io, stop$, openSession: () => fake });
    await waitUntil(() => io.stdout().includes('EDGX'), 10_000, 'the first ladder');
    stop$.next();
    expect(await run).to.equal(0);
    const lines = io.stdout().trimEnd().split('\n');
    expect(lines[0]).to.match(/^# ib-rx depth · TWS \/ IB Gateway /);
    expect(lines[1]).to.match(/^# \d\d:\d\d:\d\d$/);
    expect(lines.slice(3)).to.deep.equal(renderDepthLadder(book, 0).slice(1));
    expect(fake.depthCalls).to.deep.equal([{ contract: 'AAPL', options: { rows: 3 } }]);
    expect(fake.closed).to.equal(true);
    for (const [flag, smart] of [['--smart', true], ['--no-smart', false]] as const) {
      const other = new DepthFake(of(book));
      expect(await runCli(['depth', 'AAPL', flag], { io: recordingIo(), openSession: () => other })).to.equal(0);
      expect(other.depthCalls[0]?.options).to.deep.equal({ rows: 10, smart });
    }
  });

  it('exits 1 with the error on stderr when TWS refuses the request', async () => {
    const io = recordingIo();
    const refused = new StreamLimitError('Max number of market depth requests has been reached', { stream: 'depth', reqId: 3, symbol: 'AAPL' });
    expect(await runCli(['depth', 'AAPL'], { io, openSession: () => new DepthFake(throwError(() => refused)) })).to.equal(1);
    expect(io.stderr()).to.match(/^ib-rx: depth AAPL: StreamLimitError: max market depth requests reached \(IB 309\)/);
  });

  it('exits 2 for a bad --rows (one line naming it, no session) and for a connection failure', async () => {
    for (const rows of ['0', '101', 'x']) {
      const io = recordingIo();
      let opened = false;
      expect(await runCli(['depth', 'AAPL', '--rows', rows], { io, openSession: () => { opened = true; return new DepthFake(NEVER); } })).to.equal(2);
      expect(io.stderr().split('\n')[0]).to.equal(`error: option '--rows <n>' argument '${rows}' is invalid. expected a whole number from 1 to 100.`);
      expect(opened).to.equal(false);
    }
    const io = recordingIo();
    const down = new ConnectionError({ host: '127.0.0.1', port: 7497, reason: 'ECONNREFUSED' });
    expect(await runCli(['depth', 'AAPL'], { io, openSession: () => new DepthFake(throwError(() => down)) })).to.equal(2);
  });
});
