import type { CliContext } from '../cli-context.js';
import type { SnapshotOptions } from '../snapshot/snapshot-options.js';
import { ExitCode } from '../exit-codes.js';
import { toFailedQuote, toFlatQuote } from '../render/flat-quote.js';
import { renderQuoteTable } from '../render/quote-table.js';
import type { QuoteView } from '../render/quote-view.js';
import { withSession } from '../with-session.js';
import { isFatal } from './is-fatal.js';
import { sourceTitle } from '../render/source-title.js';

type Outcome = { readonly symbol: string; readonly quote: QuoteView } | { readonly symbol: string; readonly error: unknown };

/**
 * `ib-rx snapshot`: one quote per symbol (requested together), printed as a table or, with
 * `--json`, as one flat quote per line. Exit 0 when every symbol answered, 1 when some failed,
 * 2 when the gateway could not be reached (or on a usage / config error).
 */
export function runSnapshot(symbols: readonly string[], options: SnapshotOptions, ctx: CliContext): Promise<ExitCode> {
  return withSession(options, ctx, async ({ session, target, unlessFatal }) => {
    const timeoutMs = Math.round((options.timeout ?? target.config.market_data.timeout) * 1000);
    const outcomes = await unlessFatal(
      Promise.all(
        symbols.map((symbol) =>
          session.snapshot(symbol, { timeoutMs }).then(
            (quote): Outcome => ({ symbol, quote }),
            (error: unknown): Outcome => ({ symbol, error }),
          ),
        ),
      ),
    );
    const fatal = outcomes.find((o) => 'error' in o && isFatal(o.error));
    if (fatal !== undefined && 'error' in fatal) throw fatal.error;
    const simulated = target.simulated;
    if (options.json === true) {
      for (const o of outcomes) {
        const line = 'quote' in o ? toFlatQuote(o.quote, { simulated }) : toFailedQuote(o.symbol, o.error);
        ctx.io.out(`${JSON.stringify(line)}\n`);
      }
    } else {
      const rows = outcomes.map((o) =>
        'quote' in o ? { symbol: o.symbol, quote: o.quote, recent: [] } : { symbol: o.symbol, recent: [], error: toFailedQuote(o.symbol, o.error).error.message },
      );
      const lines = [sourceTitle('snapshot', target), ...renderQuoteTable(rows, Date.now(), ctx.io.columns, { trend: false })];
      ctx.io.out(`${lines.join('\n')}\n`);
    }
    return outcomes.some((o) => 'error' in o) ? ExitCode.SOME_FAILED : ExitCode.OK;
  });
}
