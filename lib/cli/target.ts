import { ENV_OVERRIDES, loadConfig, parseConfig } from '../config/index.js';
import { ConfigError } from '../errors.js';
import { fileProblem } from '../file-problem.js';
import type { Config } from '../config/index.js';
import { startSimulator } from '../sim/index.js';
import type { Simulator } from '../sim/index.js';
import { log } from '../log.js';
import { connectRemote } from '../remote/connect-remote.js';
import type { RemoteSession } from '../remote/connect-remote.js';
import type { CommonOptions } from './common-options.js';
import { FileFlagError } from './file-flag.js';

/** What a data command connects to: the resolved config, and the built-in simulator under `--sim`. */
export interface Target {
  readonly config: Config;
  /** True under `--sim`, or when the `--nats` server serves the simulator: output must say SIMULATED. */
  readonly simulated: boolean;
  /** Under `--nats`: the server's session, consumed over NATS (the config's gateway address is not used). */
  readonly remote?: RemoteSession | undefined;
  /** Under `--nats`: where the data comes from (`NATS nats://127.0.0.1:4222 prefix ibrx`), for titles. */
  readonly via?: string | undefined;
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

/** `loadConfig` for the command line: a `--config` file that cannot be read is a `FileFlagError` naming the flag. */
function loadConfigFlag(options: CommonOptions, env: NodeJS.ProcessEnv): Config {
  try {
    return loadConfig(options.config, env);
  } catch (error: unknown) {
    if (options.config === undefined || !(error instanceof ConfigError)) throw error;
    const reason = fileProblem(error.cause, options.config, { mode: 'read', what: 'a config file' });
    if (reason === undefined) throw error;
    // A relative path: say where it was looked for.
    const where = error.file === undefined || error.file === options.config ? '' : ` (${error.file})`;
    throw new FileFlagError({ flag: '--config', path: options.config, reason: `${reason}${where}` }, { cause: error });
  }
}

/**
 * Loads the config (`--config`, else ./ib.config.json when present; env overrides), applies the
 * command-line overrides (which win over the env, see {@link envUnderFlags}), and under `--sim`
 * starts a simulator on an ephemeral loopback port and points the config at it. Throws
 * `ConfigError` for an invalid config, `FileFlagError` for a `--config` file that cannot be read.
 */
export async function openTarget(options: CommonOptions, env: NodeJS.ProcessEnv): Promise<Target> {
  const base = loadConfigFlag(options, envUnderFlags(options, env));
  if (options.nats !== undefined) {
    // Under --nats the gateway belongs to the `ib-rx serve` process: connect to it (exit 2 on failure).
    const remote = await connectRemote({ servers: options.nats, ...(options.prefix !== undefined && { prefix: options.prefix }) });
    log.cli('consuming ib-rx server %s over NATS %s%s', remote.serverId, options.nats, remote.simulated ? ' (SIMULATED)' : '');
    return {
      config: base,
      simulated: remote.simulated,
      remote,
      via: `NATS ${options.nats} prefix ${options.prefix ?? 'ibrx'}`,
      close: () => remote.close(),
    };
  }
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
