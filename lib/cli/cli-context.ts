import type { Observable } from 'rxjs';
import type { Config } from '../config/index.js';
import type { CliSession } from './cli-session.js';
import type { CliIo } from './cli-io.js';
import type { ExitCode } from './exit-codes.js';

/** What every command's action gets from main: where to write, when to stop, how to finish. */
export interface CliContext {
  readonly io: CliIo;
  /** Emits when the user asks to stop (Ctrl-C / SIGTERM); long-running commands end cleanly on it. */
  readonly stop$: Observable<unknown>;
  /** Records the command's exit code (the last call wins). */
  readonly setExitCode: (code: ExitCode) => void;
  /** Opens the session a command reads from (default: a real `IbSession`; specs pass a fake). */
  readonly openSession?: ((config: Config) => CliSession) | undefined;
}
