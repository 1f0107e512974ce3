import { firstValueFrom, from, map, race, type Observable } from 'rxjs';
import type { CliContext } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { describeFatal } from '../render/format-error.js';
import { sourceTitle } from '../render/source-title.js';
import { openTarget, type Target } from '../target.js';
import { log } from '../../log.js';
import { serveRemote, type RemoteServer } from '../../remote/serve-remote.js';
import { IbSession } from '../../session/ib-session.js';
import type { ServeOptions } from './serve-options.js';

/**
 * `ib-rx serve --nats URL`: connects to the gateway (or the built-in simulator under `--sim`),
 * serves the session over NATS until Ctrl-C, then says goodbye to the consumers and closes
 * everything. Exit 0 after Ctrl-C; 2 when the gateway, NATS or the prefix (another server serves
 * it) is not available, or when an older server on the prefix makes this one step down.
 */
export async function runServe(options: ServeOptions, ctx: CliContext): Promise<ExitCode> {
  if (options.nats === undefined) {
    ctx.io.err("error: required option '--nats <url>' not specified (where to serve, e.g. nats://127.0.0.1:4222)\n");
    return ExitCode.USAGE_OR_CONNECTION;
  }
  let target: Target | undefined;
  let session: IbSession | undefined;
  let server: RemoteServer | undefined;
  try {
    const { nats: _where, prefix: _prefix, heartbeatMs: _heartbeat, leaseMs: _lease, ...gateway } = options;
    target = await openTarget(gateway, ctx.io.env);
    session = await IbSession.connect(target.config);
    server = await serveRemote(session, {
      servers: options.nats,
      simulated: target.simulated,
      ...(options.prefix !== undefined && { prefix: options.prefix }),
      ...(options.heartbeatMs !== undefined && { heartbeatMs: options.heartbeatMs }),
      ...(options.leaseMs !== undefined && { leaseMs: options.leaseMs }),
    });
    ctx.io.out(`# ${sourceTitle('serve', target)}\n`);
    ctx.io.out(`serving on ${options.nats} prefix ${server.prefix} as server ${server.serverId}; Ctrl-C to stop\n`);
    const stopped$: Observable<'stop' | 'conflict'> = race(
      ctx.stop$.pipe(map(() => 'stop' as const)),
      from(server.done).pipe(map((conflict) => (conflict === undefined ? 'stop' as const : 'conflict' as const))),
    );
    const why = await firstValueFrom(stopped$, { defaultValue: 'stop' as const });
    if (why === 'conflict') {
      const conflict = await server.done;
      ctx.io.err(`${describeFatal(conflict)}\n`);
      return ExitCode.USAGE_OR_CONNECTION;
    }
    return ExitCode.OK;
  } catch (error: unknown) {
    log.cli('serve failed: %O', error);
    ctx.io.err(`${describeFatal(error)}\n`);
    return ExitCode.USAGE_OR_CONNECTION;
  } finally {
    await server?.close();
    await session?.close();
    await target?.close();
  }
}
