import { expect } from 'chai';
import { renderQuoteLine, renderQuoteTable } from '../../../lib/cli/render/quote-table.js';
import type { QuoteRow } from '../../../lib/cli/render/quote-table.js';

const row: QuoteRow = {
  symbol: 'AAPL',
  quote: { symbol: 'AAPL', bid: 100, ask: 100.5, last: 100.25, prevClose: 99.25, currentHigh: 101, currentLow: 99,
    dayVolume: 15000, marketDataType: 'delayed', lastUpdate: 1000, stale: false },
  recent: [1, 2, 3],
};

describe('renderQuoteTable', () => {
  it('prints a header and one aligned row per symbol with change, type, age and sparkline', () => {
    const [header, line, ...rest] = renderQuoteTable([row], 3500);
    expect(header).to.match(/^SYMBOL\s+BID\s+ASK\s+LAST\s+CHANGE\s+HIGH\s+LOW\s+VOLUME\s+TYPE\s+AGE\s+TREND$/);
    expect(line).to.match(/^AAPL\s+100\.00\s+100\.50\s+100\.25\s+\+1\.00 \+1\.01%\s+101\.00\s+99\.00\s+15\.0k\s+delayed\s+2\.5s\s+▁▅█$/);
    expect(rest).to.deep.equal([]);
    expect(header!.indexOf('TYPE')).to.equal(line!.indexOf('delayed'));
  });

  it('shows dashes before the first tick, STALE for interrupted data, and a failed symbol\'s error', () => {
    const lines = renderQuoteTable(
      [{ symbol: 'MSFT', recent: [] }, { ...row, quote: { ...row.quote!, stale: true } }, { symbol: 'ZZZZ', recent: [], error: 'SymbolNotFoundError: no' }],
      3500,
    );
    expect(lines[1]).to.match(/^MSFT\s+-\s+-\s+-/);
    expect(lines[2]).to.include('STALE');
    expect(lines[3]).to.match(/^ZZZZ\s+error: SymbolNotFoundError: no$/);
  });

  it('cuts lines to the terminal width', () => {
    for (const line of renderQuoteTable([row], 0, 20)) expect(line.length).to.be.at.most(20);
  });
});

describe('renderQuoteTable with --bars', () => {
  it('adds a BAR column before the trend: the bar\'s local start time, o/h/l/c and volume', () => {
    const start = new Date(2025, 11, 1, 9, 31, 0).getTime();
    const withBar: QuoteRow = { ...row, bar: { start, end: start + 60_000, open: 100, high: 101, low: 99.5, close: 100.5, volume: 12_345, trades: 9 } };
    const [header, line, failed] = renderQuoteTable([withBar, { symbol: 'MSFT', recent: [], barError: 'boom' }], 3500, 200, { bars: '1 min' });
    expect(header).to.match(/\s+AGE\s+BAR 1 min\s+TREND$/);
    expect(line).to.match(/\s+2\.5s\s+09:31:00 100\.00\/101\.00\/99\.50\/100\.50 12\.3k\s+▁▅█$/);
    expect(failed).to.match(/\s+error$/);
  });

  it('adds bar=… to the piped line when the row has a bar', () => {
    const start = new Date(2025, 11, 1, 9, 31, 0).getTime();
    const line = renderQuoteLine({ ...row, bar: { start, end: start + 60_000, open: 100, high: 101, low: 99.5, close: 100.5, volume: 10, trades: 9 } }, 1500);
    expect(line).to.match(/ age=0\.5s bar="09:31:00 100\.00\/101\.00\/99\.50\/100\.50 10"$/);
  });
});

describe('renderQuoteLine', () => {
  it('prints one key=value line per symbol for piped output', () => {
    expect(renderQuoteLine(row, 1500)).to.equal(
      'AAPL bid=100.00 ask=100.50 last=100.25 change=+1.00 high=101.00 low=99.00 volume=15000 type=delayed age=0.5s',
    );
    expect(renderQuoteLine({ symbol: 'Z', recent: [], error: 'bad' }, 0)).to.equal('Z error="bad"');
  });
});
