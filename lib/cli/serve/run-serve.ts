import { firstValueFrom, from, map, race, ReplaySubject, timer, type Observable } from 'rxjs';
import type { Config } from '../../config/index.js';
import { ConnectionError } from '../../errors.js';
import type { CliContext } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { describeFatal } from '../render/format-error.js';
import { sourceTitle } from '../render/source-title.js';
import { openTarget, type Target } from '../target.js';
import { log } from '../../log.js';
import { DEFAULT_HEARTBEAT_MS, serveRemote, type RemoteServer } from '../../remote/serve-remote.js';
import { IbSession } from '../../session/ib-session.js';
import type { ServeOptions } from './serve-options.js';

/**
 * `ib-rx serve --nats URL`: connects to the gateway (or the built-in simulator under `--sim`),
 * serves the session over NATS until Ctrl-C, then says goodbye to the consumers and closes
 * everything. A gateway that is not reachable yet is waited for (tried again with the config's
 * reconnect backoff, one line per try): a serve started before its gateway — a nightly restart —
 * serves once it is up. Exit 0 after Ctrl-C; 2 when NATS or the prefix (another server serves it)
 * is not available, or when an older server on the prefix makes this one step down.
 */
export async function runServe(options: ServeOptions, ctx: CliContext): Promise<ExitCode> {
  if (options.nats === undefined) {
    ctx.io.err("error: required option '--nats <url>' not specified (where to serve, e.g. nats://127.0.0.1:4222)\n");
    return ExitCode.USAGE_OR_CONNECTION;
  }
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  if (options.leaseMs !== undefined && options.leaseMs < heartbeatMs) {
    const heartbeat = options.heartbeatMs === undefined ? `the default heartbeat period (${heartbeatMs} ms)` : `--heartbeat-ms (${heartbeatMs} ms)`;
    ctx.io.err(`error: option '--lease-ms <ms>' (${options.leaseMs} ms) is shorter than ${heartbeat}: a lease must last at least one heartbeat\n`);
    return ExitCode.USAGE_OR_CONNECTION;
  }
  let target: Target | undefined;
  let session: IbSession | undefined;
  let server: RemoteServer | undefined;
  // Ctrl-C is heard from here to the end, the gateway's tries included (the signal handler lives as long as this subscription).
  const stopped$ = new ReplaySubject<'stop'>(1);
  const listening = ctx.stop$.subscribe({ next: () => { stopped$.next('stop'); }, error: () => { stopped$.next('stop'); } });
  try {
    const { nats: _where, prefix: _prefix, heartbeatMs: _heartbeat, leaseMs: _lease, ...gateway } = options;
    target = await openTarget(gateway, ctx.io.env);
    session = await connectGateway(target.config, ctx, stopped$);
    if (session === undefined) return ExitCode.OK;
    server = await serveRemote(session, {
      servers: options.nats,
      simulated: target.simulated,
      ...(options.prefix !== undefined && { prefix: options.prefix }),
      ...(options.heartbeatMs !== undefined && { heartbeatMs: options.heartbeatMs }),
      ...(options.leaseMs !== undefined && { leaseMs: options.leaseMs }),
    });
    ctx.io.out(`# ${sourceTitle('serve', target)}\n`);
    ctx.io.out(`serving on ${options.nats} prefix ${server.prefix} as server ${server.serverId}; Ctrl-C to stop\n`);
    const ended$: Observable<'stop' | 'conflict'> = race(
      stopped$,
      from(server.done).pipe(map((conflict) => (conflict === undefined ? 'stop' as const : 'conflict' as const))),
    );
    const why = await firstValueFrom(ended$, { defaultValue: 'stop' as const });
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
    listening.unsubscribe();
    await server?.close();
    await session?.close();
    await target?.close();
  }
}

/**
 * `IbSession.connect`, tried again while the gateway is not reachable (`ConnectionError`), waiting
 * `reconnect.initial_delay_ms` doubling up to `reconnect.max_delay_ms` between tries (at most
 * `reconnect.max_attempts` tries again when it is set: then the last error is thrown); the first
 * failure is told in full (with the gateway checklist), later ones in one line each. `undefined`
 * when the user stops (Ctrl-C) while it waits.
 */
async function connectGateway(config: Config, ctx: CliContext, stopped$: Observable<'stop'>): Promise<IbSession | undefined> {
  let delayMs = config.reconnect.initial_delay_ms;
  for (let attempt = 1; ; attempt++) {
    const connecting = IbSession.connect(config);
    try {
      const outcome = await firstValueFrom(race(from(connecting), stopped$), { defaultValue: 'stop' as const });
      if (outcome !== 'stop') return outcome;
      // Stopped during a try: a session it still opens is closed at once.
      connecting.then((session) => session.close(), () => undefined).catch(() => undefined);
      return undefined;
    } catch (error: unknown) {
      const { max_attempts: maxAttempts } = config.reconnect;
      if (!(error instanceof ConnectionError) || (maxAttempts !== null && attempt > maxAttempts)) throw error;
      const again = `trying again in ${(delayMs / 1000).toFixed(1)} s (Ctrl-C to stop)`;
      if (attempt === 1) ctx.io.err(`${describeFatal(error)}\nib-rx serve: waiting for the gateway: ${again}\n`);
      else ctx.io.err(`ib-rx serve: the gateway at ${error.host}:${error.port} is still not reachable (${error.reason}): ${again}\n`);
    }
    const waited = await firstValueFrom(race(stopped$, timer(delayMs).pipe(map(() => 'waited' as const))), { defaultValue: 'stop' as const });
    if (waited === 'stop') return undefined;
    delayMs = Math.min(delayMs * 2, config.reconnect.max_delay_ms);
  }
}
