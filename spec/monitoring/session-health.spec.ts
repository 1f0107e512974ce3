import { map, NEVER } from 'rxjs';
import { configure } from 'rxjs-marbles/mocha';
import { parseConfig } from '../../lib/config/index.js';
import type { MonitoredInput } from '../../lib/monitoring/session-health-sources.js';
import type { LiveSubscription } from '../../lib/requests/subscription-registry.js';
import { sessionHealth$ } from '../../lib/monitoring/session-health.js';
import { staleness, states } from './support/health-fixtures.js';
import { tick } from '../support/fixtures.js';

const { marbles } = configure({ run: true });

const aapl: LiveSubscription = { key: 'AAPL', symbol: 'AAPL', contract: { symbol: 'AAPL' }, reqId: 1, generation: 1, dataType: 'realtime' };
const config = parseConfig({ monitoring: { interval_ms: 10 }, market_data: { stale_after_s: 0.015 }, limits: { market_data_lines: 7 } });

// prettier-ignore
describe('sessionHealth$', () => {
  it("uses the session's config: interval, staleness and line budget", marbles((m) => {
    const connectionState$ = m.hot('r-------------------------|', states);
    const subscriptions$   = m.hot('s-------------------------', { s: [aapl] });
    const streamInputs$    = m.hot<MonitoredInput>('--b-----------------------', { b: { key: 'AAPL', step: { input: tick('bid', 101, { reqId: 1, time: 2 }) } } });
    const expected         =       'A---------B---------C-----|';
    const health$ = sessionHealth$({ events$: NEVER, connectionState$, errors$: NEVER, outbound$: NEVER, subscriptions$, streamInputs$, config }, { scheduler: m.scheduler });
    m.expect(health$.pipe(map((h) => `${h.connection.linesInUse}/${h.connection.lineLimit} ${staleness(h)}`)))
      .toBeObservable(expected, { A: '0/7 ', B: '1/7 AAPL', C: '1/7 AAPL*' });
  }));

  it('is shared: one set of upstream subscriptions, and a late subscriber gets the latest snapshot at once', marbles((m) => {
    const connectionState$ = m.hot('r---------s---------|', states);
    const subscriptions$   = m.hot('--------------------', { s: [aapl] });
    const health$ = sessionHealth$({ events$: NEVER, connectionState$, errors$: NEVER, outbound$: NEVER, subscriptions$, streamInputs$: NEVER, config }, { scheduler: m.scheduler }).pipe(map((h) => h.connection.reconnects));
    m.expect(health$).toBeObservable(                'A---------B---------|', { A: 0, B: 1 });
    m.expect(health$, '-----^').toBeObservable(      '-----A----B---------|', { A: 0, B: 1 });
    m.expect(connectionState$).toHaveSubscriptions(['^-------------------!']);
    m.expect(subscriptions$).toHaveSubscriptions(['^-------------------!']);
  }));
});
