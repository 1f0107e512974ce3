import { lastValueFrom, merge, NEVER, takeUntil, takeWhile, tap, timer } from 'rxjs';
import type { CliContext } from '../cli-context.js';
import type { WatchOptions } from '../watch/watch-options.js';
import { attachMetricsToWatch } from './watch-monitoring.js';
import { watchStatusLines } from './watch-status.js';
import { ExitCode } from '../exit-codes.js';
import type { QuoteRow } from '../render/quote-table.js';
import { sourceTitle } from '../render/source-title.js';
import { withSession } from '../with-session.js';
import { formingBarOf$ } from './forming-bar.js';
import { quoteRows$ } from './quote-row.js';
import { watchFrames$ } from './watch-frames.js';
import { plainRenderer, ttyRenderer } from './watch-screen.js';
import { runWatchWeb } from './run-watch-web.js';

/** True when every row shows an error: nothing more can come (a failed symbol's stream has ended). */
const everyRowFailed = (rows: readonly QuoteRow[]): boolean => rows.length > 0 && rows.every((row) => row.error !== undefined);

/**
 * `ib-rx watch`: the live table until Ctrl-C or `--duration` (with `--web`, the browser view instead: see `runWatchWeb`), or until every symbol has failed
 * (then at once, after drawing the errors). Exit 0, or 1 when a symbol failed (its row shows why),
 * or 2 when the gateway could not be reached.
 */
export function runWatch(symbols: readonly string[], options: WatchOptions, ctx: CliContext): Promise<ExitCode> {
  if (options.web === true) return runWatchWeb(symbols, options, ctx);
  return withSession(options, ctx, async ({ session, target, fatal$ }) => {
    const renderer = ctx.io.isTty ? ttyRenderer(ctx.io) : plainRenderer(ctx.io);
    const failed = new Set<string>();
    const frames$ = watchFrames$({
      title: sourceTitle('watch', target),
      rows$: quoteRows$(symbols, session.marketData$, options.bars === undefined ? undefined : formingBarOf$(session, options.bars)),
      barsLabel: options.bars,
      status$: watchStatusLines(session),
      refreshMs: options.interval,
    });
    const stop$ = merge(ctx.stop$, options.duration === undefined ? NEVER : timer(options.duration * 1000));
    const metrics = options.metricsPort === undefined || session.ibSession === undefined
      ? undefined
      : await attachMetricsToWatch(session.ibSession, { port: options.metricsPort });
    if (metrics !== undefined) ctx.io.err(`metrics: ${metrics.url}\n`);
    try {
      await lastValueFrom(
        frames$.pipe(
          tap((frame) => {
            renderer.render(frame);
            for (const row of frame.rows) if (row.error !== undefined) failed.add(row.symbol);
          }),
          takeWhile((frame) => !everyRowFailed(frame.rows)),
          // A fatal connection error (fatal$ only ever errors) ends the table with that error.
          takeUntil(merge(stop$, fatal$)),
        ),
        { defaultValue: undefined },
      );
    } finally {
      renderer.end();
      await metrics?.close();
    }
    if (failed.size === symbols.length) ctx.io.err(`ib-rx watch: every symbol failed (${symbols.join(', ')})\n`);
    return failed.size > 0 ? ExitCode.SOME_FAILED : ExitCode.OK;
  });
}
