// A real nats-server for the remote specs: started on 127.0.0.1 with an ephemeral port (or a
// given one, to restart "the same" server), stopped with SIGTERM, waited for.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitUntil } from '../../support/wait-until.js';

/** A running nats-server. */
export interface NatsServerProcess {
  readonly port: number;
  /** Its process id (the benchmark reads its CPU time from /proc). */
  readonly pid: number | undefined;
  /** `nats://127.0.0.1:PORT`. */
  readonly url: string;
  /** `http://127.0.0.1:PORT` of its monitoring endpoint (`/varz`), when started with `monitor: true`. */
  readonly monitorUrl: string | undefined;
  /** Stops it (SIGTERM; SIGKILL with `kill: true`) and waits for the exit. */
  stop(options?: { readonly kill?: boolean }): Promise<void>;
}

/**
 * Starts `binary` on 127.0.0.1 (`port` 0 or absent: an ephemeral one, read from its ports file;
 * `monitor`: also its HTTP monitoring on an ephemeral port, for byte counts).
 */
export async function startNatsServer(binary: string, port = 0, options: { readonly monitor?: boolean } = {}): Promise<NatsServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'ibrx-nats-'));
  const args = ['-a', '127.0.0.1', '-p', port === 0 ? '-1' : String(port), '--ports_file_dir', dir, ...(options.monitor === true ? ['-m', '-1'] : [])];
  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const exited = new Promise<void>((resolve) => { child.once('exit', () => { resolve(); }); });
  let found = 0;
  let monitorUrl: string | undefined;
  try {
    await waitUntil(() => {
      if (child.exitCode !== null) throw new Error(`nats-server exited: ${stderr}`);
      const file = readdirSync(dir).find((name) => name.endsWith('.ports'));
      if (file === undefined) return false;
      const ports = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nats?: string[]; monitoring?: string[] };
      const url = ports.nats?.[0];
      monitorUrl = ports.monitoring?.[0];
      if (url === undefined) return false;
      found = Number(new URL(url).port);
      return found > 0 && stderr.includes('Server is ready');
    }, 15_000, 'nats-server to listen');
  } catch (error: unknown) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port: found,
    pid: child.pid,
    url: `nats://127.0.0.1:${found}`,
    monitorUrl,
    stop: async (options = {}) => {
      if (child.exitCode === null) child.kill(options.kill === true ? 'SIGKILL' : 'SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
