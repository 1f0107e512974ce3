import { catchError, combineLatest, map, of, scan, startWith } from 'rxjs';
import type { Observable } from 'rxjs';
import type { Bar } from '../../bars/bar.js';
import type { QuoteRow } from '../render/quote-table.js';
import type { QuoteView } from '../render/quote-view.js';
import { pushRecent } from '../render/sparkline.js';

/** How many recent last prices a row keeps for its sparkline. */
export const RECENT_PRICES = 24;

/**
 * One symbol's table row from its market state stream: starts empty, keeps the last
 * {@link RECENT_PRICES} distinct trade prices, and turns an error into a row that shows it (the
 * error does not end the table).
 *
 * ```text
 * state$  --a--b--#        quoteRow$  E--A--B--(X|)   E: empty row, X: row with the error
 * ```
 */
export function quoteRow$(symbol: string, state$: Observable<QuoteView>): Observable<QuoteRow> {
  const empty: QuoteRow = { symbol, recent: [] };
  return state$.pipe(
    scan(
      (row: QuoteRow, quote: QuoteView): QuoteRow => ({
        symbol,
        quote,
        recent: quote.last !== undefined && quote.last !== row.quote?.last ? pushRecent(row.recent, quote.last, RECENT_PRICES) : row.recent,
      }),
      empty,
    ),
    startWith(empty),
    catchError((error: unknown) => of<QuoteRow>({ symbol, recent: [], error: errorText(error) })),
  );
}

/**
 * One symbol's row with its bar (`watch --bars`): the quote row, and the latest bar of `bar$`
 * (none at first). A failed bar stream only sets `barError`; the quote goes on.
 *
 * ```text
 * state$  --a-----b--     bar$  ----x--#      barRow$  E-A-X---B(X!)-   X: with bar x, !: barError
 * ```
 */
export function barRow$(symbol: string, state$: Observable<QuoteView>, bar$: Observable<Bar | undefined>): Observable<QuoteRow> {
  const bars$ = bar$.pipe(
    map((bar) => ({ bar, barError: undefined })),
    startWith({ bar: undefined, barError: undefined }),
    catchError((error: unknown) => of({ bar: undefined, barError: errorText(error) })),
  );
  return combineLatest([quoteRow$(symbol, state$), bars$]).pipe(
    map(([row, { bar, barError }]): QuoteRow => ({ ...row, ...(bar !== undefined && { bar }), ...(barError !== undefined && { barError }) })),
  );
}

/** Every symbol's row, in the order given, each time any of them changes; with `barOf$`, each row also shows that symbol's bar. */
export function quoteRows$(
  symbols: readonly string[],
  stateOf$: (symbol: string) => Observable<QuoteView>,
  barOf$?: (symbol: string) => Observable<Bar | undefined>,
): Observable<readonly QuoteRow[]> {
  if (symbols.length === 0) return of([]);
  return combineLatest(symbols.map((s) => (barOf$ === undefined ? quoteRow$(s, stateOf$(s)) : barRow$(s, stateOf$(s), barOf$(s)))));
}

const errorText = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));
