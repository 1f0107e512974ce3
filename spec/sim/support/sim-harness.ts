// One simulator and its raw clients per spec, closed after each: the set-up the simulator specs share.
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../lib/sim/index.js';
import { RawClient } from './raw-client.js';

/** Starts simulators and connects raw clients; `closeAll` (for `afterEach`) closes whatever was opened. */
export interface SimHarness {
  /** A simulator on a free port with the harness's defaults, overridden by `opts`. */
  readonly start: (opts?: SimulatorOptions) => Promise<Simulator>;
  /** A raw client connected to `sim`. */
  readonly client: (sim: Simulator) => Promise<RawClient>;
  /** Closes every client, then the simulator. */
  readonly closeAll: () => Promise<void>;
}

/** A {@link SimHarness} whose simulators start with `defaults`. */
export function simHarness(defaults: SimulatorOptions = {}): SimHarness {
  let sim: Simulator | undefined;
  const clients: RawClient[] = [];
  return {
    start: async (opts = {}) => {
      sim = await startSimulator({ port: 0, ...defaults, ...opts });
      return sim;
    },
    client: async (s) => {
      const c = new RawClient(s.port);
      clients.push(c);
      await c.connect();
      return c;
    },
    closeAll: async () => {
      await Promise.all(clients.splice(0).map((c) => c.close()));
      await sim?.close();
      sim = undefined;
    },
  };
}
