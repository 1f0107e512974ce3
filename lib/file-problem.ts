// Node only, no other ib-rx import: the simulator's command (`--replay`) uses it as the CLI's do
// (`--out`, `--config`), and the simulator imports nothing of the client side.
import { statSync } from 'node:fs';
import { dirname } from 'node:path';

/** What a file is opened for, and what it should be in words (`a recording`, `a config file`). */
export interface FileUse {
  readonly mode: 'read' | 'write';
  readonly what: string;
}

const codeOf = (error: unknown): string | undefined =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;

const exists = (path: string): boolean => {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
};

/** The nearest existing ancestor of `path` when it is not a directory (the cause of ENOTDIR). */
function fileInTheWay(path: string): string | undefined {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    try {
      return statSync(dir).isDirectory() ? undefined : dir;
    } catch {
      if (dirname(dir) === dir) return undefined;
    }
  }
}

/**
 * Why `path` could not be opened, in words, from the error's Node code (ENOENT, EISDIR, EACCES …):
 * `the directory /nope does not exist` (writing), `no such file` (reading), `is a directory, not
 * a recording`, `/etc/hosts is not a directory`, `permission denied`. `undefined` for an error
 * that is not about the file (no code).
 */
export function fileProblem(error: unknown, path: string, use: FileUse): string | undefined {
  const code = codeOf(error);
  switch (code) {
    case undefined:
      return undefined;
    case 'ENOENT':
      if (use.mode === 'read') return 'no such file';
      return exists(dirname(path)) ? 'cannot be created there (no such file or directory)' : `the directory ${dirname(path)} does not exist`;
    case 'EISDIR':
      return `is a directory, not ${use.what}`;
    case 'ENOTDIR': {
      const blocker = fileInTheWay(path);
      return blocker === undefined ? 'a part of the path is not a directory' : `${blocker} is not a directory`;
    }
    case 'EACCES':
    case 'EPERM':
      return `permission denied (cannot ${use.mode} it)`;
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      // Node's text without the code prefix and the repeated path: `EBUSY: resource busy or locked, open '…'`.
      return `${(error as Error).message.replace(/^[A-Z]+: /, '').replace(/, \w+ '[^]*'$/, '')} (${code})`;
  }
}
