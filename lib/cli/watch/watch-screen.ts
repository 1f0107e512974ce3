import type { CliIo } from '../cli-io.js';
import { formatClock } from '../render/format.js';
import { renderQuoteLine, renderQuoteTable } from '../render/quote-table.js';
import type { QuoteRow } from '../render/quote-table.js';
import { InPlaceScreen } from '../render/screen.js';

/** Everything one refresh of `watch` shows. */
export interface WatchFrame {
  /** Wall-clock time of the refresh (epoch ms), for tick ages. */
  readonly now: number;
  /** First line: where the data comes from (and SIMULATED under --sim). */
  readonly title: string;
  /** One line per status panel (connection state, health …), in order. */
  readonly status: readonly string[];
  readonly rows: readonly QuoteRow[];
  /** `watch --bars`: the bar size as given (`1m`), for the bar column's title. */
  readonly barsLabel?: string | undefined;
}

/** Draws watch frames: a table redrawn in place on a terminal, or plain lines when piped. */
export interface WatchRenderer {
  readonly render: (frame: WatchFrame) => void;
  readonly end: () => void;
}

/** The terminal renderer: title, status lines, a blank line and the quote table, redrawn in place. */
export function ttyRenderer(io: CliIo): WatchRenderer {
  const screen = new InPlaceScreen(io);
  return {
    render: (frame) => {
      // Every line fits the width: a wrapped line would break the cursor-up redraw.
      const fit = (line: string): string => (line.length > io.columns ? line.slice(0, io.columns) : line);
      const table = renderQuoteTable(frame.rows, frame.now, io.columns, frame.barsLabel === undefined ? {} : { bars: frame.barsLabel });
      screen.draw([frame.title, ...frame.status, '', ...table].map(fit));
    },
    end: () => { screen.end(); },
  };
}

/**
 * The piped renderer: the title once, a status line whenever it changes, and a
 * `HH:MM:SS SYMBOL bid=… ask=…` line for each symbol whose quote changed since the last refresh.
 */
export function plainRenderer(io: CliIo): WatchRenderer {
  let titled = false;
  let status: readonly string[] = [];
  const printed = new Map<string, QuoteRow>();
  return {
    render: (frame) => {
      const clock = formatClock(frame.now);
      let text = '';
      if (!titled) text += `# ${frame.title}\n`;
      titled = true;
      frame.status.forEach((line, i) => {
        if (status[i] !== line) text += `# ${clock} ${line}\n`;
      });
      status = frame.status;
      for (const row of frame.rows) {
        const before = printed.get(row.symbol);
        if (before === row || (row.quote === undefined && row.error === undefined)) continue;
        printed.set(row.symbol, row);
        text += `${clock} ${renderQuoteLine(row, frame.now)}\n`;
      }
      if (text !== '') io.out(text);
    },
    end: () => undefined,
  };
}
