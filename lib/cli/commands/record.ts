import { Command, Option } from 'commander';
import type { CliContext } from '../cli-context.js';
import { barsWhatToShow, tickByTickTypes, type RecordOptions } from '../record/record-options.js';
import { addCommonOptions, intInRange, withGlobalOptions, positiveSeconds } from '../common-options.js';
import { MAX_DEPTH_ROWS } from '../../streams/depth/depth-options.js';
import { filePath } from '../file-flag.js';
import { symbolsArgument } from '../symbol-argument.js';
import { runRecord } from '../record/run-record.js';

/**
 * `ib-rx record SYMBOL… --out FILE.ndjson [--duration S] [--bars5s [WHAT]] [--tbt TYPES] [--depth [ROWS]]`:
 * ticks (and 5-second bars, tick-by-tick data, depth books) as NDJSON that `ib-rx sim --replay` plays back.
 */
export function createRecordCommand(ctx: CliContext): Command {
  const command = new Command('record')
    .description('write every tick as NDJSON (replay it with: ib-rx sim --replay FILE); Ctrl-C to stop')
    .usage('[options] --out <file> <symbols...>')
    .addArgument(symbolsArgument())
    .addOption(new Option('--out <file>', 'output file (.ndjson; required)').argParser(filePath).makeOptionMandatory())
    .addOption(new Option('--duration <seconds>', 'stop after this many seconds (default: until Ctrl-C)').argParser(positiveSeconds))
    .addOption(new Option('--bars5s [whatToShow]', 'also record 5-second bars: TRADES (default), MIDPOINT, BID or ASK (IB\'s names, case as shown)').argParser(barsWhatToShow))
    .addOption(new Option('--tbt <types>', 'also record tick-by-tick data: Last, AllLast, BidAsk, MidPoint (IB\'s names, case as shown; comma-separated)').argParser(tickByTickTypes))
    .addOption(new Option('--depth [rows]', `also record the depth book, every change (rows per side, 1-${MAX_DEPTH_ROWS}; default 10)`).argParser(intInRange(1, MAX_DEPTH_ROWS)));
  return addCommonOptions(command).action(async (symbols: string[], options: RecordOptions, self: Command) => {
    ctx.setExitCode(await runRecord(symbols, withGlobalOptions(options, self), ctx));
  });
}
