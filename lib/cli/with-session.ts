import { concatWith, firstValueFrom, from, map, NEVER, race } from 'rxjs';
import type { Observable } from 'rxjs';
import { SessionClosedError } from '../errors.js';
import type { CliContext } from './cli-context.js';
import type { CliSession } from './cli-session.js';
import type { CommonOptions } from './common-options.js';
import { ExitCode } from './exit-codes.js';
import { openIbSession } from './ib-session-port.js';
import { openRemoteSession } from './remote-session-port.js';
import { log } from '../log.js';
import { describeFatal } from './render/format-error.js';
import { openTarget } from './target.js';
import type { Target } from './target.js';

/** What a command's body gets: the session, where it points, and a guard against fatal connection errors. */
export interface SessionScope {
  readonly session: CliSession;
  readonly target: Target;
  /** Resolves like `work`, or rejects with the session's fatal error (gateway unreachable …) if that comes first. */
  readonly unlessFatal: <T>(work: Promise<T>) => Promise<T>;
  /** Errors with the session's fatal error, if one comes; never emits a value. */
  readonly fatal$: Observable<never>;
}

/**
 * Resolves the config (and starts the simulator under --sim), opens a session, runs `body`, and
 * always closes both. A config error or a fatal connection error is printed (no stack trace) and
 * ends with exit 2.
 */
export async function withSession(options: CommonOptions, ctx: CliContext, body: (scope: SessionScope) => Promise<ExitCode>): Promise<ExitCode> {
  let target: Target;
  try {
    target = await openTarget(options, ctx.io.env);
  } catch (error: unknown) {
    ctx.io.err(`${describeFatal(error)}\n`);
    return ExitCode.USAGE_OR_CONNECTION;
  }
  const session = target.remote !== undefined ? openRemoteSession(target.remote) : (ctx.openSession ?? openIbSession)(target.config);
  // A completed fatal$ must not end a race: only an error counts.
  const fatal$ = session.fatal$.pipe(concatWith(NEVER), map((error): never => { throw error; }));
  const unlessFatal = async <T>(work: Promise<T>): Promise<T> => {
    const result = await firstValueFrom(race(from(work).pipe(map((value) => ({ value }))), fatal$), { defaultValue: undefined });
    if (result === undefined) throw new SessionClosedError();
    return result.value;
  };
  try {
    return await body({ session, target, unlessFatal, fatal$ });
  } catch (error: unknown) {
    log.cli('command failed: %O', error);
    ctx.io.err(`${describeFatal(error)}\n`);
    return ExitCode.USAGE_OR_CONNECTION;
  } finally {
    await session.close();
    await target.close();
  }
}
