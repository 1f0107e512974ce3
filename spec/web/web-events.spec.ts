import { expect } from 'chai';
import { NEVER, of } from 'rxjs';
import type { Observable } from 'rxjs';
import { marbles } from 'rxjs-marbles/mocha';
import type { CliSession } from '../../lib/cli/cli-session.js';
import { quoteColumns, type QuoteRow } from '../../lib/cli/render/quote-table.js';
import type { QuoteView } from '../../lib/cli/render/quote-view.js';
import { webEvents$, type WebViewOptions } from '../../lib/cli/watch/web-events.js';
import { HistoricalDataError, StreamLimitError, SymbolNotFoundError } from '../../lib/errors.js';
import { initialBarSeries, reduceBarSeries, type BarSeries } from '../../lib/history/bar-series.js';
import type { BarsOptions } from '../../lib/history/historical-options.js';
import type { SymbolOrContract } from '../../lib/requests/contract-key.js';
import type { DepthOptions } from '../../lib/streams/depth/depth-options.js';
import type { OrderBook } from '../../lib/streams/depth/order-book.js';
import type { WebEvent } from '../../lib/web/web-event.js';

const view = (overrides: Partial<WebViewOptions> = {}): WebViewOptions => ({
  title: 'ib-rx watch · SIMULATED data', simulated: true, symbols: ['AAPL'], barSize: '1 min', chartBars: 120,
  quoteMs: 4, barsMs: 5, status$: [of('connection: connected')], ...overrides,
});

const session = (streams: {
  readonly marketData$?: Record<string, Observable<QuoteView>>;
  readonly bars$?: Record<string, Observable<BarSeries>>;
  readonly barsCalls?: BarsOptions[];
}): Pick<CliSession, 'marketData$' | 'bars$' | 'depth$'> => ({
  marketData$: (symbol) => streams.marketData$?.[symbol] ?? NEVER,
  bars$: (symbol, options) => {
    streams.barsCalls?.push(options);
    return streams.bars$?.[symbol] ?? NEVER;
  },
});

const states: Record<string, QuoteView> = {
  a: { symbol: 'AAPL', bid: 9.9, ask: 10.1, last: 10, lastUpdate: 0 },
  b: { symbol: 'AAPL', bid: 9.9, ask: 10.1, last: 10.5, lastUpdate: 3 },
  c: { symbol: 'AAPL', bid: 10, ask: 10.2, last: 10.1, lastUpdate: 5 },
  d: { symbol: 'AAPL', bid: 10, ask: 10.2, last: 10.2, lastUpdate: 12, stale: true },
};

/** The `quote` message the terminal's columns give for this row at `now`. */
const quote = (row: QuoteRow, now: number): WebEvent => ({
  event: 'quote',
  key: `quote:${row.symbol}`,
  data: {
    symbol: row.symbol, cells: quoteColumns().map((c) => c.cell(row, now)),
    last: row.quote?.last, lastUpdate: row.quote?.lastUpdate, stale: row.quote?.stale === true, error: row.error,
  },
});

const hello: WebEvent = {
  event: 'hello', key: 'hello',
  data: {
    title: 'ib-rx watch · SIMULATED data', simulated: true, symbols: ['AAPL'], barSize: '1 min', depth: [],
    columns: ['SYMBOL', 'BID', 'ASK', 'LAST', 'CHANGE', 'HIGH', 'LOW', 'VOLUME', 'TYPE', 'AGE', 'TREND'],
  },
};
const health: WebEvent = { event: 'health', key: 'health', data: { lines: ['connection: connected'] } };

const bar = (start: number, close: number) => ({ start, end: start + 60_000, open: close, high: close, low: close, close, volume: 1, trades: 1 });

// prettier-ignore
describe('webEvents$', () => {
  it('sends hello and the status lines at once, then each symbol\'s newest row at most once per quoteMs (auditTime)', marbles((m) => {
    const state$ = m.hot('-a-b-c------d--', states);
    const expected =     '(HS)B----C------D';
    const rowB: QuoteRow = { symbol: 'AAPL', quote: states.b, recent: [10, 10.5] };
    const rowC: QuoteRow = { symbol: 'AAPL', quote: states.c, recent: [10, 10.5, 10.1] };
    const rowD: QuoteRow = { symbol: 'AAPL', quote: states.d, recent: [10, 10.5, 10.1, 10.2] };
    const events$ = webEvents$(session({ marketData$: { AAPL: state$ } }), view({ scheduler: m.scheduler }));
    m.expect(events$).toBeObservable(expected, { H: hello, S: health, B: quote(rowB, 4), C: quote(rowC, 9), D: quote(rowD, 16) });
  }));

  it('a failed symbol gets a row with its error; the other symbols go on', marbles((m) => {
    const notFound = new SymbolNotFoundError('No security definition has been found', { symbol: 'ZZZZ' });
    const good$ = m.hot('-a--------b--', states);
    const bad$ = m.hot('  --#', undefined, notFound);
    const expected =    '(HS)(XA)------B';
    const events$ = webEvents$(session({ marketData$: { AAPL: good$, ZZZZ: bad$ } }), view({ symbols: ['ZZZZ', 'AAPL'], quoteMs: 4, status$: [of('connection: connected')], scheduler: m.scheduler }));
    const helloBoth: WebEvent = { ...hello, data: { ...(hello.data as object), symbols: ['ZZZZ', 'AAPL'] } };
    m.expect(events$).toBeObservable(expected, {
      H: helloBoth, S: health,
      X: quote({ symbol: 'ZZZZ', recent: [], error: `SymbolNotFoundError: ${notFound.message}` }, 4),
      A: quote({ symbol: 'AAPL', quote: states.a, recent: [10] }, 4),
      B: quote({ symbol: 'AAPL', quote: states.b, recent: [10, 10.5] }, 14),
    });
  }));

  it('sends every candle of the series at most once per barsMs, and an error message when bars fail', marbles((m) => {
    const s0 = initialBarSeries('AAPL', '1 min', 120);
    const s1 = reduceBarSeries(s0, { type: 'history', bars: [bar(0, 10), bar(60_000, 11)] });
    const s2 = reduceBarSeries(s1, { type: 'update', bar: bar(60_000, 12) });
    const s3 = reduceBarSeries(s2, { type: 'update', bar: bar(120_000, 13) });
    const failed = new HistoricalDataError(162, 'HMDS query returned no data', { symbol: 'AAPL' });
    const series$ = m.hot('-xy-------z---------#', { x: s1, y: s2, z: s3 }, failed);
    const candle = (start: number, close: number) => ({ time: start, open: close, high: close, low: close, close, volume: 1 });
    const barsCalls: BarsOptions[] = [];
    const events$ = webEvents$(session({ bars$: { AAPL: series$ }, barsCalls }), view({ status$: [], scheduler: m.scheduler }));
    // Q: the row before any quote (its cells are '-').
    m.expect(events$).toBeObservable('H---Q-Y--------Z----E', {
      H: hello,
      Q: quote({ symbol: 'AAPL', recent: [] }, 4),
      Y: { event: 'bars', key: 'bars:AAPL', data: { symbol: 'AAPL', barSize: '1 min', stale: false, bars: [candle(0, 10), candle(60_000, 12)] } },
      Z: { event: 'bars', key: 'bars:AAPL', data: { symbol: 'AAPL', barSize: '1 min', stale: false, bars: [candle(0, 10), candle(60_000, 12), candle(120_000, 13)] } },
      E: { event: 'bars', key: 'bars:AAPL', data: { symbol: 'AAPL', error: `HistoricalDataError: ${failed.message}` } },
    });
    m.flush();
    expect(barsCalls).to.deep.equal([{ barSize: '1 min', duration: '7200 S', history: 120 }]);
  }));

  it('with --bars, the row\'s BAR column comes from the chart\'s own series (one bars$ request per symbol)', marbles((m) => {
    const s1 = reduceBarSeries(initialBarSeries('AAPL', '1 min', 120), { type: 'history', bars: [bar(0, 10), bar(60_000, 11)] });
    const barsCalls: BarsOptions[] = [];
    const events$ = webEvents$(
      session({ marketData$: { AAPL: m.hot('-a--', states) }, bars$: { AAPL: m.hot('--x-', { x: s1 }) }, barsCalls }),
      view({ status$: [], barsLabel: '1m', quoteMs: 4, barsMs: 100, scheduler: m.scheduler }),
    );
    const row: QuoteRow = { symbol: 'AAPL', quote: states.a, recent: [10], bar: bar(60_000, 11) };
    const withBar = quoteColumns({ bars: '1m' });
    m.expect(events$, '^------!').toBeObservable('H---B--', {
      H: { ...hello, data: { ...(hello.data as object), columns: withBar.map((c) => c.title) } },
      B: { event: 'quote', key: 'quote:AAPL', data: { symbol: 'AAPL', cells: withBar.map((c) => c.cell(row, 4)), last: 10, lastUpdate: 0, stale: false, error: undefined } },
    });
    m.flush();
    expect(barsCalls).to.have.length(1);
  }));

  it('sends each --depth symbol\'s book at most once per quoteMs, and its error when depth$ fails (the other symbols go on)', marbles((m) => {
    const book = (bid: number, stale = false): OrderBook => ({
      symbol: 'AAPL', bids: [{ price: bid, size: 100, marketMaker: 'NSDQ' }], asks: [{ price: bid + 0.02, size: 200 }], time: bid, rows: 10, smart: true, stale,
    });
    const limit = StreamLimitError.budgetExhausted({ stream: 'depth', inUse: 3, limit: 3, symbol: 'MSFT' });
    const depthCalls: { symbol: SymbolOrContract; options: DepthOptions }[] = [];
    const depth$ = (symbol: SymbolOrContract, options: DepthOptions): Observable<OrderBook> => {
      depthCalls.push({ symbol, options });
      return symbol === 'AAPL' ? m.hot('----ab----c--', { a: book(10), b: book(11), c: book(12, true) }) : m.hot('---#', undefined, limit);
    };
    const options = view({ symbols: ['AAPL', 'MSFT'], depthSymbols: ['AAPL', 'MSFT'], status$: [], scheduler: m.scheduler });
    const level = (b: OrderBook) => ({ event: 'depth', key: 'depth:AAPL', data: { symbol: 'AAPL', bids: b.bids, asks: b.asks, stale: b.stale, time: b.time } });
    const helloDepth: WebEvent = { ...hello, data: { ...(hello.data as object), symbols: ['AAPL', 'MSFT'], depth: ['AAPL', 'MSFT'] } };
    m.expect(webEvents$({ ...session({}), depth$ }, options)).toBeObservable('H--X(QR)B-----C', {
      H: helloDepth,
      X: { event: 'depth', key: 'depth:MSFT', data: { symbol: 'MSFT', error: `StreamLimitError: ${limit.message}` } },
      Q: quote({ symbol: 'AAPL', recent: [] }, 4), R: quote({ symbol: 'MSFT', recent: [] }, 4),
      B: level(book(11)), C: level(book(12, true)),
    });
    m.flush();
    expect(depthCalls).to.deep.equal([{ symbol: 'AAPL', options: { rows: 10 } }, { symbol: 'MSFT', options: { rows: 10 } }]);
  }));

  it('says so in the ladder when the session has no depth$', marbles((m) => {
    const withoutDepth$ = webEvents$(session({}), view({ depthSymbols: ['AAPL'], status$: [], scheduler: m.scheduler }));
    m.expect(withoutDepth$, '^---!').toBeObservable('(HD)', {
      H: { ...hello, data: { ...(hello.data as object), depth: ['AAPL'] } },
      D: { event: 'depth', key: 'depth:AAPL', data: { symbol: 'AAPL', error: 'this session has no market depth' } },
    });
  }));

  it('releases every session stream when the browser goes (unsubscribe)', marbles((m) => {
    const state$ = m.hot('-a-b-c-', states);
    const series$ = m.hot('-------');
    const status$ = m.hot('s------', { s: 'connection: connected' });
    const events$ = webEvents$(session({ marketData$: { AAPL: state$ }, bars$: { AAPL: series$ } }), view({ status$: [status$], scheduler: m.scheduler }));
    m.expect(events$, '^--!').toBeObservable('(HS)', { H: hello, S: health });
    m.expect(state$).toHaveSubscriptions('^--!');
    m.expect(series$).toHaveSubscriptions('^--!');
    m.expect(status$).toHaveSubscriptions('^--!');
  }));
});
