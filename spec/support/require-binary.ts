// Specs that need a real component (Debian's nats-server, chromium): find its binary, or skip with
// the command that installs it — except in CI (`CI=true`), where a missing binary is a failure.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** A real component a spec needs: its binary name, where Debian puts it, and how to install it. */
export interface RequiredBinary {
  /** The executable's name (`nats-server`). */
  readonly name: string;
  /** Absolute paths tried after `PATH` (Debian puts nats-server in /usr/sbin, often not on a user's PATH). */
  readonly extraPaths?: readonly string[];
  /** The command that installs it (`apt-get install nats-server`). */
  readonly install: string;
}

/** Debian's NATS server. */
export const NATS_SERVER: RequiredBinary = { name: 'nats-server', extraPaths: ['/usr/sbin/nats-server', '/usr/bin/nats-server'], install: 'sudo apt-get install nats-server' };

/** Debian's Chromium (driven by playwright-core). */
export const CHROMIUM: RequiredBinary = { name: 'chromium', extraPaths: ['/usr/bin/chromium'], install: 'sudo apt-get install chromium' };

const executable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The absolute path of `binary`, or `undefined` when it is not installed. */
export function findBinary(binary: RequiredBinary, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const onPath = (env.PATH ?? '').split(delimiter).filter((dir) => dir !== '').map((dir) => join(dir, binary.name));
  return [...onPath, ...(binary.extraPaths ?? [])].find(executable);
}

/**
 * For a `before` hook: the binary's path. When it is missing, in CI (`CI=true`) this throws (the
 * suite fails); elsewhere it skips the whole `describe` (mocha's `this.skip()`), and the reason
 * with the install command is printed, so a skip is never silent.
 *
 * @example
 * let nats: string;
 * before(function () { nats = requireBinary(this, NATS_SERVER); });
 */
export function requireBinary(context: Mocha.Context, binary: RequiredBinary, env: NodeJS.ProcessEnv = process.env): string {
  const path = findBinary(binary, env);
  if (path !== undefined) return path;
  const reason = `${binary.name} is not installed; install it with: ${binary.install}`;
  if (env.CI === 'true') throw new Error(`${reason} (CI=true: a missing ${binary.name} is a failure)`);
  console.warn(`  skipped: ${reason}`);
  context.skip();
}
