import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import type { CliContext } from '../cli-context.js';
import type { SearchOptions } from '../search/search-options.js';
import { addCommonOptions, withGlobalOptions } from '../common-options.js';
import { runSearch } from '../search/run-search.js';

/** A search pattern: any non-empty text (a symbol or part of a company name). */
function parsePattern(value: string): string {
  const pattern = value.trim();
  if (pattern === '') throw new InvalidArgumentError('the pattern is empty (give a symbol or part of a name, e.g. AAP or apple).');
  return pattern;
}

/** `ib-rx search PATTERN [--json]`: stocks, indices, forex … matching a symbol or name (exit 0 some, 1 none, 2 connection/usage). */
export function createSearchCommand(ctx: CliContext): Command {
  const command = new Command('search')
    .description('symbols matching a pattern (reqMatchingSymbols: symbol prefix or part of the name), then exit (0 found, 1 none, 2 connection or usage error)')
    .addArgument(new Argument('<pattern>', 'a symbol or part of a company name, e.g. AAP or apple').argParser(parsePattern))
    .addOption(new Option('--json', 'one JSON object per match and line'));
  return addCommonOptions(command).action(async (pattern: string, options: SearchOptions, self: Command) => {
    ctx.setExitCode(await runSearch(pattern, withGlobalOptions(options, self), ctx));
  });
}
