import { NEVER } from 'rxjs';
import type { RemoteSession } from '../remote/connect-remote.js';
import type { CliSession } from './cli-session.js';
import { connectionSummary } from './connection-summary.js';

/**
 * A `RemoteSession` (an `ib-rx serve` over NATS, `--nats URL`) behind the CLI's session port. Its
 * connection errors came when it connected (the command ended with exit 2 then); afterwards a
 * lost NATS or server shows as a `disconnected` connection line and stale rows, never as fatal.
 * Depth books, 5-second bars and tick-by-tick data are the server's, as every stream.
 */
export function openRemoteSession(remote: RemoteSession): CliSession {
  return {
    marketData$: (symbol) => remote.marketData$(symbol),
    ticks$: (symbol) => remote.ticks$(symbol),
    snapshot: (symbol, options) => remote.snapshot(symbol, options),
    contractDetails: (contract) => remote.contractDetails(contract),
    searchSymbols: (pattern) => remote.searchSymbols(pattern),
    historicalBars: (contract, options) => remote.historicalBars(contract, options),
    bars$: (symbol, options) => remote.bars$(symbol, options),
    depth$: (contract, options) => remote.depth$(contract, options),
    realTimeBars$: (symbol, options) => remote.realTimeBars$(symbol, options),
    tickByTick$: (symbol, type) => remote.tickByTick$(symbol, type),
    connection$: remote.connectionState$.pipe(connectionSummary()),
    health$: remote.health$,
    fatal$: NEVER,
    close: () => remote.close(),
  };
}
