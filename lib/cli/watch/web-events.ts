import { asyncScheduler, auditTime, catchError, combineLatest, distinctUntilChanged, map, merge, NEVER, of, share } from 'rxjs';
import type { Observable, SchedulerLike } from 'rxjs';
import type { Bar } from '../../bars/bar.js';
import { barSizeInfo, type BarSize } from '../../history/bar-size.js';
import type { BarSeries } from '../../history/bar-series.js';
import { gapDuration } from '../../history/gap-duration.js';
import type { WebEvent } from '../../web/web-event.js';
import type { CliSession } from '../cli-session.js';
import { quoteColumns } from '../render/quote-table.js';
import { barRow$, quoteRow$ } from './quote-row.js';
import { barsErrorMessage, barsMessage, depthErrorMessage, depthMessage, healthMessage, helloMessage, quoteMessage } from './web-messages.js';

/** What the browser view shows, and how often. */
export interface WebViewOptions {
  readonly title: string;
  readonly simulated: boolean;
  readonly symbols: readonly string[];
  /** The charts' candles: IB's bar size (5 secs or longer), kept up to date with `bars$`. */
  readonly barSize: BarSize;
  /** Candles per chart (the newest). */
  readonly chartBars: number;
  /** `--bars 1m`: the table's BAR column, from the same series as the chart. */
  readonly barsLabel?: string | undefined;
  /** Per symbol, at most one `quote` message per this many ms (the newest state; `auditTime`). */
  readonly quoteMs: number;
  /** Per symbol, at most one `bars` message per this many ms. */
  readonly barsMs: number;
  /** `--depth`: the symbols with a depth ladder (`depth$`, {@link WEB_DEPTH_ROWS} rows), updated at most once per `quoteMs`. */
  readonly depthSymbols?: readonly string[] | undefined;
  /** The status lines (connection, health …); each must emit a first line at once. */
  readonly status$: readonly Observable<string>[];
  readonly scheduler?: SchedulerLike;
}

/** Rows per side of a depth ladder. */
export const WEB_DEPTH_ROWS = 10;

const SECOND_MS = 1000;
const errorText = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * One browser's messages: `hello` at once, then per symbol its `quote` rows and `bars`, per
 * `--depth` symbol its `depth` book (each throttled with `auditTime`, so the newest value is never
 * held back longer than the period), and a `health` message whenever a status line changes. A symbol whose stream fails gets a row with the
 * error (and a `bars` message with the error); the others go on. Never completes by itself; every
 * session stream is released on unsubscribe.
 *
 * ```text
 * marketData$('A')  -a-b-c------d--     (quoteMs 3)
 * messages          H---B-----C----D    H: hello, B: quote row after a and b …
 * ```
 */
export function webEvents$(session: Pick<CliSession, 'marketData$' | 'bars$' | 'depth$'>, view: WebViewOptions): Observable<WebEvent> {
  const scheduler = view.scheduler ?? asyncScheduler;
  const columns = quoteColumns(view.barsLabel === undefined ? {} : { bars: view.barsLabel });
  const info = barSizeInfo(view.barSize);
  const barsOptions = { barSize: view.barSize, duration: gapDuration(info, view.chartBars * info.seconds * SECOND_MS), history: view.chartBars };
  const perSymbol = view.symbols.map((symbol) => {
    const series$ = session.bars$(symbol, barsOptions).pipe(share());
    const state$ = session.marketData$(symbol);
    const rows$ = view.barsLabel === undefined ? quoteRow$(symbol, state$) : barRow$(symbol, state$, series$.pipe(map(latestBar), distinctUntilChanged()));
    const quotes$ = rows$.pipe(auditTime(view.quoteMs, scheduler), map((row) => quoteMessage(row, columns, scheduler.now())));
    const bars$ = series$.pipe(
      auditTime(view.barsMs, scheduler),
      map((series) => barsMessage(symbol, series)),
      catchError((error: unknown) => of(barsErrorMessage(symbol, errorText(error)))),
    );
    return merge(quotes$, bars$);
  });
  const depthSymbols = view.depthSymbols ?? [];
  const depth = depthSymbols.map((symbol) => (session.depth$ === undefined
    ? of(depthErrorMessage(symbol, 'this session has no market depth'))
    : session.depth$(symbol, { rows: WEB_DEPTH_ROWS }).pipe(
      auditTime(view.quoteMs, scheduler),
      map((book) => depthMessage(symbol, book)),
      catchError((error: unknown) => of(depthErrorMessage(symbol, errorText(error)))),
    )));
  const health$ = view.status$.length === 0 ? [] : [combineLatest(view.status$).pipe(map(healthMessage))];
  const hello = helloMessage({
    title: view.title, simulated: view.simulated, symbols: view.symbols, columns: columns.map((c) => c.title), barSize: view.barSize, depth: depthSymbols,
  });
  return merge(of(hello), ...health$, ...perSymbol, ...depth, NEVER);
}

const latestBar = (series: BarSeries): Bar | undefined => series.forming ?? series.bars.last;
