import { expect } from 'chai';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../lib/sim/index.js';
import { errorFor, finished, MONDAY_MORNING, reqBars, type BarsRequest } from './support/history.js';
import { RawClient, stock } from './support/raw-client.js';

const PACING = 'Historical Market Data Service error message:Historical data request pacing violation';
/** IB's windows × 0.01: identical 150 ms, burst 20 ms, long window 6 s. */
const SCALED = { historicalPacing: { scale: 0.01 } } as const;
const SCALED_IDENTICAL_MS = 150;
/** Let the client send its bursts at once (its own limit is 40 messages a second). */
const UNTHROTTLED = 10_000;
const SMALL: BarsRequest = { barSize: '5 secs', duration: '60 S' };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('Simulator historical pacing', () => {
  let sim: Simulator | undefined;
  const clients: RawClient[] = [];

  const start = async (opts: SimulatorOptions = {}): Promise<Simulator> => {
    sim = await startSimulator({ port: 0, marketTime: MONDAY_MORNING, ...opts });
    return sim;
  };
  const client = async (s: Simulator): Promise<RawClient> => {
    const c = new RawClient(s.port, 0, UNTHROTTLED);
    clients.push(c);
    await c.connect();
    return c;
  };
  /** The codes each request got: 0 for bars, else its error code. */
  const outcomes = (s: Simulator): number[] =>
    (s.stats().clients[0]?.historicalRequests ?? []).map((r) => ('bars' in r ? 0 : r.error));

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await sim?.close();
    sim = undefined;
  });

  it('refuses an identical small-bar request within the (scaled) 15 s with 162, and takes it after', async () => {
    const s = await start(SCALED);
    const c = await client(s);
    reqBars(c, 1, SMALL);
    reqBars(c, 2, SMALL);
    expect((await errorFor(c, 2)).message).to.equal(PACING);
    await sleep(SCALED_IDENTICAL_MS);
    reqBars(c, 3, SMALL);
    await finished(c, 3);
    expect(outcomes(s)).to.deep.equal([0, 162, 0]);
    expect(s.stats().clients[0]?.historicalRequests[1]).to.deep.include({ error: 162, pacingRule: 'identical' });
    expect(s.stats().historicalPacingViolations).to.equal(1);
  });

  it('allows five requests for one contract / exchange / tick type in the short window; the sixth violates', async () => {
    const s = await start();
    const c = await client(s);
    for (let i = 1; i <= 6; i++) reqBars(c, i, { ...SMALL, duration: `${60 + i} S` });
    reqBars(c, 7, { ...SMALL, whatToShow: 'MIDPOINT' });
    reqBars(c, 8, { ...SMALL, contract: stock('MSFT') });
    await finished(c, 8);
    expect(outcomes(s)).to.deep.equal([0, 0, 0, 0, 0, 162, 0, 0]);
    expect(s.stats().clients[0]?.historicalRequests[5]).to.deep.include({ pacingRule: 'burst' });
  });

  it('counts BID_ASK twice', async () => {
    const s = await start();
    const c = await client(s);
    for (let i = 1; i <= 3; i++) reqBars(c, i, { ...SMALL, duration: `${60 + i} S`, whatToShow: 'BID_ASK' });
    await errorFor(c, 3);
    expect(outcomes(s)).to.deep.equal([0, 0, 162]);
  });

  it('allows 60 small-bar requests in the long window (scaled 10 minutes), then refuses', async () => {
    const s = await start({ historicalPacing: { ...SCALED.historicalPacing, burstMax: 1_000 } });
    const c = await client(s);
    for (let i = 1; i <= 61; i++) reqBars(c, i, { ...SMALL, duration: `${60 + i} S` });
    await errorFor(c, 61);
    expect(outcomes(s).filter((o) => o === 0)).to.have.length(60);
    expect(s.stats().clients[0]?.historicalRequests[60]).to.deep.include({ error: 162, pacingRule: 'window' });
  });

  it('leaves bars of a minute or more out of the time rules', async () => {
    const s = await start();
    const c = await client(s);
    for (let i = 1; i <= 8; i++) reqBars(c, i, { barSize: '1 min', duration: '1800 S' });
    await finished(c, 8);
    expect(s.stats().historicalPacingViolations).to.equal(0);
  });

  it('refuses the 51st open request of a connection (keepUpToDate ones stay open); a cancel frees one', async () => {
    const s = await start({ historical: { updateIntervalMs: 60_000 } });
    const c = await client(s);
    for (let i = 1; i <= 51; i++) reqBars(c, i, { barSize: '1 min', duration: '1800 S', keepUpToDate: true });
    expect((await errorFor(c, 51)).message).to.equal(PACING);
    expect(s.stats().barSubscriptions).to.equal(50);
    expect(s.stats().clients[0]?.historicalRequests[50]).to.deep.include({ pacingRule: 'open' });
    c.api.cancelHistoricalData(1);
    reqBars(c, 52, { barSize: '1 hour', duration: '1 D' });
    await finished(c, 52);
  });

  it('counts requests waiting for an answer as open (latency)', async () => {
    const s = await start({ historical: { latencyMs: 200 }, historicalPacing: { maxOpen: 3 } });
    const c = await client(s);
    for (let i = 1; i <= 4; i++) reqBars(c, i, { barSize: '1 hour', duration: `${i} D` });
    expect((await errorFor(c, 4)).message).to.equal(PACING);
    await finished(c, 3);
    const records = s.stats().clients[0]?.historicalRequests ?? [];
    expect(records.map((r) => [r.reqId, 'bars' in r ? 0 : r.error])).to.deep.equal([[4, 162], [1, 0], [2, 0], [3, 0]]);
  });

  it('refuses nothing with pacing off', async () => {
    const s = await start({ historicalPacing: { enabled: false } });
    const c = await client(s);
    for (let i = 1; i <= 10; i++) reqBars(c, i, SMALL);
    await finished(c, 10);
    expect(s.stats().historicalPacingViolations).to.equal(0);
  });
});
