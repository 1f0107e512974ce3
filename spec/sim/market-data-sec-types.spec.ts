import { EventName, IBApiTickType as TickType } from '@stoqey/ib';
import type { Contract } from '@stoqey/ib';
import { expect } from 'chai';
import { startSimulator, type Simulator } from '../../lib/sim/index.js';
import { waitUntil } from '../support/wait-until.js';
import { contracts, pricesOf } from './support/contracts.js';
import { RawClient } from './support/raw-client.js';

const onGrid = (price: number, tick: number): boolean => Math.abs(price / tick - Math.round(price / tick)) < 1e-6;
const tickPriceTypes = (c: RawClient, reqId: number): Set<number> =>
  new Set(c.of(EventName.tickPrice).filter((a) => a[0] === reqId).map((a) => a[1] as number));
const tickSizes = (c: RawClient, reqId: number): (readonly unknown[])[] => c.of(EventName.tickSize).filter((a) => a[0] === reqId);

/** Active sockets and servers (`process.getActiveResourcesInfo()`), for the leak check. */
const netHandles = (): number => process.getActiveResourcesInfo().filter((k) => k === 'TCPSocketWrap' || k === 'TCPServerWrap').length;

describe('Simulator market data per secType', () => {
  let sim: Simulator | undefined;
  let c: RawClient | undefined;

  /** Streams one contract as request 1 until `updates` ticks arrived. */
  const stream = async (contract: Contract, updates = 40): Promise<RawClient> => {
    sim = await startSimulator({ port: 0, rateHz: 200 });
    c = new RawClient(sim.port);
    await c.connect();
    c.api.reqMktData(1, contract, '', false, false);
    await c.waitFor(`${updates} ticks`, (x) => x.tickTypes(1).length >= updates);
    return c;
  };

  afterEach(async () => {
    await c?.close();
    await sim?.close();
    c = undefined;
    sim = undefined;
  });

  it('forex (EUR.USD): quotes in half pips with sizes, high / low / close / open, no last and no volume', async () => {
    const x = await stream(contracts.eurUsd);
    expect(tickPriceTypes(x, 1)).to.deep.equal(new Set([TickType.BID, TickType.ASK, TickType.HIGH, TickType.LOW, TickType.CLOSE, TickType.OPEN]));
    expect(new Set(tickSizes(x, 1).map((a) => a[1]))).to.deep.equal(new Set([TickType.BID_SIZE, TickType.ASK_SIZE]));
    const quotes = [...pricesOf(x, 1, TickType.BID), ...pricesOf(x, 1, TickType.ASK)];
    expect(quotes.every((p) => p > 1 && p < 1.2 && onGrid(p, 0.000_05))).to.equal(true);
    expect(quotes.some((p) => !onGrid(p, 0.0001))).to.equal(true);
  });

  it('index (SPX): a value (last) with high / low / close / open, no quotes, sizes or volume', async () => {
    const x = await stream(contracts.spx, 15);
    expect(tickPriceTypes(x, 1)).to.deep.equal(new Set([TickType.LAST, TickType.HIGH, TickType.LOW, TickType.CLOSE, TickType.OPEN]));
    // The only sizes are @stoqey/ib's synthetic LAST_SIZE 0 after each LAST.
    expect(tickSizes(x, 1).every((a) => a[1] === TickType.LAST_SIZE && a[2] === 0)).to.equal(true);
    expect(pricesOf(x, 1, TickType.LAST).every((p) => p > 5000 && p < 8000)).to.equal(true);
  });

  it('future (ES, front month by contract month): everything a stock has, on a 0.25 grid', async () => {
    sim = await startSimulator({ port: 0, rateHz: 0 });
    const front = sim.contracts().find((k) => k.secType === 'FUT');
    await sim.close();
    const x = await stream({ ...contracts.es, lastTradeDateOrContractMonth: front?.contractMonth ?? '' });
    expect(tickPriceTypes(x, 1)).to.include.members([TickType.BID, TickType.ASK, TickType.LAST, TickType.HIGH, TickType.LOW, TickType.CLOSE, TickType.OPEN]);
    expect(x.tickTypes(1)).to.include(TickType.VOLUME);
    const prices = x.of(EventName.tickPrice).filter((a) => a[0] === 1).map((a) => a[2] as number);
    expect(prices.every((p) => onGrid(p, 0.25) && p > 5000)).to.equal(true);
  });

  it('leaves no socket or server behind after the client and the simulator close', async () => {
    const before = netHandles();
    const x = await stream(contracts.byConId(12_087_792), 10);
    x.api.reqMktData(2, contracts.spx, '', false, false);
    x.api.reqContractDetails(3, contracts.es);
    x.api.reqMatchingSymbols(4, 'A');
    await x.waitForCount(EventName.symbolSamples);
    await x.close();
    await sim?.close();
    expect(sim?.stats().openConnections).to.equal(0);
    await waitUntil(() => netHandles() === before, 2000, 'sockets and servers closed');
  });
});
