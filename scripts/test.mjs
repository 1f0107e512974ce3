#!/usr/bin/env node
// `npm test`: type-check, lint, then every spec. Its last line is `N passed, M failed[, K skipped]`
// where a failed type-check or lint counts as one failure each; exit code 1 on any failure or when
// no test ran.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
const run = (title, cmd, args, env = process.env) => {
  console.log(`\n> ${title}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (result.error) console.error(`${title}: ${result.error.message}`);
  return result.status === 0;
};

let failed = 0;
if (!run('type-check (lib, spec, examples, bench)', bin('tsc'), ['-p', 'tsconfig.json'])) failed += 1;
if (!run('lint', bin('eslint'), ['.'])) failed += 1;

const dir = mkdtempSync(join(tmpdir(), 'ib-rx-test-'));
const summaryFile = join(dir, 'summary.json');
const specArgs = process.argv.length > 2 ? process.argv.slice(2) : ['spec/**/*.spec.ts'];
const mochaOk = run('specs', bin('mocha'), specArgs, { ...process.env, IB_RX_SUMMARY_FILE: summaryFile });
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
