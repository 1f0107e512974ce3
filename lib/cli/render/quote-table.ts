import type { Bar } from '../../bars/bar.js';
import { formatAge, formatChange, formatClock, formatPrice, formatVolume, NONE } from './format.js';
import type { QuoteView } from './quote-view.js';
import { sparkline } from './sparkline.js';

/** One symbol's row in the watch table: its latest state (if any), recent prices, or its error. */
export interface QuoteRow {
  readonly symbol: string;
  readonly quote?: QuoteView | undefined;
  /** Recent last prices, oldest first (drawn as a sparkline). */
  readonly recent: readonly number[];
  /** Set when the symbol's stream failed (e.g. unknown symbol); the row shows it instead of prices. */
  readonly error?: string | undefined;
  /** `watch --bars`: the symbol's forming bar (or the last closed one), if any. */
  readonly bar?: Bar | undefined;
  /** `watch --bars`: why the symbol has no bars (its bars stream failed; the quote goes on). */
  readonly barError?: string | undefined;
}

/** `HH:MM:SS o/h/l/c volume` of a bar (local time of its start), or the bar error, or {@link NONE}. */
export function formatBar(row: QuoteRow): string {
  const { bar } = row;
  if (bar === undefined) return row.barError === undefined ? NONE : 'error';
  return `${formatClock(bar.start)} ${[bar.open, bar.high, bar.low, bar.close].map(formatPrice).join('/')} ${formatVolume(bar.volume)}`;
}

/** One column of the watch table: its title, alignment and cell text (the terminal and the web view share them). */
export interface QuoteColumn {
  readonly title: string;
  readonly align: 'left' | 'right';
  readonly cell: (row: QuoteRow, now: number) => string;
}

const q = (row: QuoteRow): QuoteView => row.quote ?? { symbol: row.symbol };

const ALL_COLUMNS: readonly QuoteColumn[] = [
  { title: 'SYMBOL', align: 'left', cell: (r) => r.symbol },
  { title: 'BID', align: 'right', cell: (r) => formatPrice(q(r).bid) },
  { title: 'ASK', align: 'right', cell: (r) => formatPrice(q(r).ask) },
  { title: 'LAST', align: 'right', cell: (r) => formatPrice(q(r).last) },
  { title: 'CHANGE', align: 'right', cell: (r) => formatChange(q(r).last, q(r).prevClose) },
  { title: 'HIGH', align: 'right', cell: (r) => formatPrice(q(r).currentHigh) },
  { title: 'LOW', align: 'right', cell: (r) => formatPrice(q(r).currentLow) },
  { title: 'VOLUME', align: 'right', cell: (r) => formatVolume(q(r).dayVolume) },
  { title: 'TYPE', align: 'left', cell: (r) => q(r).marketDataType ?? NONE },
  { title: 'AGE', align: 'right', cell: (r, now) => formatAge(q(r).lastUpdate, now) + (q(r).stale === true ? ' STALE' : '') },
  { title: 'TREND', align: 'left', cell: (r) => sparkline(r.recent) },
];

const pad = (text: string, width: number, align: 'left' | 'right'): string =>
  align === 'left' ? text.padEnd(width) : text.padStart(width);

/** The watch table's columns in order: SYMBOL … AGE, then `BAR 1m` with `bars`, then TREND unless `trend: false`. */
export function quoteColumns(options: { readonly trend?: boolean; readonly bars?: string } = {}): readonly QuoteColumn[] {
  const barColumn: readonly QuoteColumn[] = options.bars === undefined ? [] : [{ title: `BAR ${options.bars}`, align: 'left', cell: formatBar }];
  return [...ALL_COLUMNS.slice(0, -1), ...barColumn, ...(options.trend === false ? [] : ALL_COLUMNS.slice(-1))];
}

/**
 * The watch table as lines: a header and one aligned row per symbol (a failed symbol shows its
 * error after its name). Lines are cut to `columns` characters; `trend: false` leaves out the sparkline;
 * `bars: '1m'` adds a `BAR 1m` column (see {@link formatBar}) before it.
 */
export function renderQuoteTable(
  rows: readonly QuoteRow[],
  now: number,
  columns = 200,
  options: { readonly trend?: boolean; readonly bars?: string } = {},
): string[] {
  const COLUMNS = quoteColumns(options);
  const cells = rows.map((row) => COLUMNS.map((c) => c.cell(row, now)));
  const widths = COLUMNS.map((c, i) => Math.max(c.title.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (texts: readonly string[]): string =>
    texts.map((t, i) => pad(t, widths[i] ?? 0, COLUMNS[i]?.align ?? 'left')).join('  ').trimEnd();
  const header = line(COLUMNS.map((c) => c.title));
  const body = rows.map((row, i) =>
    row.error === undefined ? line(cells[i] ?? []) : `${pad(row.symbol, widths[0] ?? 0, 'left')}  error: ${row.error}`,
  );
  return [header, ...body].map((l) => (l.length > columns ? l.slice(0, columns) : l));
}

/**
 * One self-describing line per row for piped output
 * (`AAPL bid=187.10 ask=187.12 last=187.11 change=+0.52 … type=delayed age=0.3s`).
 */
export function renderQuoteLine(row: QuoteRow, now: number): string {
  if (row.error !== undefined) return `${row.symbol} error=${JSON.stringify(row.error)}`;
  const v = q(row);
  const change = formatChange(v.last, v.prevClose).split(' ')[0] ?? NONE;
  return [
    row.symbol,
    `bid=${formatPrice(v.bid)}`,
    `ask=${formatPrice(v.ask)}`,
    `last=${formatPrice(v.last)}`,
    `change=${change}`,
    `high=${formatPrice(v.currentHigh)}`,
    `low=${formatPrice(v.currentLow)}`,
    `volume=${v.dayVolume ?? NONE}`,
    `type=${v.marketDataType ?? NONE}`,
    `age=${formatAge(v.lastUpdate, now)}`,
    ...(v.stale === true ? ['stale'] : []),
    ...(row.bar === undefined && row.barError === undefined ? [] : [`bar=${JSON.stringify(formatBar(row))}`]),
  ].join(' ');
}
