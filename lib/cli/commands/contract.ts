import { Argument, Command, Option } from 'commander';
import type { SymbolOrContract } from '../../requests/contract-key.js';
import type { CliContext } from '../cli-context.js';
import type { ContractOptions } from '../contract/contract-options.js';
import { addCommonOptions, withGlobalOptions } from '../common-options.js';
import { parseContractArgument } from '../contract-argument.js';
import { runContract } from '../contract/run-contract.js';

/** `ib-rx contract SYMBOL|JSON [--json]`: the full contract, or the candidates when several match (exit 1). */
export function createContractCommand(ctx: CliContext): Command {
  const command = new Command('contract')
    .description('the one contract a symbol or contract names, in full (contract details); several matches: the candidates and how to choose (exit 1)')
    .addArgument(
      new Argument('<contract>', 'a US stock symbol (AAPL) or a contract as JSON, e.g. \'{"symbol":"EUR","secType":"CASH","exchange":"IDEALPRO","currency":"USD"}\'')
        .argParser(parseContractArgument),
    )
    .addOption(new Option('--json', 'the contract details (or the candidates) as one JSON object'));
  return addCommonOptions(command).action(async (contract: SymbolOrContract, options: ContractOptions, self: Command) => {
    ctx.setExitCode(await runContract(contract, withGlobalOptions(options, self), ctx));
  });
}
