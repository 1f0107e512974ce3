import { Command, Option } from 'commander';
import type { CliContext } from '../cli-context.js';
import type { WatchOptions } from '../watch/watch-options.js';
import { addCommonOptions, withGlobalOptions, intInRange, positiveSeconds } from '../common-options.js';
import { symbolsArgument } from '../symbol-argument.js';
import { runWatch } from '../watch/run-watch.js';
import { parseBarInterval } from '../watch/bar-interval.js';
import { addWebOptions, checkWebOptions } from '../watch/web-options.js';

/** `ib-rx watch SYMBOL…`: a live quote table, redrawn in place on a terminal, plain lines when piped. */
export function createWatchCommand(ctx: CliContext): Command {
  const command = new Command('watch')
    .description('live table: bid, ask, last, change, high, low, volume, data type, age, sparkline; Ctrl-C to stop')
    .addArgument(symbolsArgument())
    .addOption(new Option('--duration <seconds>', 'stop after this many seconds (default: run until Ctrl-C)').argParser(positiveSeconds))
    .addOption(new Option('--interval <ms>', 'refresh interval in milliseconds').argParser(intInRange(50, 60_000)).default(500))
    .addOption(new Option('--bars <size>', "also show each symbol's forming bar of this size (5s, 1m, 5m, 1h, 1d … or IB's '1 min'), kept up to date from historical data").argParser(parseBarInterval))
    .addOption(new Option('--metrics-port <port>', 'serve Prometheus metrics at http://127.0.0.1:PORT/metrics while watching (0 = any free port)').argParser(intInRange(0, 65_535)));
  return addCommonOptions(addWebOptions(command)).action(async (symbols: string[], options: WatchOptions, self: Command) => {
    checkWebOptions(symbols, options, self);
    ctx.setExitCode(await runWatch(symbols, withGlobalOptions(options, self), ctx));
  });
}
