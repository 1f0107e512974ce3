// Where the examples connect: the TWS / IB Gateway named by IB_HOST / IB_PORT (and ib.config.json),
// or — when IB_PORT is not set — a built-in simulator started here (its data is SIMULATED).
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig, parseConfig, startSimulator } from 'ib-rx';
import type { Config, Simulator, SimulatorOptions } from 'ib-rx';

/** The config an example uses, whether it came from a simulator, and how to stop that simulator. */
export interface ExampleTarget {
  readonly config: Config;
  readonly simulator: Simulator | undefined;
  readonly close: () => Promise<void>;
}

/** Uses IB_PORT (+ IB_HOST, IB_CLIENT_ID, ib.config.json) when set; otherwise starts a simulator. */
export async function exampleTarget(env: NodeJS.ProcessEnv = process.env, sim: SimulatorOptions = {}): Promise<ExampleTarget> {
  if (env.IB_PORT !== undefined && env.IB_PORT !== '') {
    return { config: loadConfig(undefined, env), simulator: undefined, close: () => Promise.resolve() };
  }
  const simulator = await startSimulator({ port: 0, ...sim });
  console.log(`(no IB_PORT set: using a built-in simulator on ${simulator.host}:${simulator.port}; SIMULATED data)`);
  const config = parseConfig({
    api: { tws_endpoint: simulator.host, port: simulator.port, client_id: 1 },
    market_data: { data_type: 'delayed', timeout: 5 },
    reconnect: { initial_delay_ms: 100, max_delay_ms: 1000 },
  });
  return { config, simulator, close: () => simulator.close() };
}

/** True when `moduleUrl` (import.meta.url) is the script node was started with. */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
