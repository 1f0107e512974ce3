// IbSession.close() against the simulator: every cancel reaches the gateway, however small the pacing budget.
import { expect } from 'chai';
import { startSimulator } from '../../lib/sim/index.js';
import { simSession, waitUntil } from './sim-session.js';

describe('IbSession.close (pacing)', () => {
  it('waits until every cancel is written before it disconnects, even when they exceed the pacing budget', async function () {
    this.timeout(20_000);
    const symbols = Array.from({ length: 12 }, (_, i) => `C${String(i).padStart(2, '0')}`);
    const sim = await startSimulator({ port: 0, rateHz: 5, symbols });
    try {
      const session = simSession(sim, { limits: { max_messages_per_s: 6 } });
      const subs = symbols.map((symbol) => session.marketData$(symbol).subscribe({ error: (e: unknown) => { throw e; } }));
      await waitUntil(() => sim.stats().clients.some((c) => c.subscriptions.length === 12), 10_000, 'twelve subscriptions');
      await session.close();
      await waitUntil(() => sim.stats().openConnections === 0, 5000, 'the socket to close');
      const client = sim.stats().clients.at(-1);
      expect(client?.cancelMktData).to.equal(12, 'every cancel reached the gateway');
      expect(client?.subscriptions).to.deep.equal([]);
      subs.forEach((sub) => { sub.unsubscribe(); });
    } finally {
      await sim.close();
    }
  });
});
