import { InvalidArgumentError } from 'commander';
import { IbRxError } from '../errors.js';
import { fileProblem, type FileUse } from '../file-problem.js';

/**
 * A file a flag names cannot be used (`--out`, `--config`): the flag, the path and the reason in
 * words. The CLI prints its message as one line (`ib-rx: --out /nope/x: the directory /nope does
 * not exist`) and exits 2.
 */
export class FileFlagError extends IbRxError {
  static {
    this.prototype.name = 'FileFlagError';
  }
  readonly flag: string;
  readonly path: string;
  readonly reason: string;

  constructor(info: { readonly flag: string; readonly path: string; readonly reason: string }, options?: ErrorOptions) {
    super(`${info.flag} ${info.path}: ${info.reason}`, options);
    this.flag = info.flag;
    this.path = info.path;
    this.reason = info.reason;
  }
}

/** A {@link FileFlagError} of `flag` when `error` is a file error (ENOENT, EISDIR …), else `undefined`. */
export function fileFlagError(error: unknown, flag: string, path: string, use: FileUse): FileFlagError | undefined {
  const reason = fileProblem(error, path, use);
  return reason === undefined ? undefined : new FileFlagError({ flag, path, reason }, { cause: error });
}

/** Parses a file flag's value: any path but an empty one (commander's InvalidArgumentError, exit 2). */
export function filePath(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('expected a file path, got an empty one.');
  return value;
}
