// The package as a user installs it: built declarations type-check in a strict consumer that has
// only ib-rx, rxjs and typescript (no @types/node, skipLibCheck false); require() works from
// CommonJS; the tarball ships LICENSE and the bin, no source maps, no install scripts.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const repo = resolve(import.meta.dirname, '../..');
const bin = (name: string): string => join(repo, 'node_modules', '.bin', name);

interface PackageJson {
  readonly license: string;
  readonly scripts: Record<string, string>;
  readonly exports: Record<string, unknown>;
}

describe('the ib-rx package', function () {
  this.timeout(180_000);
  let dir: string;
  let installed: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ib-rx-package-'));
    installed = join(dir, 'node_modules', 'ib-rx');
    mkdirSync(installed, { recursive: true });
    const build = spawnSync(bin('tsc'), ['-p', join(repo, 'tsconfig.build.json'), '--outDir', join(installed, 'dist')], { encoding: 'utf8' });
    expect(build.status, build.stdout + build.stderr).to.equal(0);
    // The rest of `npm run build`: the browser view's page next to the compiled server.
    const copy = spawnSync(process.execPath, [join(repo, 'scripts', 'copy-web-static.mjs'), join(installed, 'dist')], { encoding: 'utf8' });
    expect(copy.status, copy.stderr).to.equal(0);
    cpSync(join(repo, 'package.json'), join(installed, 'package.json'));
    // The package's own dependencies and rxjs, as npm would install them beside it.
    for (const dep of ['rxjs', '@stoqey', 'debug', 'ms', 'ts-pattern', 'zod', 'commander', 'eventemitter3', 'function-rate-limit', 'command-buffer', 'colors', 'dotenv', 'tslib', 'lightweight-charts', '@nats-io']) {
      symlinkSync(join(repo, 'node_modules', dep), join(dir, 'node_modules', dep));
    }
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('type-checks in a strict consumer without @types/node (skipLibCheck false), await using included', () => {
    writeFileSync(join(dir, 'app.ts'), [
      "import { IbSession, startSimulator, SymbolNotFoundError, type MarketState } from 'ib-rx';",
      "import { take } from 'rxjs';",
      "import { connectRemote, RemoteConnectionError, type RemoteSession } from 'ib-rx/remote';",
      'export async function remote(): Promise<void> {',
      "  await using r: RemoteSession = await connectRemote({ servers: 'nats://127.0.0.1:4222' });",
      "  r.marketData$('AAPL').pipe(take(1)).subscribe({ next: (s: MarketState) => s.last, error: (e: unknown) => e instanceof RemoteConnectionError });",
      '}',
      'export async function run(): Promise<void> {',
      '  const sim = await startSimulator({ port: 0 });',
      '  await using session = new IbSession({ api: { port: sim.port } });',
      "  session.marketData$('AAPL').pipe(take(1)).subscribe({ next: (s: MarketState) => s.bid, error: (e: unknown) => e instanceof SymbolNotFoundError });",
      '  await sim.close();',
      '}',
    ].join('\n'));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: false, noEmit: true, types: [] },
      files: ['app.ts'],
    }));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
    const check = spawnSync(bin('tsc'), ['-p', join(dir, 'tsconfig.json')], { encoding: 'utf8', cwd: dir });
    expect(check.stdout + check.stderr).to.equal('');
    expect(check.status).to.equal(0);
  });

  it('can be require()d from CommonJS, root and subpaths', () => {
    writeFileSync(join(dir, 'app.cjs'), [
      "const root = require('ib-rx');",
      "const sim = require('ib-rx/sim');",
      "const testing = require('ib-rx/testing');",
      "const remote = require('ib-rx/remote');",
      'console.log(typeof root.IbSession, typeof root.startSimulator, typeof sim.startSimulator, typeof testing.IbConnection, typeof remote.connectRemote);',
    ].join('\n'));
    const run = spawnSync(process.execPath, [join(dir, 'app.cjs')], { encoding: 'utf8', cwd: dir });
    expect(run.stderr).to.equal('');
    expect(run.stdout.trim()).to.equal('function function function function function');
  });

  it('ships the browser view: the build copies its page to dist/web/static, packed, and the installed server finds it and the chart library', () => {
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as PackageJson;
    expect(pkg.scripts.build).to.equal('tsc -p tsconfig.build.json && node scripts/copy-web-static.mjs');
    const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8', cwd: installed });
    expect(pack.status, pack.stderr).to.equal(0);
    const [tarball] = JSON.parse(pack.stdout) as [{ files: { path: string }[] }];
    expect(tarball.files.map((f) => f.path)).to.include.members(['dist/web/static/index.html', 'dist/web/static/app.js', 'dist/web/static/style.css', 'dist/web/web-server.js']);
    const load = spawnSync(process.execPath, ['--input-type=module', '-e', [
      `const { loadStaticFiles } = await import(${JSON.stringify(pathToFileURL(join(installed, 'dist', 'web', 'static-files.js')).href)});`,
      'const files = await loadStaticFiles();',
      "console.log([...files].map(([url, file]) => `${url} ${file.body.length > 0}`).sort().join(','));",
    ].join('\n')], { encoding: 'utf8', cwd: dir });
    expect(load.stderr).to.equal('');
    expect(load.stdout.trim()).to.equal('/ true,/app.js true,/style.css true,/vendor/lightweight-charts.js true');
  });

  it('ships LICENSE and the bin, no source maps, and no install-time scripts', () => {
    const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8', cwd: repo });
    expect(pack.status, pack.stderr).to.equal(0);
    const [tarball] = JSON.parse(pack.stdout) as [{ files: { path: string }[] }];
    const paths = tarball.files.map((f) => f.path);
    expect(paths).to.include.members(['LICENSE', 'bin/ib-rx.js', 'package.json', 'README.md']);
    expect(paths.filter((p) => p.endsWith('.map'))).to.deep.equal([]);
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as PackageJson;
    expect(pkg.license).to.equal('MIT');
    expect(readFileSync(join(repo, 'LICENSE'), 'utf8')).to.match(/^MIT License/);
    expect(Object.keys(pkg.scripts)).to.not.include.members(['preinstall', 'install', 'postinstall', 'prepare']);
    expect(Object.keys(pkg.exports)).to.include.members(['.', './sim', './monitoring', './remote', './testing']);
  });
});
