import { filter, first, ReplaySubject, take, takeUntil } from 'rxjs';
import type { Config } from '../config/index.js';
import { ClientIdInUseError, ConnectionError } from '../errors.js';
import { IbSession } from '../session/ib-session.js';
import { sessionDataCalls, type CliSession } from './cli-session.js';
import { connectionSummary } from './connection-summary.js';

/**
 * Opens a real `IbSession` behind the CLI's session port. `fatal$` replays the first connection
 * error (unreachable gateway, client id in use) that comes before the session was ever connected;
 * after a first connection, drops are reconnects and shown in the status line instead.
 */
export function openIbSession(config: Config): CliSession {
  const session = new IbSession(config);
  const fatal$ = new ReplaySubject<Error>(1);
  const everConnected$ = session.connectionState$.pipe(first((state) => state.socket.status === 'connected', undefined));
  const watcher = session.errors$
    .pipe(
      filter((error) => error instanceof ConnectionError || error instanceof ClientIdInUseError),
      take(1),
      takeUntil(everConnected$),
    )
    .subscribe({ next: (error) => { fatal$.next(error); }, error: () => undefined });
  return {
    ...sessionDataCalls(session),
    connection$: session.connectionState$.pipe(connectionSummary()),
    fatal$: fatal$.asObservable(),
    ibSession: session,
    close: async () => {
      watcher.unsubscribe();
      await session.close();
    },
  };
}
