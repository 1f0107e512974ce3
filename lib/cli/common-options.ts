import { InvalidArgumentError, Option } from 'commander';
import type { Command } from 'commander';
import { filePath } from './file-flag.js';

/** The market data types `--data-type` accepts (the names of TWS's reqMarketDataType 1-4). */
export const DATA_TYPE_NAMES = ['realtime', 'frozen', 'delayed', 'delayed-frozen'] as const;

/** Options every data command (watch, snapshot, record) accepts, as commander parses them. */
export interface CommonOptions {
  readonly config?: string;
  readonly host?: string;
  readonly port?: number;
  readonly clientId?: number;
  readonly dataType?: (typeof DATA_TYPE_NAMES)[number];
  readonly sim?: boolean;
  /** Consume an `ib-rx serve` over NATS instead of connecting to a gateway (`nats://HOST:PORT`). */
  readonly nats?: string;
  /** The NATS subject prefix of that server (default `ibrx`). */
  readonly prefix?: string;
}

/** Parses an integer in [min, max] or throws commander's InvalidArgumentError (exit 2, one line). */
export function intInRange(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}

/** Parses a positive number of seconds (fractions allowed) or throws InvalidArgumentError. */
export function positiveSeconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new InvalidArgumentError('expected a positive number of seconds.');
  }
  return n;
}

/**
 * Adds `--config`, `--host`, `--port`, `--client-id`, `--data-type` and `--sim` to a command
 * (`hidden`: accepted but not listed in its help), and `--nats` / `--prefix` to consume an
 * `ib-rx serve` instead (unless `remote: false`, as for `serve` itself).
 */
export function addCommonOptions(command: Command, options: { readonly hidden?: boolean; readonly remote?: boolean } = {}): Command {
  const hide = (option: Option): Option => (options.hidden === true ? option.hideHelp() : option);
  command
    .addOption(hide(new Option('--config <file>', 'config file (default: ./ib.config.json when present)').argParser(filePath)))
    .addOption(hide(new Option('--host <host>', 'TWS / IB Gateway host (overrides api.tws_endpoint, IB_HOST)')))
    .addOption(
      hide(new Option('--port <port>', 'TWS / IB Gateway API port: 7497 TWS paper, 7496 TWS live, 4002 / 4001 Gateway')
        .argParser(intInRange(1, 65535))),
    )
    .addOption(hide(new Option('--client-id <id>', 'API client id (overrides api.client_id, IB_CLIENT_ID)').argParser(intInRange(0, 2 ** 31 - 1))))
    .addOption(hide(new Option('--data-type <type>', 'market data type to request').choices(DATA_TYPE_NAMES)))
    .addOption(hide(new Option('--sim', 'start a built-in TWS simulator and connect to it (output is labelled SIMULATED; not with --host / --port)')));
  if (options.remote === false) return command;
  return command
    .addOption(hide(new Option('--nats <url>', 'read from an `ib-rx serve` over NATS (nats://HOST:PORT) instead of a gateway')))
    .addOption(hide(new Option('--prefix <prefix>', 'NATS subject prefix of that server (default: ibrx)')));
}

/** What the built-in simulator replaces: the address options (`--client-id` still applies under `--sim`). */
const ADDRESS_OPTIONS = [
  { key: 'host', flags: '--host <host>' },
  { key: 'port', flags: '--port <port>' },
] as const;

/**
 * A command's options merged over the common options given before it (`ib-rx --sim watch AAPL`):
 * the command's own values win. `--host` or `--port` together with `--sim` (before or after the
 * command) is a usage error: one `error:` line, the usage line, exit 2 (a CommanderError is thrown).
 */
export function withGlobalOptions<T extends CommonOptions>(own: T, command: Command): T {
  const options: T = { ...command.parent?.opts<CommonOptions>(), ...own };
  const address = ADDRESS_OPTIONS.find(({ key }) => options[key] !== undefined);
  if (options.nats !== undefined && (options.sim === true || address !== undefined)) {
    command.error(
      `error: option '--nats <url>' cannot be used with option '${options.sim === true ? '--sim' : (address?.flags ?? '')}' (with --nats the data comes from ` +
        'the `ib-rx serve` process, which owns the gateway connection; give --sim / --host / --port to `ib-rx serve` instead)',
      { exitCode: 2, code: 'ib-rx.natsWithAddress' },
    );
  }
  if (options.sim === true && address !== undefined) {
    command.error(
      `error: option '${address.flags}' cannot be used with option '--sim' (the simulator listens on a free loopback port of its own; ` +
        'to use a simulator on a fixed port, start `ib-rx sim --port N` and connect with --port N instead of --sim)',
      { exitCode: 2, code: 'ib-rx.simWithAddress' },
    );
  }
  return options;
}
