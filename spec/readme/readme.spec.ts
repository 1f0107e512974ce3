// The README's promises that code can check: its quick start is the runnable example, and every
// link to a local file points at one that exists.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../..');
const readme = readFileSync(join(repo, 'README.md'), 'utf8');

describe('README', function () {
  this.timeout(60_000);

  it('shows examples/quick-start.ts as its quick start, and that example runs against the simulator', () => {
    const example = readFileSync(join(repo, 'examples/quick-start.ts'), 'utf8').split('\n').slice(1).join('\n').trim();
    const quickStart = readme.slice(readme.indexOf('## Quick start'));
    const block = /```ts\n([\s\S]*?)```/.exec(quickStart)?.[1]?.trim();
    expect(block).to.equal(example);
    expect(example.split('\n').length).to.be.at.most(20);
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'examples/quick-start.ts'], { cwd: repo, encoding: 'utf8', timeout: 50_000 });
    expect(run.stderr).to.equal('');
    expect(run.status).to.equal(0);
    expect(run.stdout.trim().split('\n')).to.have.length(5).and.satisfy((lines: string[]) => lines.every((l) => /^AAPL bid \d+(\.\d+)? ask \d+(\.\d+)? last \d+(\.\d+)? \(realtime\)$/.test(l)));
  });

  it('links only to local files that exist', () => {
    const links = [...readme.matchAll(/\]\(((?:docs\/|examples\/|BENCHMARKS)[^)#]*)(?:#[^)]*)?\)/g)].map((m) => m[1] ?? '');
    expect(links.length).to.be.at.least(5);
    expect(links.filter((link) => !existsSync(join(repo, link)))).to.deep.equal([]);
  });

  it('keeps the two commands at the top: the demo on the simulator and the tests', () => {
    const top = readme.slice(0, readme.indexOf('## Contents'));
    expect(top).to.include('npm install && npm run demo').and.include('npm install && npm test');
  });
});
