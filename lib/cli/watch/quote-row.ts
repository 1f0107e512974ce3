import { catchError, combineLatest, of, scan, startWith } from 'rxjs';
import type { Observable } from 'rxjs';
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

/** Every symbol's row, in the order given, each time any of them changes. */
export function quoteRows$(symbols: readonly string[], stateOf$: (symbol: string) => Observable<QuoteView>): Observable<readonly QuoteRow[]> {
  return symbols.length === 0 ? of([]) : combineLatest(symbols.map((s) => quoteRow$(s, stateOf$(s))));
}

const errorText = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));
