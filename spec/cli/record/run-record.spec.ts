import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { concat, NEVER, of, throwError } from 'rxjs';
import { runCli } from '../../../lib/cli/main.js';
import { SymbolNotFoundError } from '../../../lib/errors.js';
import { parseReplayLine } from '../../../lib/sim/replay-format.js';
import type { Tick } from '../../../lib/ticks/tick.js';
import { FakeSession } from '../support/fake-session.js';
import { recordingIo } from '../support/cli-harness.js';

const tick = (field: 'bid' | 'volume' | 'lastTimestamp', value: number, time: number): Tick =>
  ({ type: 'tick', field, value, time, reqId: 1, delayed: true });

describe('runRecord (ib-rx record, in process)', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'ib-rx-record-')); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  it('writes every price and size tick as a replay line and skips fields the format lacks', async () => {
    const out = join(dir, 'ticks.ndjson');
    const io = recordingIo();
    const session = new FakeSession({}, {
      ticks$: (symbol) => concat(of(tick('bid', symbol === 'AAPL' ? 10 : 20, 1000), tick('lastTimestamp', 5, 1001), tick('volume', 300, 1002)), NEVER),
    });
    expect(await runCli(['record', 'AAPL', 'MSFT', '--out', out, '--duration', '0.05'], { io, openSession: () => session })).to.equal(0);
    const records = readFileSync(out, 'utf8').trimEnd().split('\n').map((l, i) => parseReplayLine(l, i + 1));
    expect(records).to.deep.equal([
      { t: 1000, symbol: 'AAPL', field: 'bid', value: 10, delayed: true },
      { t: 1002, symbol: 'AAPL', field: 'volume', value: 300, delayed: true },
      { t: 1000, symbol: 'MSFT', field: 'bid', value: 20, delayed: true },
      { t: 1002, symbol: 'MSFT', field: 'volume', value: 300, delayed: true },
    ]);
    expect(io.stderr()).to.equal(`ib-rx record: wrote 4 ticks of AAPL, MSFT to ${out}\n`);
  });

  it('reports a failed symbol on stderr, records the others, and exits 1', async () => {
    const out = join(dir, 'ticks.ndjson');
    const io = recordingIo();
    const session = new FakeSession({}, {
      ticks$: (symbol) => (symbol === 'ZZZZ' ? throwError(() => new SymbolNotFoundError('none', { symbol })) : concat(of(tick('bid', 1, 1)), NEVER)),
    });
    expect(await runCli(['record', 'AAPL', 'ZZZZ', '--out', out, '--duration', '0.05'], { io, openSession: () => session })).to.equal(1);
    expect(io.stderr()).to.match(/^ib-rx record: ZZZZ: SymbolNotFoundError/);
    expect(readFileSync(out, 'utf8').trimEnd().split('\n')).to.have.length(1);
  });
});
