import { expect } from 'chai';
import type { CliIo } from '../../../lib/cli/cli-io.js';
import { plainRenderer, ttyRenderer } from '../../../lib/cli/watch/watch-screen.js';
import type { WatchFrame } from '../../../lib/cli/watch/watch-screen.js';
import type { QuoteRow } from '../../../lib/cli/render/quote-table.js';

const fakeIo = (): CliIo & { text: () => string } => {
  const chunks: string[] = [];
  return { out: (t) => chunks.push(t), err: (t) => chunks.push(t), isTty: false, columns: 120, env: {}, text: () => chunks.join('') };
};
const row = (last: number): QuoteRow => ({ symbol: 'AAPL', quote: { symbol: 'AAPL', last, lastUpdate: 0 }, recent: [last] });
const frame = (rows: readonly QuoteRow[], status = ['connection: connected']): WatchFrame => ({
  now: 0, title: 'ib-rx watch: SIMULATED data', status, rows,
});

describe('plainRenderer', () => {
  it('prints the title once, status changes, and only the rows that changed', () => {
    const io = fakeIo();
    const renderer = plainRenderer(io);
    const first = row(10);
    renderer.render(frame([first, { symbol: 'MSFT', recent: [] }]));
    renderer.render(frame([first]));
    renderer.render(frame([row(11)], ['connection: reconnecting (attempt 1)']));
    const lines = io.text().trimEnd().split('\n');
    expect(lines).to.have.length(5);
    expect(lines[0]).to.equal('# ib-rx watch: SIMULATED data');
    expect(lines[1]).to.match(/^# \d\d:\d\d:\d\d connection: connected$/);
    expect(lines[2]).to.match(/^\d\d:\d\d:\d\d AAPL bid=- ask=- last=10\.00 /);
    expect(lines[3]).to.match(/connection: reconnecting \(attempt 1\)$/);
    expect(lines[4]).to.match(/AAPL .*last=11\.00/);
    expect(io.text()).not.to.include('\u001b[');
  });
});

describe('ttyRenderer', () => {
  it('redraws the block in place: cursor up by the previous height, then clears below', () => {
    const io = fakeIo();
    const renderer = ttyRenderer(io);
    renderer.render(frame([row(10)]));
    const firstDraw = io.text();
    renderer.render(frame([row(11)]));
    renderer.end();
    const secondDraw = io.text().slice(firstDraw.length);
    expect(firstDraw).to.include('ib-rx watch: SIMULATED data');
    expect(firstDraw).not.to.include('\u001b[5F');
    expect(secondDraw.startsWith('\u001b[5F')).to.be.true;
    expect(secondDraw).to.include('11.00');
    expect(secondDraw.endsWith('\u001b[?25h')).to.be.true;
  });
});
