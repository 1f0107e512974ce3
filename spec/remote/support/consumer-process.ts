// Spawns spec/remote/support/consumer.ts and talks to it line by line.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { MarketStateRecord } from '../../../lib/remote/index.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** One JSON line the consumer printed. */
type ConsumerLine = { readonly type: string } & Record<string, unknown>;

/** A running consumer process. */
export interface ConsumerProcess {
  readonly pid: number;
  /** Resolves with the first line of `type` printed from now on (or already waiting); rejects when the process ends first or after `ms`. */
  next(type: string, ms?: number): Promise<ConsumerLine>;
  /** Every state it holds, as records (depth books as JSON for a depth consumer). */
  dump(): Promise<Record<string, MarketStateRecord>>;
  /** Asks it to close its session and exit; resolves with its exit code. */
  exit(): Promise<number | null>;
  /** SIGKILL: no goodbye, its leases must expire. */
  kill(): Promise<void>;
  /** Everything it wrote to stderr. */
  stderr(): string;
}

/** Starts a consumer of `symbols` on `url` / `prefix`: their market data, or (`kind` `depth`) their depth books of 5 rows. */
export function startConsumer(url: string, prefix: string, symbols: readonly string[], kind: 'md' | 'depth' = 'md'): ConsumerProcess {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'spec/remote/support/consumer.ts', url, prefix, symbols.join(','), kind], {
    cwd: repoRoot, env: { ...process.env, DEBUG: process.env.CONSUMER_DEBUG ?? '' }, stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    if (process.env.CONSUMER_DEBUG !== undefined) process.stderr.write(d);
  });
  const lines: ConsumerLine[] = [];
  const waiters = new Set<() => void>();
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      resolve(code);
      for (const wake of waiters) wake();
    });
  });
  if (child.stdout !== null) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        lines.push(JSON.parse(line) as ConsumerLine);
      } catch {
        stderr += `(stdout) ${line}\n`;
      }
      for (const wake of waiters) wake();
    });
  }
  const next = (type: string, ms = 30_000): Promise<ConsumerLine> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const at = lines.findIndex((line) => line.type === type);
        if (at >= 0) {
          const [line] = lines.splice(at, 1);
          done();
          resolve(line as ConsumerLine);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          done();
          reject(new Error(`consumer ${String(child.pid)} ended before printing ${type}: ${stderr}`));
        }
      };
      const timer = setTimeout(() => { done(); reject(new Error(`consumer ${String(child.pid)} printed no ${type} within ${ms} ms: ${stderr}`)); }, ms);
      const done = (): void => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  return {
    pid: child.pid ?? -1,
    next,
    dump: async () => {
      child.stdin?.write('dump\n');
      const line = await next('dump');
      return line.states as Record<string, MarketStateRecord>;
    },
    exit: async () => {
      if (child.exitCode === null) child.stdin?.write('exit\n');
      return exited;
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stderr: () => stderr,
  };
}
