import { Command, Option } from 'commander';
import type { CliContext } from '../cli-context.js';
import type { SnapshotOptions } from '../snapshot/snapshot-options.js';
import { addCommonOptions, withGlobalOptions, positiveSeconds } from '../common-options.js';
import { symbolsArgument } from '../symbol-argument.js';
import { runSnapshot } from '../snapshot/run-snapshot.js';

/** `ib-rx snapshot SYMBOL… [--json]`: one quote per symbol; exit 0 all ok, 1 some failed, 2 connection/usage. */
export function createSnapshotCommand(ctx: CliContext): Command {
  const command = new Command('snapshot')
    .description('one quote per symbol, then exit (0 all ok, 1 some symbol failed, 2 connection or usage error)')
    .addArgument(symbolsArgument())
    .addOption(new Option('--json', 'one JSON object per line per symbol (the flat quote)'))
    .addOption(new Option('--timeout <seconds>', 'wait this long per symbol (default: market_data.timeout)').argParser(positiveSeconds));
  return addCommonOptions(command).action(async (symbols: string[], options: SnapshotOptions, self: Command) => {
    ctx.setExitCode(await runSnapshot(symbols, withGlobalOptions(options, self), ctx));
  });
}
