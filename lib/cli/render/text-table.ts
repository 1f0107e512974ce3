/** One column of a {@link renderTextTable}: its title, alignment and cell text. */
export interface TextColumn<R> {
  readonly title: string;
  readonly align: 'left' | 'right';
  readonly cell: (row: R) => string;
}

const pad = (text: string, width: number, align: 'left' | 'right'): string => (align === 'left' ? text.padEnd(width) : text.padStart(width));

/**
 * A plain aligned table as lines: a header of titles, then one line per row; columns two spaces
 * apart, each as wide as its widest cell, trailing spaces trimmed, lines cut to `maxWidth`.
 */
export function renderTextTable<R>(columns: readonly TextColumn<R>[], rows: readonly R[], maxWidth = Number.POSITIVE_INFINITY): string[] {
  const cells = rows.map((row) => columns.map((c) => c.cell(row)));
  const widths = columns.map((c, i) => Math.max(c.title.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (texts: readonly string[]): string => texts.map((t, i) => pad(t, widths[i] ?? 0, columns[i]?.align ?? 'left')).join('  ').trimEnd();
  return [line(columns.map((c) => c.title)), ...cells.map(line)].map((l) => (l.length > maxWidth ? l.slice(0, maxWidth) : l));
}
