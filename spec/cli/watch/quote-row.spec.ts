import { marbles } from 'rxjs-marbles/mocha';
import { barRow$, quoteRow$, quoteRows$ } from '../../../lib/cli/watch/quote-row.js';
import type { Bar } from '../../../lib/bars/bar.js';
import type { QuoteRow } from '../../../lib/cli/render/quote-table.js';
import type { QuoteView } from '../../../lib/cli/render/quote-view.js';
import { SymbolNotFoundError } from '../../../lib/errors.js';

const states: Record<string, QuoteView> = {
  a: { symbol: 'AAPL', last: 10 },
  b: { symbol: 'AAPL', last: 10, bid: 9.9 },
  c: { symbol: 'AAPL', last: 11 },
};
const notFound = new SymbolNotFoundError('No security definition', { symbol: 'AAPL' });

// prettier-ignore
describe('quoteRow$', () => {
  it('starts with an empty row and adds each new last price to the recent prices', marbles((m) => {
    const state$ = m.cold('-a-b-c-|', states);
    const rows: Record<string, QuoteRow> = {
      E: { symbol: 'AAPL', recent: [] },
      A: { symbol: 'AAPL', quote: states.a, recent: [10] },
      B: { symbol: 'AAPL', quote: states.b, recent: [10] },
      C: { symbol: 'AAPL', quote: states.c, recent: [10, 11] },
    };
    m.expect(quoteRow$('AAPL', state$)).toBeObservable('EA-B-C-|', rows);
  }));

  it('turns an error into a row showing it', marbles((m) => {
    const state$ = m.cold('-a-#', states, notFound);
    const rows: Record<string, QuoteRow> = {
      E: { symbol: 'AAPL', recent: [] },
      A: { symbol: 'AAPL', quote: states.a, recent: [10] },
      X: { symbol: 'AAPL', recent: [], error: `SymbolNotFoundError: ${notFound.message}` },
    };
    m.expect(quoteRow$('AAPL', state$)).toBeObservable('EA-(X|)', rows);
  }));

  it('unsubscribes from the state stream when the row is unsubscribed', marbles((m) => {
    const state$ = m.cold('-a----', states);
    m.expect(quoteRow$('AAPL', state$), '^--!').toBeObservable('EA--', {
      E: { symbol: 'AAPL', recent: [] },
      A: { symbol: 'AAPL', quote: states.a, recent: [10] },
    });
    m.expect(state$).toHaveSubscriptions('^--!');
  }));
});

// prettier-ignore
describe('quoteRows$', () => {
  it('emits every symbol\'s row in the given order when any of them changes', marbles((m) => {
    const streams: Record<string, ReturnType<typeof m.cold<QuoteView>>> = {
      AAPL: m.cold('--a-', states),
      MSFT: m.cold('---m', { m: { symbol: 'MSFT', last: 5 } }),
    };
    const e = (symbol: string): QuoteRow => ({ symbol, recent: [] });
    const a: QuoteRow = { symbol: 'AAPL', quote: states.a, recent: [10] };
    const ms: QuoteRow = { symbol: 'MSFT', quote: { symbol: 'MSFT', last: 5 }, recent: [5] };
    const rows$ = quoteRows$(['AAPL', 'MSFT'], (s) => streams[s]!);
    m.expect(rows$).toBeObservable('X-YZ', { X: [e('AAPL'), e('MSFT')], Y: [a, e('MSFT')], Z: [a, ms] });
  }));

  it('is one empty list for no symbols', marbles((m) => {
    m.expect(quoteRows$([], () => m.cold('-'))).toBeObservable('(X|)', { X: [] });
  }));
});

const bar: Bar = { start: 0, end: 60_000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 100, trades: 3 };

// prettier-ignore
describe('barRow$', () => {
  it('adds the latest bar to the quote row; a failed bar stream only sets barError', marbles((m) => {
    const state$ = m.cold('--a-----', states);
    const bar$ = m.cold('----x-#', { x: bar }, new Error('no bars'));
    const rows: Record<string, QuoteRow> = {
      E: { symbol: 'AAPL', recent: [] },
      A: { symbol: 'AAPL', quote: states.a, recent: [10] },
      X: { symbol: 'AAPL', quote: states.a, recent: [10], bar },
      F: { symbol: 'AAPL', quote: states.a, recent: [10], barError: 'Error: no bars' },
    };
    m.expect(barRow$('AAPL', state$, bar$)).toBeObservable('E-A-X-F-', rows);
  }));

  it('is used by quoteRows$ when a bar source is given', marbles((m) => {
    const rows$ = quoteRows$(['AAPL'], () => m.cold('-'), () => m.cold('-x', { x: bar }));
    m.expect(rows$).toBeObservable('AB', { A: [{ symbol: 'AAPL', recent: [] }], B: [{ symbol: 'AAPL', recent: [], bar }] });
  }));
});
