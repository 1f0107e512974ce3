import { NEVER } from 'rxjs';
import type { RemoteSession } from '../remote/connect-remote.js';
import { sessionDataCalls, type CliSession } from './cli-session.js';
import { connectionSummary } from './connection-summary.js';

/**
 * A `RemoteSession` (an `ib-rx serve` over NATS, `--nats URL`) behind the CLI's session port. Its
 * connection errors came when it connected (the command ended with exit 2 then); afterwards a
 * lost NATS or server shows as a `disconnected` connection line and stale rows, never as fatal.
 * Depth books, 5-second bars and tick-by-tick data are the server's, as every stream.
 */
export function openRemoteSession(remote: RemoteSession): CliSession {
  return {
    ...sessionDataCalls(remote),
    connection$: remote.connectionState$.pipe(connectionSummary()),
    fatal$: NEVER,
    close: () => remote.close(),
  };
}
