import { expect } from 'chai';
import { BehaviorSubject, firstValueFrom, take, toArray } from 'rxjs';
import type { SessionHealth } from '../../../lib/monitoring/health.js';
import { attachMetricsToWatch, healthLine$, healthSummary } from '../../../lib/cli/watch/watch-monitoring.js';
import { sessionHealth, streamHealth } from '../../monitoring/support/health-fixtures.js';
import { httpGet } from '../../monitoring/support/http-get.js';
import { parsePromText } from '../../monitoring/support/prom-text.js';

describe('healthSummary', () => {
  it('says state, reconnects, lines in use and the stale symbols in one line', () => {
    const health = sessionHealth({ connection: { reconnects: 2, lineLimit: 100 }, streams: [streamHealth('AAPL'), streamHealth('MSFT', { stale: true })] });
    expect(healthSummary(health)).to.equal('health: ready · reconnects 2 · lines 2/100 · stale: MSFT');
  });

  it('names why a connected session cannot deliver data', () => {
    expect(healthSummary(sessionHealth({ connection: { link: 'lost', interrupted: true } }))).to.match(/^health: link lost \(1100\) · reconnects 0 · lines 0\/100 · stale: none$/);
    expect(healthSummary(sessionHealth({ connection: { brokenFarms: ['usfarm'], interrupted: true } }))).to.contain('farm broken: usfarm');
    expect(healthSummary(sessionHealth({ connection: { status: 'reconnecting', ready: false, interrupted: true } }))).to.contain('health: reconnecting');
  });
});

describe('healthLine$', () => {
  it('emits a placeholder at once, then one summary per snapshot', async () => {
    const health$ = new BehaviorSubject<SessionHealth>(sessionHealth());
    const lines = await firstValueFrom(healthLine$({ health$ }).pipe(take(2), toArray()), { defaultValue: [] });
    expect(lines).to.deep.equal(['health: starting', 'health: ready · reconnects 0 · lines 0/100 · stale: none']);
  });
});

describe('attachMetricsToWatch', () => {
  it('serves the session metrics at /metrics until closed', async () => {
    const health$ = new BehaviorSubject<SessionHealth>(sessionHealth({ connection: { reconnects: 1 } }));
    const metrics = await attachMetricsToWatch({ health$ }, { port: 0 });
    try {
      expect(metrics.url).to.equal(`http://127.0.0.1:${metrics.port}/metrics`);
      const text = parsePromText((await httpGet(metrics.url)).body);
      expect(text.samples.find((s) => s.name === 'ib_rx_reconnects_total')?.value).to.equal(1);
    } finally {
      await metrics.close();
    }
    expect(health$.observed).to.equal(false);
  });

  it('stops collecting when the port cannot be bound', async () => {
    const health$ = new BehaviorSubject<SessionHealth>(sessionHealth());
    const first = await attachMetricsToWatch({ health$ }, { port: 0 });
    try {
      let error: unknown;
      await attachMetricsToWatch({ health$ }, { port: first.port }).catch((caught: unknown) => { error = caught; });
      expect(error).to.have.property('code', 'EADDRINUSE');
    } finally {
      await first.close();
    }
    expect(health$.observed).to.equal(false);
  });
});
