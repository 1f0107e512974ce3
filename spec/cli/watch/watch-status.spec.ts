import { expect } from 'chai';
import { firstValueFrom, NEVER, of, take, toArray } from 'rxjs';
import type { CliSession } from '../../../lib/cli/cli-session.js';
import { watchStatusLines } from '../../../lib/cli/watch/watch-status.js';
import type { SessionHealth } from '../../../lib/monitoring/health.js';
import { sessionHealth, streamHealth } from '../../monitoring/support/health-fixtures.js';

const rejected = (): Promise<never> => Promise.reject(new Error('not used by watchStatusLines'));

/** A CLI session port with only what the status lines read; `health$` as given (absent for fakes). */
function port(health$?: CliSession['health$']): CliSession {
  return {
    marketData$: () => NEVER,
    ticks$: () => NEVER,
    snapshot: rejected,
    contractDetails: rejected,
    searchSymbols: rejected,
    historicalBars: rejected,
    bars$: () => NEVER,
    connection$: of({ phase: 'connected', reconnects: 1 }),
    health$,
    fatal$: NEVER,
    close: () => Promise.resolve(),
  };
}

describe('watchStatusLines', () => {
  it('shows the health line of any session port with health$ (a remote one has no ibSession)', async () => {
    const health: SessionHealth = sessionHealth({ streams: [streamHealth('AAPL', { stale: true })] });
    const lines = watchStatusLines(port(of(health)));
    expect(lines).to.have.length(2);
    const [connection, summary] = await Promise.all(lines.map((line$) => firstValueFrom(line$.pipe(take(2), toArray()), { defaultValue: [] })));
    expect(connection?.[1]).to.match(/^connection: connected/);
    expect(summary).to.deep.equal(['health: starting', 'health: ready · reconnects 0 · lines 1/100 · stale: AAPL']);
  });

  it('shows only the connection line without health$', () => {
    expect(watchStatusLines(port())).to.have.length(1);
  });
});
