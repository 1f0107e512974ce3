// File flags (`--out`, `--config`) that name a file the command cannot use: one line naming the
// flag, the path and the reason in words, exit 2, no stack trace, nothing connected or written.
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../lib/cli/main.js';
import { FakeSession } from './support/fake-session.js';
import { recordingIo } from './support/cli-harness.js';

describe('file flags (ib-rx record --out, --config; in process)', () => {
  let dir: string;
  let opened: number;
  const openSession = (): FakeSession => {
    opened += 1;
    return new FakeSession({});
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ib-rx-file-flag-'));
    opened = 0;
  });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  const cases: readonly (readonly [string, (dir: string) => string, (dir: string) => string])[] = [
    ['in a directory that does not exist', (d) => join(d, 'nope', 'x.ndjson'), (d) => `the directory ${join(d, 'nope')} does not exist`],
    ['that is a directory', (d) => { mkdirSync(join(d, 'sub')); return join(d, 'sub'); }, () => 'is a directory, not a file'],
    ['under a regular file', (d) => { writeFileSync(join(d, 'file'), ''); return join(d, 'file', 'x.ndjson'); }, (d) => `${join(d, 'file')} is not a directory`],
  ];
  for (const [what, path, reason] of cases) {
    it(`record --out ${what}: one line naming --out, the path and why; exit 2`, async () => {
      const out = path(dir);
      const before = readdirSync(dir);
      const io = recordingIo();
      expect(await runCli(['record', 'AAPL', '--out', out, '--duration', '5'], { io, openSession })).to.equal(2);
      expect(io.stderr()).to.equal(`ib-rx: --out ${out}: ${reason(dir)}\n`);
      expect(io.stdout()).to.equal('');
      expect(readdirSync(dir)).to.deep.equal(before);
    });
  }

  it('record --out "" is a usage error naming --out before anything is opened', async () => {
    const io = recordingIo();
    expect(await runCli(['record', 'AAPL', '--out', ''], { io, openSession })).to.equal(2);
    expect(io.stderr()).to.match(/^error: option '--out <file>' argument '' is invalid\. expected a file path, got an empty one\.\n/);
    expect(opened).to.equal(0);
  });

  it('--config that is a directory: one line naming --config, the path and why; no session opened', async () => {
    const io = recordingIo();
    expect(await runCli(['snapshot', 'AAPL', '--config', dir], { io, openSession })).to.equal(2);
    expect(io.stderr()).to.equal(`ib-rx: --config ${dir}: is a directory, not a config file\n`);
    expect(opened).to.equal(0);
  });

  it('--config that does not exist: no such file (invalid JSON stays a config error with its line)', async () => {
    const missing = join(dir, 'none.json');
    const io = recordingIo();
    expect(await runCli(['snapshot', 'AAPL', '--config', missing], { io, openSession })).to.equal(2);
    expect(io.stderr()).to.equal(`ib-rx: --config ${missing}: no such file\n`);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ "api": ');
    const again = recordingIo();
    expect(await runCli(['snapshot', 'AAPL', '--config', bad], { io: again, openSession })).to.equal(2);
    expect(again.stderr()).to.match(/^ib-rx: invalid config in .*bad\.json: invalid JSON at line 1/);
    expect(opened).to.equal(0);
  });
});
