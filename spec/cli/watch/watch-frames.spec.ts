import { marbles } from 'rxjs-marbles/mocha';
import { watchFrames$ } from '../../../lib/cli/watch/watch-frames.js';
import type { WatchFrame } from '../../../lib/cli/watch/watch-screen.js';
import type { QuoteRow } from '../../../lib/cli/render/quote-table.js';

const rows: Record<string, readonly QuoteRow[]> = { a: [{ symbol: 'A', recent: [] }], b: [{ symbol: 'B', recent: [] }] };
const lines: Record<string, string> = { s: 'connection: connecting', t: 'connection: connected' };

// prettier-ignore
describe('watchFrames$', () => {
  it('draws at once, every refresh period, and at every status change', marbles((m) => {
    const rows$   = m.cold('a---b--------', rows);
    const status$ = m.cold('s------t-----', lines);
    const refreshMs = m.time('---|');
    const frame = (at: string, r: string, s: string): WatchFrame => ({ now: m.time(`${at}|`), title: 'T', status: [lines[s]!], rows: rows[r]! });
    const frames$ = watchFrames$({ title: 'T', rows$, status$: [status$], refreshMs, scheduler: m.scheduler });
    m.expect(frames$, '^------------!').toBeObservable('A--B--CD-E--F', {
      A: frame('', 'a', 's'),
      B: frame('---', 'a', 's'),
      C: frame('------', 'b', 's'),
      D: frame('-------', 'b', 't'),
      E: frame('---------', 'b', 't'),
      F: frame('------------', 'b', 't'),
    });
  }));

  it('has no status lines when there are no status panels, and errors when the rows error', marbles((m) => {
    const rows$ = m.cold('a-#', rows, new Error('boom'));
    const frames$ = watchFrames$({ title: 'T', rows$, status$: [], refreshMs: m.time('-|'), scheduler: m.scheduler });
    m.expect(frames$).toBeObservable('AB#', {
      A: { now: 0, title: 'T', status: [], rows: rows.a! },
      B: { now: m.time('-|'), title: 'T', status: [], rows: rows.a! },
    }, new Error('boom'));
  }));
});
