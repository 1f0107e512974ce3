import { lastValueFrom, merge, NEVER, take, timer } from 'rxjs';
import type { BarSize } from '../../history/bar-size.js';
import { serveWeb, type WebServer } from '../../web/web-server.js';
import { WebServerError } from '../../web/web-server-error.js';
import type { CliContext } from '../cli-context.js';
import type { CliSession } from '../cli-session.js';
import { ExitCode } from '../exit-codes.js';
import { sourceTitle } from '../render/source-title.js';
import { withSession } from '../with-session.js';
import { watchStatusLines } from './watch-status.js';
import { attachMetricsToWatch } from './watch-monitoring.js';
import type { WatchOptions } from './watch-options.js';
import { webEvents$, type WebViewOptions } from './web-events.js';

/** The charts' candles when `--bars` does not say: 1-minute bars. */
export const WEB_CHART_BAR_SIZE: BarSize = '1 min';
/** Candles per chart. */
export const WEB_CHART_BARS = 120;
/** At most one `bars` message per symbol per this many ms. */
const BARS_MS = 1000;

/** What `watch --web` shows for these options: the terminal's title, columns and status lines, candles of `--bars` (else 1 min). */
export function watchWebView(session: CliSession, source: { readonly title: string; readonly simulated: boolean }, symbols: readonly string[], options: WatchOptions): WebViewOptions {
  return {
    ...source, symbols, barSize: options.bars ?? WEB_CHART_BAR_SIZE, chartBars: WEB_CHART_BARS, barsLabel: options.bars,
    quoteMs: options.interval, barsMs: BARS_MS, status$: watchStatusLines(session), depthSymbols: options.depth,
  };
}

/**
 * `ib-rx watch --web`: serves the browser view on 127.0.0.1 (prints its URL) until Ctrl-C or
 * `--duration`. The session is subscribed only while a page is open. Exit 0; 2 when the port cannot
 * be bound (the message names it) or the gateway could not be reached.
 */
export function runWatchWeb(symbols: readonly string[], options: WatchOptions, ctx: CliContext): Promise<ExitCode> {
  return withSession(options, ctx, async ({ session, target, fatal$ }) => {
    const title = sourceTitle('watch', target);
    const port = options.webPort ?? 0;
    let web: WebServer;
    try {
      web = await serveWeb({
        port,
        events$: () => webEvents$(session, watchWebView(session, { title, simulated: target.simulated }, symbols, options)),
      });
    } catch (error: unknown) {
      if (!(error instanceof WebServerError)) throw error;
      ctx.io.err(`ib-rx watch: --web-port ${port}: ${error.message}${error.code === 'EADDRINUSE' ? ' (pick another port, or 0 for any free one)' : ''}\n`);
      return ExitCode.USAGE_OR_CONNECTION;
    }
    try {
      const metrics = options.metricsPort === undefined || session.ibSession === undefined ? undefined : await attachMetricsToWatch(session.ibSession, { port: options.metricsPort });
      if (metrics !== undefined) ctx.io.err(`metrics: ${metrics.url}\n`);
      ctx.io.out(`# ${title}\n# web view: ${web.url} (Ctrl-C to stop)\n`);
      try {
        const stop$ = merge(ctx.stop$, options.duration === undefined ? NEVER : timer(options.duration * 1000));
        // A fatal connection error (fatal$ only ever errors) ends the view with that error.
        await lastValueFrom(merge(stop$, fatal$).pipe(take(1)), { defaultValue: undefined });
      } finally {
        await metrics?.close();
      }
    } finally {
      await web.close();
    }
    return ExitCode.OK;
  });
}
