// `ib-rx watch … | head -2`: the reader closes the pipe early. The CLI ends as on Ctrl-C (exit 0,
// the session and simulator closed), never with an unhandled EPIPE and a stack trace.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { repoRoot } from './support/cli-harness.js';

/** Runs `ib-rx ARGS`, closes its stdout after the first output, and resolves with its exit code and stderr. */
function runAndClosePipe(args: readonly string[]): Promise<{ readonly code: number | null; readonly stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lib/cli/main.ts', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  child.stdout.once('data', () => { child.stdout.destroy(); });
  // A CLI that ignored the closed pipe would run for its whole --duration: killed then (code null).
  const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
  return new Promise((resolve) => {
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stderr }); });
  });
}

describe('ib-rx with its stdout closed early (spawned CLI, simulator)', function () {
  this.timeout(60_000); // spawned CLI processes: generous on a loaded machine

  for (const command of [['watch', 'AAPL', 'MSFT', '--interval', '100'], ['depth', 'AAPL', '--interval', '50']]) {
    it(`${command[0]} ends with exit 0 and no EPIPE stack trace`, async () => {
      const run = await runAndClosePipe([...command, '--sim', '--duration', '120']);
      expect(run.stderr).to.not.match(/EPIPE|\n\s+at /);
      expect(run.code, run.stderr).to.equal(0);
    });
  }
});
