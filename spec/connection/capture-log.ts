/** Test helper: what one logger of `lib/log.ts` writes, captured instead of printed. */
import { format } from 'node:util';
import type { Debugger } from 'debug';
import type { Logger } from '../../lib/log.js';

/** The captured lines, and `restore()` to give the logger back its state and output. */
export interface CapturedLog {
  readonly lines: readonly string[];
  readonly restore: () => void;
}

/** Enables `logger` and collects its output lines until `restore()`. */
export function captureLog(logger: Logger): CapturedLog {
  // ib-rx types its loggers itself; at runtime each is a `debug` instance.
  const instance = logger as unknown as Debugger;
  const lines: string[] = [];
  const { enabled, log } = instance;
  instance.enabled = true;
  instance.log = (...args: unknown[]): void => {
    lines.push(format(...args));
  };
  return {
    lines,
    restore: () => {
      instance.enabled = enabled;
      instance.log = log;
    },
  };
}
