import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { filter, firstValueFrom, take, toArray } from 'rxjs';
import { isTickRecord, parseReplayLine, type ReplayTickRecord } from '../../../lib/sim/replay-format.js';
import { IbSession } from '../../../lib/session/ib-session.js';
import { CliProcesses } from '../support/cli-harness.js';

describe('ib-rx record (against the simulator)', function () {
  this.timeout(60_000); // spawned CLI processes: generous on a loaded machine
  const cli = new CliProcesses();
  let dir: string;
  let session: IbSession | undefined;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'ib-rx-record-')); });
  afterEach(async () => {
    cli.killAll();
    await session?.close();
    session = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes NDJSON ticks that `ib-rx sim --replay` plays back to a client', async () => {
    const file = join(dir, 'ticks.ndjson');
    // --duration counts from the start, before connecting: 3 s leaves trades to record on a busy machine too.
    const run = await cli.run(['record', 'AAPL', 'MSFT', '--out', file, '--duration', '3', '--sim']);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stderr).to.match(/^ib-rx record: wrote \d+ ticks of AAPL, MSFT to .*ticks\.ndjson \(SIMULATED data\)\n$/);
    const records = readFileSync(file, 'utf8').trimEnd().split('\n').map((line, i) => parseReplayLine(line, i + 1)).filter((r): r is ReplayTickRecord => r !== undefined && isTickRecord(r));
    expect(new Set(records.map((r) => r.symbol))).to.deep.equal(new Set(['AAPL', 'MSFT']));
    expect(records.some((r) => r.field === 'last')).to.be.true;
    expect(records.map((r) => r.t)).to.deep.equal(records.map((r) => r.t).sort((a, b) => a - b));
    const recordedBids = new Set(records.filter((r) => r.symbol === 'AAPL' && r.field === 'bid').map((r) => r.value));

    const sim = cli.start(['sim', '--port', '0', '--replay', file, '--speed', '2']);
    const [, port] = await sim.waitForOutput(/listening on 127\.0\.0\.1:(\d+)/);
    session = new IbSession({ api: { port: Number(port), client_id: 5 }, market_data: { data_type: 'realtime' } });
    const states = await firstValueFrom(session.marketData$('AAPL').pipe(filter((s) => s.bid !== undefined), take(3), toArray()), { defaultValue: [] });
    const bids = states.map((s) => s.bid).filter((b) => b !== undefined);
    expect(bids).to.have.length(3);
    for (const bid of bids) expect(recordedBids.has(bid), `replayed bid ${bid} was recorded`).to.be.true;
    sim.signal('SIGINT');
    expect((await sim.done).code).to.equal(0);
  });
});
