import { ENV_OVERRIDES, loadConfig, parseConfig } from '../config/index.js';
import type { Config } from '../config/index.js';
import { startSimulator } from '../sim/index.js';
import type { Simulator } from '../sim/index.js';
import { log } from '../log.js';
import type { CommonOptions } from './common-options.js';

/** What a data command connects to: the resolved config, and the built-in simulator under `--sim`. */
export interface Target {
  readonly config: Config;
  /** True under `--sim`: output must say SIMULATED. */
  readonly simulated: boolean;
  /** Stops the built-in simulator, if one was started. */
  readonly close: () => Promise<void>;
}

/**
 * The environment without the `IB_*` variables a flag replaces (`--sim` replaces `IB_HOST` and
 * `IB_PORT`): a flag wins over the environment even when the variable's value is invalid.
 */
export function envUnderFlags(options: CommonOptions, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const replaced: Readonly<Record<keyof typeof ENV_OVERRIDES, boolean>> = {
    IB_HOST: options.host !== undefined || options.sim === true,
    IB_PORT: options.port !== undefined || options.sim === true,
    IB_CLIENT_ID: options.clientId !== undefined,
    IB_DATA_TYPE: options.dataType !== undefined,
  };
  return Object.fromEntries(Object.entries(env).filter(([name]) => !(name in replaced && replaced[name as keyof typeof replaced])));
}

/**
 * Loads the config (`--config`, else ./ib.config.json when present; env overrides), applies the
 * command-line overrides (which win over the env, see {@link envUnderFlags}), and under `--sim`
 * starts a simulator on an ephemeral loopback port and points the config at it. Throws
 * `ConfigError` for an invalid config.
 */
export async function openTarget(options: CommonOptions, env: NodeJS.ProcessEnv): Promise<Target> {
  const base = loadConfig(options.config, envUnderFlags(options, env));
  let simulator: Simulator | undefined;
  if (options.sim === true) {
    simulator = await startSimulator({ port: 0 });
    log.cli('started the built-in simulator on %s:%d', simulator.host, simulator.port);
  }
  const config = parseConfig(
    {
      ...base,
      api: {
        tws_endpoint: simulator?.host ?? options.host ?? base.api.tws_endpoint,
        port: simulator?.port ?? options.port ?? base.api.port,
        client_id: options.clientId ?? base.api.client_id,
      },
      market_data: { ...base.market_data, data_type: options.dataType ?? base.market_data.data_type },
    },
    'command line',
  );
  return {
    config,
    simulated: simulator !== undefined,
    close: async () => { await simulator?.close(); },
  };
}
