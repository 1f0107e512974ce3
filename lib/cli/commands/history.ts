import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import type { SymbolOrContract } from '../../requests/contract-key.js';
import type { CliContext } from '../cli-context.js';
import { addCommonOptions, withGlobalOptions } from '../common-options.js';
import { parseContractArgument } from '../contract-argument.js';
import type { HistoryOptions } from '../history/history-options.js';
import { runHistory } from '../history/run-history.js';

/** `--end`: an ISO 8601 time (`2025-12-01T15:00:00Z`) or epoch milliseconds. */
function parseEnd(value: string): number {
  const text = value.trim();
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(ms)) throw new InvalidArgumentError('expected an ISO 8601 time such as 2025-12-01T15:00:00Z, or epoch milliseconds.');
  return ms;
}

/** `ib-rx history SYMBOL|JSON --bar-size '1 min' --duration '1 D' [--what TRADES] [--rth] [--end T] [--csv|--json]`: historical bars. */
export function createHistoryCommand(ctx: CliContext): Command {
  const command = new Command('history')
    .description('historical bars of a symbol or contract (reqHistoricalData), as CSV (default) or JSON lines; exit 0 bars, 1 refused / no data, 2 bad bar size, duration, connection or usage')
    .addArgument(new Argument('<contract>', 'a US stock symbol (AAPL) or a contract as JSON').argParser(parseContractArgument))
    .addOption(new Option('--bar-size <size>', "IB's bar size: 1 secs, 5 secs, … 1 min, 2 mins, … 1 hour, … 1 day, 1 week, 1 month").makeOptionMandatory())
    .addOption(new Option('--duration <duration>', "IB's duration back from the end: '1800 S', '1 D', '2 W', '1 M', '1 Y' (at most IB's limit for the bar size)").makeOptionMandatory())
    .addOption(new Option('--what <whatToShow>', "TRADES, MIDPOINT, BID, ASK, BID_ASK, ADJUSTED_LAST, … (IB's names, case as shown)").default('TRADES'))
    .addOption(new Option('--rth', 'regular trading hours only'))
    .addOption(new Option('--end <time>', 'the end of the span: ISO 8601 or epoch ms (default: now)').argParser(parseEnd))
    .addOption(new Option('--csv', 'CSV with a header line (the default)').conflicts('json'))
    .addOption(new Option('--json', 'one JSON object per bar and line (times in epoch ms)'));
  return addCommonOptions(command).action(async (contract: SymbolOrContract, options: HistoryOptions, self: Command) => {
    ctx.setExitCode(await runHistory(contract, withGlobalOptions(options, self), ctx));
  });
}
