import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Runner-side handle of bench/feed-process.ts (the simulator in its own process). */
export interface Feed {
  /** Port of the simulator currently running. */
  port: number;
  /** Sends one command and resolves with its reply (rejects on an `error` reply). */
  readonly command: <T extends object = Record<string, unknown>>(cmd: Record<string, unknown>) => Promise<T>;
  /** Restarts the simulator with `opts`; updates `port`. */
  readonly restart: (opts: Record<string, unknown>) => Promise<number>;
  /** Ends the feed process and waits for its exit. */
  readonly close: () => Promise<void>;
}

interface Reply {
  readonly id?: number;
  readonly port?: number;
  readonly error?: string;
}

/** Spawns `node --import tsx bench/feed-process.ts` with simulator options and waits for its port. */
export const startFeed = async (opts: Record<string, unknown>): Promise<Feed> => {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/feed-process.ts', JSON.stringify(opts)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const { stdout, stdin } = child;
  if (stdout === null || stdin === null) throw new Error('feed process has no stdio');
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let onPort: ((port: number) => void) | undefined;
  const exited = new Promise<void>((resolve) => child.once('exit', () => {
    for (const p of pending.values()) p.reject(new Error('feed process exited'));
    pending.clear();
    resolve();
  }));

  createInterface({ input: stdout }).on('line', (line) => {
    let message: Reply;
    try {
      message = JSON.parse(line) as Reply;
    } catch {
      return;
    }
    if (message.id === undefined) {
      if (message.port !== undefined) onPort?.(message.port);
      return;
    }
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error !== undefined) waiter?.reject(new Error(`feed: ${message.error}`));
    else waiter?.resolve(message);
  });

  const port = await new Promise<number>((resolve, reject) => {
    onPort = resolve;
    void exited.then(() => {
      reject(new Error('feed process exited before listening'));
    });
  });

  const command = <T extends object>(cmd: Record<string, unknown>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: (r) => { resolve(r as T); }, reject });
      stdin.write(`${JSON.stringify({ ...cmd, id })}\n`);
    });

  const feed: Feed = {
    port,
    command,
    restart: async (restartOpts) => {
      const reply = await command<{ port: number }>({ cmd: 'start', opts: restartOpts });
      feed.port = reply.port;
      return reply.port;
    },
    close: async () => {
      stdin.end();
      await exited;
    },
  };
  return feed;
};
