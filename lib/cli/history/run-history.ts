import type { Bar } from '../../bars/bar.js';
import { InvalidInputError } from '../../errors.js';
import type { HistoricalBarsOptions } from '../../history/historical-options.js';
import { checkHistoricalQuery } from '../../history/historical-query.js';
import { contractLabel, normalizeContract, type SymbolOrContract } from '../../requests/contract-key.js';
import type { CliContext } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { BAR_CSV_HEADER, barCsvLine, barJsonLine } from '../render/bar-lines.js';
import { describeUnexpected } from '../render/format-error.js';
import { sourceTitle } from '../render/source-title.js';
import { isFatal } from '../snapshot/is-fatal.js';
import { withSession } from '../with-session.js';
import type { HistoryOptions } from './history-options.js';

/** The command-line flag of each checked field. */
const FLAGS: Readonly<Record<string, string>> = { barSize: '--bar-size', duration: '--duration', whatToShow: '--what', useRTH: '--rth', end: '--end' };

/**
 * `ib-rx history SYMBOL|JSON --bar-size '1 min' --duration '1 D'`: the bars of a span, as CSV (a
 * header line, then one bar per line; the source title goes to stderr) or, with `--json`, one
 * JSON object per bar. Exit 0 with bars, 1 when TWS refused the request or had none, 2 for a bad
 * bar size / duration / whatToShow (one line naming the flag, nothing sent), a config or a
 * connection problem.
 */
export async function runHistory(input: SymbolOrContract, options: HistoryOptions, ctx: CliContext): Promise<ExitCode> {
  const request: HistoricalBarsOptions = {
    barSize: options.barSize as HistoricalBarsOptions['barSize'],
    duration: options.duration as HistoricalBarsOptions['duration'],
    whatToShow: options.what as NonNullable<HistoricalBarsOptions['whatToShow']>,
    useRTH: options.rth === true,
    ...(options.end !== undefined && { end: options.end }),
  };
  try {
    checkHistoricalQuery(request, false);
  } catch (error: unknown) {
    if (!(error instanceof InvalidInputError)) throw error;
    ctx.io.err(`ib-rx history: ${error.message.replace(/^invalid \w+/, `invalid ${FLAGS[error.field] ?? error.field}`)}\n`);
    return ExitCode.USAGE_OR_CONNECTION;
  }
  const symbol = contractLabel(normalizeContract(input));
  return withSession(options, ctx, async ({ session, target, unlessFatal }) => {
    let bars: readonly Bar[];
    try {
      bars = await unlessFatal(session.historicalBars(input, request));
    } catch (error: unknown) {
      if (isFatal(error)) throw error;
      ctx.io.err(`ib-rx: history ${symbol}: ${describeUnexpected(error)}\n`);
      return ExitCode.SOME_FAILED;
    }
    if (options.json === true) {
      ctx.io.out(bars.map((bar) => `${barJsonLine(symbol, bar, target.simulated)}\n`).join(''));
    } else {
      ctx.io.err(`${sourceTitle('history', target)}\n`);
      ctx.io.out([BAR_CSV_HEADER, ...bars.map(barCsvLine)].join('\n') + '\n');
    }
    return ExitCode.OK;
  });
}
