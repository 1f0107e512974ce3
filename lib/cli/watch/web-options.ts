import { Option, type Command } from 'commander';
import { commaList } from '../comma-list.js';
import { intInRange } from '../common-options.js';
import { parseSymbol } from '../symbol-argument.js';
import type { WatchOptions } from './watch-options.js';

/** `--depth AAPL,MSFT`: upper-cased symbols, no duplicates (commander's InvalidArgumentError for a bad or empty one). */
export function parseDepthSymbols(value: string): readonly string[] {
  return [...new Set(commaList(value).map(parseSymbol))];
}

/** Adds `--web`, `--web-port <port>` (implies --web) and `--depth <symbols>` to `ib-rx watch`. */
export function addWebOptions(command: Command): Command {
  return command
    .addOption(new Option('--web', 'serve a live page on 127.0.0.1 instead of the table: the quotes, a chart per symbol, the health line (prints its URL)'))
    .addOption(new Option('--web-port <port>', 'port of the --web page, implies --web (0 = any free port, the default)').argParser(intInRange(0, 65_535)).implies({ web: true }))
    .addOption(new Option('--depth <symbols>', 'with --web: a depth ladder for these watched symbols (comma-separated)').argParser(parseDepthSymbols));
}

/**
 * Usage errors of the web options (one `error:` line, the usage line, exit 2): `--depth` without
 * `--web`, or naming a symbol that is not watched.
 */
export function checkWebOptions(symbols: readonly string[], options: WatchOptions, command: Command): void {
  if (options.depth === undefined) return;
  if (options.web !== true) {
    command.error("error: option '--depth <symbols>' needs --web (the terminal table has no ladder; see `ib-rx depth`)", { exitCode: 2, code: 'ib-rx.depthWithoutWeb' });
  }
  const unknown = options.depth.filter((symbol) => !symbols.includes(symbol));
  if (unknown.length > 0) {
    command.error(`error: option '--depth <symbols>': ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not watched (watched: ${symbols.join(' ')})`, { exitCode: 2, code: 'ib-rx.depthNotWatched' });
  }
}
