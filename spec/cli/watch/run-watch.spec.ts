import { expect } from 'chai';
import { concat, firstValueFrom, from, map, NEVER, of, race, Subject, throwError, timer } from 'rxjs';
import { runCli } from '../../../lib/cli/main.js';
import { ConnectionError, SymbolNotFoundError } from '../../../lib/errors.js';
import { FakeSession } from '../support/fake-session.js';
import { recordingIo } from '../support/cli-harness.js';
import { waitUntil } from '../../support/wait-until.js';

describe('runWatch (ib-rx watch, in process)', () => {
  it('prints a line per symbol when piped and stops on the stop signal with exit 0', async () => {
    const io = recordingIo();
    const stop$ = new Subject<void>();
    const session = new FakeSession({}, {
      marketData$: (symbol) => concat(of({ symbol, last: symbol === 'AAPL' ? 10 : 20, lastUpdate: Date.now(), marketDataType: 'delayed' }), NEVER),
      connection$: of({ phase: 'connected' as const, reconnects: 0, detail: 'server 176' }),
    });
    const run = runCli(['watch', 'AAPL', 'MSFT', '--interval', '50'], { io, stop$, openSession: () => session });
    await waitUntil(() => / MSFT /.test(io.stdout()) && / AAPL /.test(io.stdout()), 3000, 'a line per symbol');
    stop$.next();
    expect(await run).to.equal(0);
    const lines = io.stdout().trimEnd().split('\n');
    expect(lines[0]).to.match(/^# ib-rx watch · TWS \/ IB Gateway 127\.0\.0\.1:7497/);
    expect(lines[1]).to.match(/^# \d\d:\d\d:\d\d connection: connected \(server 176\) · reconnects: 0$/);
    expect(lines.slice(2).map((l) => l.split(' ')[1])).to.deep.equal(['AAPL', 'MSFT']);
    expect(lines[2]).to.include('last=10.00').and.include('type=delayed');
    expect(session.closed).to.be.true;
  });

  it('shows a failed symbol\'s error, keeps the others, and exits 1 after --duration', async () => {
    const io = recordingIo();
    const session = new FakeSession({}, {
      marketData$: (symbol) => (symbol === 'ZZZZ' ? throwError(() => new SymbolNotFoundError('no such', { symbol })) : concat(of({ symbol, last: 5 }), NEVER)),
    });
    expect(await runCli(['watch', 'AAPL', 'ZZZZ', '--duration', '0.1', '--interval', '50'], { io, openSession: () => session })).to.equal(1);
    expect(io.stdout()).to.match(/AAPL bid=- ask=- last=5\.00/);
    expect(io.stdout()).to.match(/ZZZZ error="SymbolNotFoundError: no security definition/);
  });

  it('exits 1 at once when every symbol has failed (no --duration, no Ctrl-C), after showing each error', async () => {
    const io = recordingIo();
    const stop$ = new Subject<void>();
    const session = new FakeSession({}, { marketData$: (symbol) => throwError(() => new SymbolNotFoundError('no such', { symbol })) });
    const run = runCli(['watch', 'ZZZZ', 'QQQQX', '--interval', '50'], { io, stop$, openSession: () => session });
    // Without a stop it would run forever: 5 s tells the two apart even on a busy machine (race() clears the timer).
    const ended = await firstValueFrom(race(from(run), timer(5000).pipe(map(() => 'still running' as const))), { defaultValue: 'still running' as const });
    stop$.next();
    expect(ended).to.equal(1);
    expect(io.stdout()).to.match(/ZZZZ error="SymbolNotFoundError/).and.to.match(/QQQQX error="SymbolNotFoundError/);
    expect(io.stderr()).to.equal('ib-rx watch: every symbol failed (ZZZZ, QQQQX)\n');
    expect(session.closed).to.be.true;
  });

  it('exits 2 with the gateway checklist when the session cannot connect', async () => {
    const io = recordingIo();
    const session = new FakeSession({});
    const run = runCli(['watch', 'AAPL', '--interval', '50'], { io, openSession: () => session });
    setImmediate(() => { session.failWith(new ConnectionError({ host: 'gw.example', port: 4002, reason: 'connection refused' })); });
    expect(await run).to.equal(2);
    expect(io.stderr()).to.match(/^ib-rx: cannot connect to TWS \/ IB Gateway at gw\.example:4002 \(connection refused\)/);
    expect(session.closed).to.be.true;
  });

  it('keeps running while one symbol still streams', async () => {
    const io = recordingIo();
    const stop$ = new Subject<void>();
    const session = new FakeSession({}, {
      marketData$: (symbol) => (symbol === 'ZZZZ' ? throwError(() => new SymbolNotFoundError('no such', { symbol })) : concat(of({ symbol, last: 5 }), NEVER)),
    });
    let done = false;
    const run = runCli(['watch', 'AAPL', 'ZZZZ', '--interval', '50'], { io, stop$, openSession: () => session }).finally(() => { done = true; });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(done).to.be.false;
    stop$.next();
    expect(await run).to.equal(1);
    expect(io.stderr()).to.equal('');
  });
});
