// Streams a NATS session does not have (depth, 5-second bars, tick-by-tick) asked for with --nats:
// a usage error before anything connects or any file is written.
import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../lib/cli/main.js';
import { recordingIo } from '../support/cli-harness.js';

/** Nothing listens here: a command that tried to connect would fail differently (or wait). */
const NATS = 'nats://127.0.0.1:1';

describe('--nats with streams not served over NATS (in-process)', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'ib-rx-not-over-nats-')); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  it('ib-rx depth --nats is exit 2 with one error line naming --nats and market depth', async () => {
    const io = recordingIo();
    expect(await runCli(['depth', 'AAPL', '--nats', NATS, '--duration', '1'], { io })).to.equal(2);
    expect(io.stderr()).to.match(/^error: option '--nats <url>': market depth is not served over NATS/);
    expect(io.stderr()).to.not.match(/\n\s+at /);
  });

  for (const [flags, what] of [[['--depth'], 'market depth'], [['--bars5s'], '5-second bars'], [['--tbt', 'Last'], 'tick-by-tick data']] as const) {
    it(`ib-rx record ${flags.join(' ')} --nats is exit 2 naming ${flags[0]}, and leaves --out untouched`, async () => {
      const out = join(dir, 'out.ndjson');
      writeFileSync(out, 'kept\n');
      const io = recordingIo();
      expect(await runCli(['record', 'AAPL', '--out', out, ...flags, '--nats', NATS, '--duration', '1'], { io })).to.equal(2);
      expect(io.stderr()).to.match(new RegExp(`^error: option '${flags[0]}[^']*' cannot be used with option '--nats <url>': ${what} (is|are) not served over NATS`));
      expect(existsSync(out) && readFileSync(out, 'utf8')).to.equal('kept\n');
    });
  }
});
