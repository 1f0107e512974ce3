import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../../../lib/cli/cli-io.js';

/** An in-memory CliIo that records what a command writes. */
export interface RecordingIo extends CliIo {
  readonly stdout: () => string;
  readonly stderr: () => string;
}

/** A CliIo for in-process runs (piped by default, empty environment). */
export function recordingIo(options: { readonly isTty?: boolean; readonly env?: NodeJS.ProcessEnv } = {}): RecordingIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    isTty: options.isTty ?? false,
    columns: 160,
    env: options.env ?? {},
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

/** The repository root (specs spawn the CLI from there). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Result of a spawned `ib-rx` run. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A spawned `ib-rx` that is still running. */
export interface RunningCli {
  readonly done: Promise<CliRun>;
  /** Resolves when stdout (from character `after` on) matches `pattern`; rejects if the process ends first. */
  readonly waitForOutput: (pattern: RegExp, after?: number) => Promise<RegExpMatchArray>;
  readonly signal: (name: NodeJS.Signals) => boolean;
  readonly stdout: () => string;
  readonly stderr: () => string;
}

/**
 * Spawns `node --import tsx lib/cli/main.ts …args` and collects its output. The child is killed
 * after `timeoutMs` (the promise then resolves with what it had) or by `kill()` on the tracker.
 */
export class CliProcesses {
  private readonly children = new Set<ChildProcess>();

  run(args: readonly string[], options: { readonly timeoutMs?: number; readonly env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
    return this.start(args, options).done;
  }

  /** Starts `ib-rx …args` and gives access to it while it runs. */
  start(args: readonly string[], options: { readonly timeoutMs?: number; readonly env?: NodeJS.ProcessEnv } = {}): RunningCli {
    const child = spawn(process.execPath, ['--import', 'tsx', 'lib/cli/main.ts', ...args], {
      cwd: repoRoot,
      env: { ...process.env, DEBUG: '', IB_HOST: '', IB_PORT: '', IB_CLIENT_ID: '', IB_DATA_TYPE: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.children.add(child);
    let stdout = '';
    let stderr = '';
    const waiters = new Set<() => void>();
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      for (const check of waiters) check();
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    // A kill for a hung command, well past what a loaded machine needs to start one (tsx compiles on each spawn).
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 40_000);
    const done = new Promise<CliRun>((resolve) => {
      child.on('close', (code) => {
        clearTimeout(timer);
        this.children.delete(child);
        for (const check of waiters) check();
        resolve({ code, stdout, stderr });
      });
    });
    const waitForOutput = (pattern: RegExp, after = 0): Promise<RegExpMatchArray> =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const match = pattern.exec(stdout.slice(after));
          if (match) {
            waiters.delete(check);
            resolve(match);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            waiters.delete(check);
            reject(new Error(`ib-rx ended before printing ${pattern}; stdout: ${stdout}; stderr: ${stderr}`));
          }
        };
        waiters.add(check);
        check();
      });
    return { done, waitForOutput, signal: (name) => child.kill(name), stdout: () => stdout, stderr: () => stderr };
  }

  /** Kills every child still running (call in afterEach). */
  killAll(): void {
    for (const child of this.children) child.kill('SIGKILL');
    this.children.clear();
  }
}
