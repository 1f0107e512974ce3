// The bench's "fast path off" variant (d'): IbConnectionOptions.tickFastPath false really sends
// ticks through @stoqey/ib's decoder, and the session's states are the same as with the fast path.
import { expect } from 'chai';
import { EventName, IBApi } from '@stoqey/ib';
import { firstValueFrom, take, toArray } from 'rxjs';
import { IbConnection } from '../../lib/connection/ib-connection.js';
import type { MarketState } from '../../lib/state/index.js';
import { IbSession } from '../../lib/session/ib-session.js';
import { startSimulator, type Simulator } from '../../lib/sim/index.js';

/** The first `n` states of AAPL from a session with the fast path on or off, and how many tickPrice events the client itself emitted. */
const firstStates = async (sim: Simulator, tickFastPath: boolean, n: number): Promise<{ states: MarketState[]; clientTickPrices: number }> => {
  let clientTickPrices = 0;
  const session = new IbSession(
    { api: { tws_endpoint: sim.host, port: sim.port, client_id: tickFastPath ? 1 : 2 }, market_data: { data_type: 'realtime' } },
    {
      readyTimeoutMs: 100,
      createConnection: (o) =>
        new IbConnection({
          ...o,
          tickFastPath,
          createApi: (a) => {
            const api = new IBApi(a);
            api.on(EventName.tickPrice, () => { clientTickPrices += 1; });
            return api;
          },
        }),
    },
  );
  try {
    const states = await firstValueFrom(session.marketData$('AAPL').pipe(take(n), toArray()), { defaultValue: [] });
    return { states, clientTickPrices };
  } finally {
    await session.close();
  }
};

describe('bench: the tick fast path switch (IbConnectionOptions.tickFastPath)', function () {
  this.timeout(10_000);
  let sim: Simulator;
  beforeEach(async () => { sim = await startSimulator({ port: 0, rateHz: 0, seed: 3 }); });
  afterEach(async () => { await sim.close(); });

  it("decodes ticks with @stoqey/ib's decoder when off, in the frame guard when on, into the same states", async () => {
    const on = await firstStates(sim, true, 4);
    const off = await firstStates(sim, false, 4);
    expect(on.clientTickPrices).to.equal(0, 'with the fast path the client never decodes a tick');
    expect(off.clientTickPrices).to.be.greaterThan(0);
    const quote = (s: MarketState): unknown => ({ bid: s.bid, ask: s.ask, last: s.last, bidSize: s.bidSize, askSize: s.askSize });
    expect(off.states.map(quote)).to.deep.equal(on.states.map(quote));
  });
});
