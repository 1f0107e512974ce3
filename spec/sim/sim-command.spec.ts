import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { EventName, SecType } from '@stoqey/ib';
import { expect } from 'chai';
import { createSimCommand } from '../../lib/sim/sim-command.js';
import { barsOf, finishedOf, reqBars, updatesOf } from './support/history.js';
import { RawClient, stock } from './support/raw-client.js';

const MAIN = fileURLToPath(new URL('../../lib/cli/main.ts', import.meta.url));

/** Runs `ib-rx sim ARGS` in-process; `stop()` ends it like SIGINT would. */
const runSim = (args: readonly string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  let stop = (): void => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const program = new Command('ib-rx').exitOverride().addCommand(createSimCommand({ out: (t) => out.push(t), err: (t) => err.push(t), waitForStop: () => stopped }));
  const done = program.parseAsync(['sim', ...args], { from: 'user' });
  return { out, err, stop, done };
};

const listeningPort = async (out: string[]): Promise<number> => {
  for (let i = 0; i < 200; i++) {
    const match = /^listening on 127\.0\.0\.1:(\d+)$/m.exec(out.join(''));
    if (match?.[1]) return Number(match[1]);
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`no listening line in ${JSON.stringify(out)}`);
};

describe('createSimCommand', () => {
  it('prints the real port for --port 0 and serves the flags (repeated and comma-separated symbol lists)', async () => {
    const run = runSim(['--port', '0', '--symbols', 'AAPL,MSFT', '--symbols', 'IBM', '--delayed-only', 'ALL', '--seed', '3']);
    const port = await listeningPort(run.out);
    const client = new RawClient(port);
    try {
      await client.connect();
      client.api.reqMktData(1, stock('IBM'), '', false, false);
      client.api.reqMktData(2, stock('SPY'), '', false, false);
      await client.waitFor('two errors', (c) => c.errors().length === 2);
      expect(client.errors().map((e) => [e.code, e.reqId])).to.deep.equal([[354, 1], [200, 2]]);
    } finally {
      await client.close();
      run.stop();
      await run.done;
    }
    expect(run.out).to.deep.equal([`listening on 127.0.0.1:${port}\n`]);
    expect(run.err.join('')).to.match(/SIMULATED/);
  });

  it('serves the contract flags: --ambiguous, --today, --matching-symbols-interval', async () => {
    const run = runSim(['--port', '0', '--ambiguous', 'IBM', '--today', '20251201', '--matching-symbols-interval', '60000', '--option-computation', 'max-value']);
    const port = await listeningPort(run.out);
    const client = new RawClient(port);
    try {
      await client.connect();
      client.api.reqContractDetails(1, stock('IBM'));
      client.api.reqContractDetails(2, { symbol: 'ES', secType: SecType.FUT, exchange: 'CME', lastTradeDateOrContractMonth: '202512' });
      client.api.reqMatchingSymbols(3, 'IB');
      client.api.reqMatchingSymbols(4, 'IB');
      await client.waitFor('answers', (c) => c.of(EventName.contractDetailsEnd).length === 2 && c.errors().length === 1);
      expect(client.of(EventName.contractDetails).map((a) => a[0])).to.deep.equal([1, 1, 2]);
      expect(client.errors().map((e) => [e.code, e.reqId])).to.deep.equal([[100, 4]]);
    } finally {
      await client.close();
      run.stop();
      await run.done;
    }
  });

  it('serves the historical flags: --market-time, --hmds, --no-historical-pacing, --bar-update-interval', async () => {
    const run = runSim(['--port', '0', '--market-time', '20251201-15:00:04', '--hmds', 'inactive', '--no-historical-pacing', '--bar-update-interval', '100']);
    const port = await listeningPort(run.out);
    const client = new RawClient(port);
    try {
      await client.connect();
      await client.waitFor('farm notices', (c) => c.infoCodes().length >= 3);
      for (const reqId of [1, 2]) reqBars(client, reqId, { barSize: '5 secs', duration: '60 S' });
      reqBars(client, 3, { keepUpToDate: true, barSize: '5 secs', duration: '60 S' });
      await client.waitFor('bars and an update', (c) => finishedOf(c, 2) !== undefined && updatesOf(c, 3).length > 0);
      expect(client.infoCodes()).to.deep.equal([2104, 2107, 2158, 2106]);
      expect(barsOf(client, 1)[0]?.time).to.match(/^20251201 09:59:0\d US\/Eastern$/);
      expect(client.errors()).to.deep.equal([]);
    } finally {
      await client.close();
      run.stop();
      await run.done;
    }
  });

  it('--rate 0 sends the quote at subscription and no market events after it (0 = none, as documented)', async () => {
    const run = runSim(['--port', '0', '--rate', '0']);
    const port = await listeningPort(run.out);
    const client = new RawClient(port);
    try {
      await client.connect();
      client.api.reqMktData(1, stock('AAPL'), '', false, false);
      await client.waitFor('the quote at subscription', (c) => c.tickTypes(1).length > 0);
      // The answer to a later request comes after everything the simulator queued before it.
      client.api.reqCurrentTime();
      await client.waitForCount(EventName.currentTime);
      const atSubscription = client.tickTypes(1).length;
      // At the default rate (4 per second) several market events would come in this time.
      const moved = await client.waitFor('a market event', (c) => c.tickTypes(1).length > atSubscription, 1000).then(() => true, () => false);
      expect(moved, 'a tick after the quote at subscription').to.be.false;
    } finally {
      await client.close();
      run.stop();
      await run.done;
    }
  });

  for (const [flags, problem] of [
    [['--port', 'abc'], /--port/], [['--bogus'], /unknown option '--bogus'/], [['--rate', '-1'], /--rate/],
    [['--option-computation', 'sometimes'], /--option-computation/], [['--today', '2025-12-01'], /--today/],
    [['--symbols', 'AAPL,,MSFT'], /--symbols <list>' argument 'AAPL,,MSFT' is invalid\. entry 2 of 3 is empty/],
    [['--unsubscribed', 'AAPL,'], /--unsubscribed <list>' argument 'AAPL,' is invalid\. entry 2 of 2 is empty/],
  ] as const) {
    it(`rejects ${flags.join(' ')} with one error line, the usage line and exit code 2`, async () => {
      const run = runSim(flags);
      let error: unknown;
      await run.done.catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(CommanderError);
      expect((error as CommanderError).exitCode).to.equal(2);
      const lines = run.err.join('').trim().split('\n');
      expect(lines[0]).to.match(/^error: /).and.match(problem);
      expect(lines[1]).to.match(/^usage: ib-rx sim \[options\]/);
      expect(run.out).to.deep.equal([]);
    });
  }

  describe('--replay FILE that is not a readable recording', () => {
    let dir: string;
    beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'ib-rx-sim-replay-')); });
    afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

    const cases: readonly (readonly [string, (dir: string) => string, string])[] = [
      ['a directory', (d) => d, 'is a directory, not a recording'],
      ['a missing file', (d) => join(d, 'none.ndjson'), 'no such file'],
      ['a file that is not NDJSON', (d) => { writeFileSync(join(d, 'x.txt'), 'ticks\n'); return join(d, 'x.txt'); }, 'line 1: not JSON'],
    ];
    for (const [what, path, reason] of cases) {
      it(`${what}: one line naming --replay, the path and why, exit code 2, nothing listening`, async () => {
        const file = path(dir);
        const run = runSim(['--port', '0', '--replay', file]);
        let error: unknown;
        await run.done.catch((e: unknown) => (error = e));
        expect(error).to.be.instanceOf(CommanderError).and.include({ exitCode: 2 });
        expect(run.err.join('')).to.equal(`ib-rx sim: --replay ${file}: ${reason}\n`);
        expect(run.out).to.deep.equal([]);
      });
    }
  });

  it('as `ib-rx sim --port 0` (lib/cli/main.ts): prints the port, runs until SIGTERM, then exits 0', async function () {
    this.timeout(30_000);
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'sim', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = once(child, 'exit');
    const port = await new Promise<number>((resolve, reject) => {
      let text = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk;
        const match = /^listening on 127\.0\.0\.1:(\d+)$/m.exec(text);
        if (match?.[1]) resolve(Number(match[1]));
      });
      child.once('exit', () => {
        reject(new Error(`exited before listening: ${text}`));
      });
    });
    expect(port).to.be.greaterThan(0);
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code).to.equal(0);
  });
});
