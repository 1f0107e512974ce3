import { distinctUntilChanged, map, scan } from 'rxjs';
import type { OperatorFunction } from 'rxjs';
import type { ConnectionState } from '../connection/connection-state.js';
import type { ConnectionSummary } from './cli-session.js';

interface Seen {
  readonly state: ConnectionState | undefined;
  /** Generations that reached `connected`; the first one is the initial connection. */
  readonly connections: number;
  readonly lastGeneration: number;
}

const brokenFarms = (state: ConnectionState): string[] =>
  Object.values(state.farms).filter((f) => f.status === 'broken').map((f) => f.name);

/** The status-line view of one connection state, given the number of reconnects so far. */
export function summarize(state: ConnectionState, reconnects: number): ConnectionSummary {
  const socket = state.socket;
  switch (socket.status) {
    case 'idle':
      // By choice: before the first subscription, or after the idle disconnect (none left).
      return { phase: 'idle', reconnects, detail: 'not connected: no subscriptions' };
    case 'connecting':
      return { phase: reconnects > 0 ? 'reconnecting' : 'connecting', reconnects, detail: socket.attempt > 1 ? `attempt ${socket.attempt}` : undefined };
    case 'connected': {
      if (state.link === 'lost') return { phase: 'link-lost', reconnects, detail: 'TWS lost its link to IB (1100); data is stale' };
      const broken = brokenFarms(state);
      const parts = [`server ${socket.serverVersion}`, socket.ready ? undefined : 'waiting for data farms', broken.length > 0 ? `farm broken: ${broken.join(', ')}` : undefined];
      return { phase: 'connected', reconnects, detail: parts.filter((p) => p !== undefined).join(', ') };
    }
    case 'disconnected':
      return { phase: socket.retrying ? 'reconnecting' : 'closed', reconnects, detail: socket.reason };
    case 'reconnecting':
      return { phase: 'reconnecting', reconnects, detail: `attempt ${socket.attempt} in ${(socket.delayMs / 1000).toFixed(1)}s after ${socket.reason}` };
    case 'closed':
      return { phase: 'closed', reconnects };
  }
}

/**
 * Connection states → the CLI's status summary, counting reconnects (every socket generation that
 * connects after the first one). Emits only when the summary changes.
 */
export function connectionSummary(): OperatorFunction<ConnectionState, ConnectionSummary> {
  return (state$) =>
    state$.pipe(
      scan(
        (seen: Seen, state: ConnectionState): Seen => {
          const socket = state.socket;
          const fresh = socket.status === 'connected' && socket.generation !== seen.lastGeneration;
          return {
            state,
            connections: fresh ? seen.connections + 1 : seen.connections,
            lastGeneration: socket.status === 'connected' ? socket.generation : seen.lastGeneration,
          };
        },
        { state: undefined, connections: 0, lastGeneration: -1 },
      ),
      map((seen) => (seen.state === undefined ? { phase: 'connecting' as const, reconnects: 0 } : summarize(seen.state, Math.max(0, seen.connections - 1)))),
      distinctUntilChanged((a, b) => a.phase === b.phase && a.reconnects === b.reconnects && a.detail === b.detail),
    );
}
