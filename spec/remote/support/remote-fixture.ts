// One NATS-backed setup for the remote specs: a real nats-server, the simulator, an IbSession on
// it and serveRemote with short heartbeats and leases; everything closed by `close()`.
import { firstValueFrom } from 'rxjs';
import { serveRemote, toMarketStateRecord, type MarketStateRecord, type RemoteServer } from '../../../lib/remote/index.js';
import { IbSession } from '../../../lib/session/ib-session.js';
import type { IbSessionOptions } from '../../../lib/session/session-options.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../lib/sim/index.js';
import type { ConfigInput } from '../../../lib/config/index.js';

/** Heartbeat and lease of the specs' servers (short, so expiries happen within a spec). */
export const SPEC_HEARTBEAT_MS = 100;
export const SPEC_LEASE_MS = 800;

/** The simulator, a session on it and a server for it. */
export interface ServedSim {
  readonly sim: Simulator;
  readonly session: IbSession;
  server: RemoteServer;
  /** Serves the session again (after `server.close()`), as a new server. */
  restartServer(): Promise<RemoteServer>;
  /** The server-side state of `symbol` as a record (subscribes locally, so it shares the live request). */
  serverRecord(symbol: string): Promise<MarketStateRecord>;
  close(): Promise<void>;
}

/** What `serveSim` may change: the simulator's options, the session's config and options. */
export interface ServeSimOptions {
  readonly sim?: SimulatorOptions;
  readonly config?: Omit<ConfigInput, 'api' | 'market_data'>;
  readonly session?: IbSessionOptions;
}

/** Starts the simulator, a session and a server on `natsUrl`. */
export async function serveSim(natsUrl: string, prefix = 'ibrx', options: ServeSimOptions = {}): Promise<ServedSim> {
  const sim = await startSimulator({ port: 0, rateHz: 20, ...options.sim });
  const session = new IbSession({ ...options.config, api: { port: sim.port }, market_data: { data_type: 'realtime', history: 500 } }, options.session);
  const serve = (): Promise<RemoteServer> =>
    serveRemote(session, { servers: natsUrl, prefix, simulated: true, heartbeatMs: SPEC_HEARTBEAT_MS, leaseMs: SPEC_LEASE_MS, reconnectWaitMs: 100 });
  const served: ServedSim = {
    sim,
    session,
    server: await serve(),
    restartServer: async () => {
      served.server = await serve();
      return served.server;
    },
    serverRecord: async (symbol) => {
      const state = await firstValueFrom(session.marketData$(symbol), { defaultValue: undefined });
      if (state === undefined) throw new Error(`the server's session has no state of ${symbol}`);
      return toMarketStateRecord(state);
    },
    close: async () => {
      await served.server.close();
      await session.close();
      await sim.close();
    },
  };
  return served;
}

/** Resolves once `check()` resolves true (tried every 50 ms); rejects after `ms` naming `what` and the last failure. */
export async function eventually(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  let last = '';
  for (;;) {
    try {
      if (await check()) return;
    } catch (error: unknown) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}${last === '' ? '' : ` (last: ${last})`}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
