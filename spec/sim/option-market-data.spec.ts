import { EventName, IBApiTickType as TickType, MarketDataType } from '@stoqey/ib';
import { expect } from 'chai';
import { startSimulator, type SimContract, type Simulator, type SimulatorOptions } from '../../lib/sim/index.js';
import { computationsOf, contracts, OptionType, pricesOf, type Computation } from './support/contracts.js';
import { RawClient, stock } from './support/raw-client.js';

const UNDERLYING = 1;
const CALL = 2;
const PUT = 3;

/** The at-the-money call and put of AAPL's first listed expiry. */
const atTheMoney = (s: Simulator): { call: SimContract; put: SimContract } => {
  const options = s.contracts().filter((c) => c.secType === 'OPT' && c.symbol === 'AAPL');
  const expiry = options.map((c) => c.lastTradeDate).sort()[0];
  const strikes = [...new Set(options.map((c) => c.strike))].sort((a, b) => a - b);
  const middle = strikes[Math.floor(strikes.length / 2)];
  const pick = (right: string): SimContract => options.find((c) => c.lastTradeDate === expiry && c.strike === middle && c.right === right)!;
  return { call: pick('C'), put: pick('P') };
};

const defined = (c: Computation): boolean =>
  [c.impliedVol, c.delta, c.optPrice, c.pvDividend, c.gamma, c.vega, c.theta, c.undPrice].every((v) => typeof v === 'number');
const notComputed = (c: Computation): boolean =>
  [c.impliedVol, c.delta, c.optPrice, c.pvDividend, c.gamma, c.vega, c.theta, c.undPrice].every((v) => v === undefined);

describe('Simulator option market data', () => {
  let sim: Simulator | undefined;
  const clients: RawClient[] = [];

  const start = async (opts: SimulatorOptions = {}): Promise<Simulator> => {
    sim = await startSimulator({ port: 0, rateHz: 100, ...opts });
    return sim;
  };
  const client = async (s: Simulator, version?: number): Promise<RawClient> => {
    const c = new RawClient(s.port);
    clients.push(c);
    await c.connect();
    if (version !== undefined) expect(c.api.serverVersion).to.equal(version);
    return c;
  };
  /** AAPL (1), its ATM call by conId (2) and put by fields (3), once each option has `n` model computations. */
  const streamOptions = async (s: Simulator, n: number, delayed = false): Promise<RawClient> => {
    const c = await client(s);
    if (delayed) c.api.reqMarketDataType(MarketDataType.DELAYED);
    const { call, put } = atTheMoney(s);
    c.api.reqMktData(UNDERLYING, stock('AAPL'), '', false, false);
    c.api.reqMktData(CALL, contracts.byConId(call.conId), '', false, false);
    c.api.reqMktData(PUT, contracts.option('AAPL', put.lastTradeDate, put.strike, OptionType.Put), '', false, false);
    const model = delayed ? TickType.DELAYED_MODEL_OPTION : TickType.MODEL_OPTION;
    await c.waitFor(`${n} model computations`, (x) => computationsOf(x, CALL, model).length >= n && computationsOf(x, PUT, model).length >= n, 5000);
    return c;
  };

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await sim?.close();
    sim = undefined;
  });

  it('opens like TWS (58, 81, 46, 45, the book) and adds bid, ask and model computations (10, 11, 13)', async () => {
    const s = await start({ rateHz: 0 });
    const c = await client(s);
    c.api.reqMktData(CALL, contracts.byConId(atTheMoney(s).call.conId), '', false, false);
    await c.waitFor('three computations', (x) => computationsOf(x, CALL).length === 3);
    const names = c.events.filter((e) => e.args[0] === CALL).map((e) => e.name);
    expect(names.slice(0, 4)).to.deep.equal([EventName.marketDataType, EventName.tickReqParams, EventName.tickString, EventName.tickGeneric]);
    expect(c.tickTypes(CALL)).to.include.members([TickType.BID, TickType.ASK, TickType.LAST, TickType.VOLUME, TickType.CLOSE]);
    expect(computationsOf(c, CALL).map((x) => [x.tickType, x.tickAttrib])).to.deep.equal([
      [TickType.BID_OPTION, 0], [TickType.ASK_OPTION, 0], [TickType.MODEL_OPTION, 0],
    ]);
    expect(computationsOf(c, CALL).every(defined)).to.equal(true);
  });

  it('computes Black-Scholes greeks on the underlying\'s simulated price: calls positive, puts negative', async () => {
    const s = await start();
    const c = await streamOptions(s, 5);
    const underlyingLasts = new Set(pricesOf(c, UNDERLYING, TickType.LAST));
    for (const [reqId, sign] of [[CALL, 1], [PUT, -1]] as const) {
      const model = computationsOf(c, reqId, TickType.MODEL_OPTION);
      expect(model.every(defined)).to.equal(true);
      for (const m of model) {
        expect(m.delta! * sign).to.be.within(0, 1);
        expect(m.gamma).to.be.greaterThan(0);
        expect(m.vega).to.be.greaterThan(0);
        expect(m.theta).to.be.lessThan(0);
        expect(m.impliedVol).to.be.within(0.1, 0.6);
        expect(m.pvDividend).to.be.within(0, 1);
        expect(underlyingLasts.has(m.undPrice!), `undPrice ${m.undPrice} is an AAPL last price`).to.equal(true);
      }
      expect(new Set(model.map((m) => m.impliedVol)).size).to.equal(1);
    }
  });

  it('quotes around the model price: bid ≤ model ≤ ask, implied vols from bid and ask bracket the model\'s', async () => {
    const s = await start();
    const c = await streamOptions(s, 5);
    for (const reqId of [CALL, PUT]) {
      const model = computationsOf(c, reqId, TickType.MODEL_OPTION).at(-1)!;
      const bid = pricesOf(c, reqId, TickType.BID).at(-1)!;
      const ask = pricesOf(c, reqId, TickType.ASK).at(-1)!;
      expect(model.optPrice).to.be.within(bid, ask);
      const bidComp = computationsOf(c, reqId, TickType.BID_OPTION).at(-1)!;
      const askComp = computationsOf(c, reqId, TickType.ASK_OPTION).at(-1)!;
      expect(bidComp.optPrice).to.equal(pricesOf(c, reqId, TickType.BID).at(-1));
      expect(askComp.optPrice).to.equal(ask);
      expect(bidComp.impliedVol).to.be.at.most(model.impliedVol!);
      expect(askComp.impliedVol).to.be.at.least(model.impliedVol!);
    }
  });

  it('sends delayed computations (80, 81, 83) to a delayed-only option with type 3', async () => {
    const s = await start({ delayedOnly: ['AAPL'] });
    const c = await streamOptions(s, 2, true);
    const types = new Set(computationsOf(c, CALL).map((x) => x.tickType));
    expect(types).to.deep.equal(new Set([TickType.DELAYED_BID_OPTION, TickType.DELAYED_ASK_OPTION, TickType.DELAYED_MODEL_OPTION]));
    expect(c.errors().filter((e) => e.reqId === CALL).map((e) => e.code)).to.deep.equal([10167]);
    expect(c.of(EventName.marketDataType).find((a) => a[0] === CALL)).to.deep.equal([CALL, 3]);
  });

  it('sends IB\'s "not computed" sentinels on request, and computed values again when switched back', async () => {
    const s = await start({ optionComputation: 'not-computed' });
    const c = await streamOptions(s, 3);
    const model = (): Computation[] => computationsOf(c, CALL, TickType.MODEL_OPTION);
    expect(model().every(notComputed)).to.equal(true);
    s.optionComputation('max-value');
    const seen = model().length;
    await c.waitFor('max-value computations', (x) => computationsOf(x, CALL, TickType.MODEL_OPTION).length >= seen + 3);
    expect(model().every(notComputed)).to.equal(true);
    s.optionComputation('alternate');
    await c.waitFor('alternating computations', (x) => computationsOf(x, CALL, TickType.MODEL_OPTION).slice(seen + 3).some(defined));
    s.optionComputation('computed');
    const before = model().length;
    await c.waitFor('computed again', (x) => computationsOf(x, CALL, TickType.MODEL_OPTION).length >= before + 3);
    expect(model().slice(-2).every(defined)).to.equal(true);
    expect(s.stats().faults).to.deep.equal(['optionComputation:max-value', 'optionComputation:alternate', 'optionComputation:computed']);
  });

  it('answers 200 "ambiguous" for an option request that names several, and decodes at version 150 (no tickAttrib)', async () => {
    const s = await start({ maxServerVersion: 150, rateHz: 0 });
    const c = await client(s, 150);
    c.api.reqMktData(4, contracts.aaplOptions, '', false, false);
    c.api.reqMktData(5, contracts.byConId(atTheMoney(s).put.conId), '', true, false);
    await c.waitForCount(EventName.tickSnapshotEnd);
    expect(c.errors()).to.deep.equal([{ code: 200, reqId: 4, message: 'The contract description specified for AAPL is ambiguous.' }]);
    const snapshot = computationsOf(c, 5);
    expect(snapshot.map((x) => [x.tickType, x.tickAttrib])).to.deep.equal([
      [TickType.BID_OPTION, undefined], [TickType.ASK_OPTION, undefined], [TickType.MODEL_OPTION, undefined],
    ]);
    expect(snapshot.every(defined)).to.equal(true);
    expect(c.events.at(-1)?.name).to.equal(EventName.tickSnapshotEnd);
  });
});
