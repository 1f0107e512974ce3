import { Command, Option } from 'commander';
import type { CliContext } from '../cli-context.js';
import { addCommonOptions, intInRange, withGlobalOptions } from '../common-options.js';
import { runServe } from '../serve/run-serve.js';
import type { ServeOptions } from '../serve/serve-options.js';

/** `ib-rx serve --nats URL`: one process owns the gateway connection and serves it over NATS to `--nats` consumers. */
export function createServeCommand(ctx: CliContext): Command {
  const command = new Command('serve')
    .description('serve market data over NATS: this process owns the gateway connection, any number of `--nats` consumers share it; Ctrl-C to stop')
    .addOption(new Option('--nats <url>', 'the NATS server to serve on (nats://HOST:PORT)'))
    .addOption(new Option('--prefix <prefix>', 'NATS subject prefix (one server per prefix)').default('ibrx'))
    .addOption(new Option('--heartbeat-ms <ms>', 'heartbeat period (consumers refresh their leases at least 3 times per lease)').argParser(intInRange(10, 600_000)))
    .addOption(new Option('--lease-ms <ms>', "a consumer's lease: without its heartbeat for this long, its streams are released").argParser(intInRange(50, 3_600_000)));
  return addCommonOptions(command, { remote: false }).action(async (options: ServeOptions, self: Command) => {
    // Here --nats is where to serve, not a source: keep it out of the source checks of withGlobalOptions.
    const { nats, ...rest } = options;
    ctx.setExitCode(await runServe({ ...withGlobalOptions(rest, self), ...(nats !== undefined && { nats }) }, ctx));
  });
}
