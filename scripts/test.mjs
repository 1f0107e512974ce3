#!/usr/bin/env node
// `npm test`: type-check, lint and every spec. Its last line is `N passed, M failed[, K skipped]`
// where a failed type-check or lint counts as one failure each; exit code 1 on any failure or when
// no test ran. The type-check and the lint run beside the specs (the specs mostly wait on sockets and
// timers, and they are written to pass on a loaded machine); their output is printed after the specs.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);

/** Runs a command; resolves to `{ ok, output }` (`output` only when captured). */
const start = (title, cmd, args, { env = process.env, capture = false } = {}) =>
  new Promise((resolve) => {
    if (!capture) console.log(`\n> ${title}`);
    const child = spawn(cmd, args, { stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit', env });
    let output = '';
    child.stdout?.on('data', (chunk) => { output += chunk; });
    child.stderr?.on('data', (chunk) => { output += chunk; });
    child.on('error', (error) => { output += `${title}: ${error.message}\n`; resolve({ title, ok: false, output }); });
    child.on('close', (code) => { resolve({ title, ok: code === 0, output }); });
  });

const checks = [
  start('type-check (lib, spec, examples, bench)', bin('tsc'), ['-p', 'tsconfig.json'], { capture: true }),
  start('lint', bin('eslint'), ['.'], { capture: true }),
];

let failed = 0;
const dir = mkdtempSync(join(tmpdir(), 'ib-rx-test-'));
const summaryFile = join(dir, 'summary.json');
// Spec files run in IB_RX_TEST_JOBS mocha workers (default 3; 1 = one process, in file order): most
// specs wait on sockets, timers and child processes, so three workers share 2 cores well.
const jobs = Number(process.env.IB_RX_TEST_JOBS ?? '3');
if (!Number.isSafeInteger(jobs) || jobs < 1) {
  console.error(`IB_RX_TEST_JOBS must be a positive integer, got ${JSON.stringify(process.env.IB_RX_TEST_JOBS)}`);
  process.exit(2);
}
const parallel = jobs > 1 ? ['--parallel', '--jobs', String(jobs)] : [];
const specArgs = [...parallel, ...(process.argv.length > 2 ? process.argv.slice(2) : ['spec/**/*.spec.ts'])];
const { ok: mochaOk } = await start('specs', bin('mocha'), specArgs, { env: { ...process.env, IB_RX_SUMMARY_FILE: summaryFile } });
for (const { title, ok, output } of await Promise.all(checks)) {
  console.log(`\n> ${title}: ${ok ? 'ok' : 'FAILED'}`);
  if (output.trim() !== '') console.log(output.trimEnd());
  if (!ok) failed += 1;
}
let summary = { passes: 0, failures: 0, pending: 0 };
try {
  summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
} catch {
  console.error('specs: mocha ended without a summary (crashed before its end?)');
  failed += 1;
}
rmSync(dir, { recursive: true, force: true });
if (!mochaOk && summary.failures === 0 && failed === 0) failed += 1;

const passed = summary.passes;
const failures = summary.failures + failed;
const skipped = summary.pending > 0 ? `, ${summary.pending} skipped` : '';
if (passed === 0) console.error('no test ran');
console.log(`${passed} passed, ${failures} failed${skipped}`);
process.exit(failures > 0 || passed === 0 ? 1 : 0);
