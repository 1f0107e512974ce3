import { Argument, Command, Option } from 'commander';
import type { SymbolOrContract } from '../../requests/contract-key.js';
import { MAX_DEPTH_ROWS } from '../../streams/depth/depth-options.js';
import type { CliContext } from '../cli-context.js';
import { addCommonOptions, intInRange, positiveSeconds, withGlobalOptions } from '../common-options.js';
import { parseContractArgument } from '../contract-argument.js';
import type { DepthCommandOptions } from '../depth/depth-options.js';
import { runDepth } from '../depth/run-depth.js';

/** `ib-rx depth SYMBOL|JSON [--rows N] [--smart|--no-smart]`: a live market depth ladder. */
export function createDepthCommand(ctx: CliContext): Command {
  const command = new Command('depth')
    .description('live market depth ladder (reqMktDepth): bids and asks best first with sizes and market makers; Ctrl-C to stop; exit 1 refused, 2 usage or connection')
    .addArgument(new Argument('<contract>', 'a US stock symbol (AAPL) or a contract as JSON').argParser(parseContractArgument))
    .addOption(new Option('--rows <n>', `rows per side, 1-${MAX_DEPTH_ROWS}`).argParser(intInRange(1, MAX_DEPTH_ROWS)).default(10))
    .addOption(new Option('--smart', 'smart depth: one book over all exchanges, rows name their exchange (the default for a SMART-routed contract)'))
    .addOption(new Option('--no-smart', "the book of the contract's own exchange"))
    .addOption(new Option('--duration <seconds>', 'stop after this many seconds (default: run until Ctrl-C)').argParser(positiveSeconds))
    .addOption(new Option('--interval <ms>', 'least time between two redraws, in milliseconds').argParser(intInRange(50, 60_000)).default(250));
  return addCommonOptions(command).action(async (contract: SymbolOrContract, options: DepthCommandOptions, self: Command) => {
    ctx.setExitCode(await runDepth(contract, withGlobalOptions(options, self), ctx));
  });
}
