import { EventName, IBApiTickType as TickType, MarketDataType } from '@stoqey/ib';
import { expect } from 'chai';
import { startSimulator, type Simulator } from '../../lib/sim/index.js';
import type { SimulatorOptions } from '../../lib/sim/index.js';
import { RawClient, stock } from './support/raw-client.js';

const LIVE_IDS = [TickType.BID, TickType.ASK, TickType.LAST, TickType.HIGH, TickType.LOW, TickType.VOLUME, TickType.CLOSE, TickType.OPEN];
const DELAYED_IDS = [
  TickType.DELAYED_BID, TickType.DELAYED_ASK, TickType.DELAYED_LAST, TickType.DELAYED_HIGH, TickType.DELAYED_LOW,
  TickType.DELAYED_VOLUME, TickType.DELAYED_CLOSE, TickType.DELAYED_OPEN,
];

describe('startSimulator', () => {
  let sim: Simulator | undefined;
  const clients: RawClient[] = [];

  const start = async (opts: SimulatorOptions = {}): Promise<Simulator> => {
    sim = await startSimulator({ port: 0, ...opts });
    return sim;
  };
  const client = async (s: Simulator, clientId = 0): Promise<RawClient> => {
    const c = new RawClient(s.port, clientId);
    clients.push(c);
    await c.connect();
    return c;
  };

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await sim?.close();
    sim = undefined;
  });

  describe('handshake', () => {
    it('negotiates min(client max, 200): 193 for @stoqey/ib 1.6.10, on an ephemeral port', async () => {
      const s = await start();
      expect(s.port).to.be.greaterThan(0);
      const c = await client(s);
      expect(c.api.serverVersion).to.equal(193);
      const [version, time] = c.of(EventName.server)[0] ?? [];
      expect(version).to.equal(193);
      expect(time).to.match(/^\d{8} \d\d:\d\d:\d\d UTC$/);
    });

    it('announces a lower maximum when configured, and the client decodes that version', async () => {
      const c = await client(await start({ maxServerVersion: 150 }));
      expect(c.api.serverVersion).to.equal(150);
      await c.waitFor('farm notices', (x) => x.infoCodes().length >= 3);
      expect(c.infoCodes()).to.deep.equal([2104, 2106, 2158]);
    });

    it('sends managedAccounts, nextValidId, then 2104/2106/2158 on the client\'s info event', async () => {
      const c = await client(await start({ accounts: ['DU111', 'DU222'] }));
      await c.waitFor('farm notices', (x) => x.infoCodes().length >= 3);
      expect(c.of(EventName.managedAccounts)).to.deep.equal([['DU111,DU222']]);
      expect(c.of(EventName.nextValidId)).to.deep.equal([[1]]);
      expect(c.infoCodes()).to.deep.equal([2104, 2106, 2158]);
      const order = c.events.map((e) => e.name).filter((n) => ['managedAccounts', 'nextValidId', 'info'].includes(n));
      expect(order).to.deep.equal(['managedAccounts', 'nextValidId', 'info', 'info', 'info']);
      expect(c.errors()).to.deep.equal([]);
    });

    it('answers a second client with the same client id with 326 and closes it; the first stays', async () => {
      const s = await start();
      const first = await client(s, 7);
      const second = new RawClient(s.port, 7);
      clients.push(second);
      second.api.connect();
      await second.waitForCount(EventName.disconnected);
      expect(second.infoCodes()).to.include(326);
      expect(second.of(EventName.nextValidId)).to.deep.equal([]);
      first.api.reqCurrentTime();
      await first.waitForCount(EventName.currentTime);
      expect(s.stats().openConnections).to.equal(1);
    });
  });

  describe('requests', () => {
    it('returns contract details for AAPL, then contractDetailsEnd', async () => {
      const c = await client(await start());
      c.api.reqContractDetails(11, stock('AAPL'));
      await c.waitForCount(EventName.contractDetailsEnd);
      const [[reqId, details]] = c.of(EventName.contractDetails) as [[number, Record<string, unknown> & { contract: Record<string, unknown> }]];
      expect(reqId).to.equal(11);
      expect(details.contract).to.include({ symbol: 'AAPL', secType: 'STK', conId: 265598, exchange: 'SMART', currency: 'USD', primaryExch: 'NASDAQ' });
      expect(details).to.include({ longName: 'APPLE INC', minTick: 0.01, stockType: 'COMMON', timeZoneId: 'US/Eastern', marketName: 'NMS' });
      expect(details['liquidHours']).to.match(/^\d{8}:(CLOSED|0930-\d{8}:1600)(;|$)/);
      expect(c.errors()).to.deep.equal([]);
    });

    it('answers reqCurrentTime with the epoch seconds and reqIds with nextValidId', async () => {
      const c = await client(await start());
      const before = Math.floor(Date.now() / 1000);
      c.api.reqCurrentTime();
      c.api.reqIds(1);
      await c.waitForCount(EventName.currentTime);
      await c.waitForCount(EventName.nextValidId, 2);
      const [[seconds]] = c.of(EventName.currentTime) as [[number]];
      expect(seconds).to.be.within(before, before + 2);
      expect(c.of(EventName.nextValidId)).to.deep.equal([[1], [2]]);
    });

    it('streams live tick ids with marketDataType 1, in gateway order', async () => {
      const c = await client(await start({ rateHz: 50 }));
      c.api.reqMktData(1, stock('MSFT'), '', false, false);
      await c.waitFor('first update after the opening', (x) => x.tickTypes(1).length > 14);
      expect(c.of(EventName.marketDataType)).to.deep.equal([[1, 1]]);
      expect(c.of(EventName.tickReqParams)[0]).to.deep.equal([1, 0, '9c0001', 3]);
      const ids = c.tickTypes(1);
      expect(ids.slice(0, 4)).to.deep.equal([TickType.LAST, TickType.LAST_SIZE, TickType.LAST_SIZE, TickType.VOLUME]);
      expect(ids).to.include.members(LIVE_IDS);
      expect(ids.filter((id) => id >= 50)).to.deep.equal([]);
      const bids = c.of(EventName.tickPrice).filter((a) => a[1] === TickType.BID).map((a) => a[2] as number);
      const asks = c.of(EventName.tickPrice).filter((a) => a[1] === TickType.ASK).map((a) => a[2] as number);
      expect(bids[0]).to.be.within(400, 650);
      expect(asks[0]).to.be.greaterThan(bids[0] ?? Infinity);
    });

    it('sends 10167 and delayed ids 66–76 for a delayed-only symbol with type 3', async () => {
      const c = await client(await start({ delayedOnly: ['TSLA'] }));
      c.api.reqMarketDataType(MarketDataType.DELAYED);
      c.api.reqMktData(2, stock('TSLA'), '', false, false);
      await c.waitFor('delayed opening', (x) => x.tickTypes(2).includes(TickType.DELAYED_ASK_SIZE));
      expect(c.errors()).to.deep.equal([{ code: 10167, reqId: 2, message: 'Requested market data is not subscribed. Displaying delayed market data.' }]);
      expect(c.of(EventName.marketDataType)).to.deep.equal([[2, 3]]);
      const ids = c.tickTypes(2);
      expect(ids).to.include.members([...DELAYED_IDS, TickType.DELAYED_BID_SIZE, TickType.DELAYED_ASK_SIZE, TickType.DELAYED_LAST_SIZE]);
      const [lowest, highest]: number[] = [TickType.DELAYED_BID, TickType.DELAYED_OPEN];
      expect(ids.every((id) => id >= lowest! && id <= highest!)).to.equal(true);
      expect(c.of(EventName.tickString)[0]?.[1]).to.equal(TickType.DELAYED_LAST_TIMESTAMP);
    });

    it('still gives live data (type 1) to a permitted symbol when delayed was asked for', async () => {
      const c = await client(await start({ delayedOnly: ['TSLA'] }));
      c.api.reqMarketDataType(MarketDataType.DELAYED);
      c.api.reqMktData(3, stock('AAPL'), '', false, false);
      await c.waitForCount(EventName.marketDataType);
      expect(c.of(EventName.marketDataType)).to.deep.equal([[3, 1]]);
    });

    it('answers 354 for a delayed-only symbol with type 1 and for an unsubscribed one with type 3', async () => {
      const c = await client(await start({ delayedOnly: ['ALL'], unsubscribed: ['NFLX'] }));
      c.api.reqMktData(4, stock('SPY'), '', false, false);
      await c.waitFor('354', (x) => x.errors().length === 1);
      c.api.reqMarketDataType(MarketDataType.DELAYED_FROZEN);
      c.api.reqMktData(5, stock('NFLX'), '', false, false);
      await c.waitFor('354 again', (x) => x.errors().length === 2);
      expect(c.errors().map((e) => [e.code, e.reqId])).to.deep.equal([[354, 4], [354, 5]]);
      expect(c.tickTypes(4)).to.deep.equal([]);
      expect(c.tickTypes(5)).to.deep.equal([]);
    });

    it('answers 200 for an unknown symbol, for market data and for contract details', async () => {
      const c = await client(await start());
      c.api.reqMktData(6, stock('NOSUCH'), '', false, false);
      c.api.reqContractDetails(7, stock('NOSUCH'));
      await c.waitFor('two 200s', (x) => x.errors().length === 2);
      expect(c.errors().map((e) => [e.code, e.reqId])).to.deep.equal([[200, 6], [200, 7]]);
      expect(c.of(EventName.contractDetailsEnd)).to.deep.equal([]);
    });

    it('answers 322 for a live request id used again and 300 for cancelling an unknown id', async () => {
      const c = await client(await start());
      c.api.reqMktData(8, stock('IBM'), '', false, false);
      c.api.reqMktData(8, stock('AAPL'), '', false, false);
      c.api.cancelMktData(99);
      await c.waitFor('322 and 300', (x) => x.errors().length === 2);
      expect(c.errors().map((e) => [e.code, e.reqId])).to.deep.equal([[322, 8], [300, 99]]);
      expect(sim?.stats().clients[0]?.subscriptions).to.deep.equal([{ reqId: 8, symbol: 'IBM', delayed: false }]);
    });

    it('answers 101 past the ticker limit and frees the line on cancel', async () => {
      const c = await client(await start({ tickerLimit: 2 }));
      c.api.reqMktData(1, stock('AAPL'), '', false, false);
      c.api.reqMktData(2, stock('MSFT'), '', false, false);
      c.api.reqMktData(3, stock('IBM'), '', false, false);
      await c.waitFor('101', (x) => x.errors().length === 1);
      expect(c.errors().map((e) => [e.code, e.reqId])).to.deep.equal([[101, 3]]);
      c.api.cancelMktData(1);
      c.api.reqMktData(4, stock('IBM'), '', false, false);
      await c.waitFor('IBM data', (x) => x.tickTypes(4).length > 0);
      expect(c.errors()).to.have.length(1);
    });

    it('ends a snapshot with tickSnapshotEnd and keeps no subscription', async () => {
      const c = await client(await start());
      c.api.reqMktData(9, stock('GOOGL'), '', true, false);
      await c.waitForCount(EventName.tickSnapshotEnd);
      expect(c.of(EventName.tickSnapshotEnd)).to.deep.equal([[9]]);
      expect(c.tickTypes(9)).to.include.members(LIVE_IDS);
      expect(sim?.stats().clients[0]?.subscriptions).to.deep.equal([]);
      const last = c.events.at(-1);
      expect(last?.name).to.equal(EventName.tickSnapshotEnd);
    });
  });

  describe('field layouts per server version', () => {
    for (const version of [100, 110, 134, 163, 164, 166, 182, 193]) {
      it(`at version ${version} the raw client decodes contract details, ticks and errors without a decoding error`, async () => {
        const c = await client(await start({ maxServerVersion: version }));
        expect(c.api.serverVersion).to.equal(version);
        c.api.reqContractDetails(1, stock('IBM'));
        c.api.reqMktData(2, stock('IBM'), '', true, false);
        c.api.cancelMktData(3);
        await c.waitForCount(EventName.contractDetailsEnd);
        await c.waitForCount(EventName.tickSnapshotEnd);
        await c.waitFor('300', (x) => x.errors().length === 1);
        expect(c.errors().map((e) => [e.code, e.reqId])).to.deep.equal([[300, 3]]);
        const [[, details]] = c.of(EventName.contractDetails) as [[number, { contract: { conId: number }; longName: string }]];
        expect(details.contract.conId).to.equal(8314);
        expect(details.longName).to.equal('INTL BUSINESS MACHINES CORP');
        expect(c.tickTypes(2)).to.include.members(LIVE_IDS);
      });
    }
  });

  describe('stats', () => {
    it('counts what the client sent, per request id and symbol', async () => {
      const s = await start({ delayedOnly: ['TSLA'] });
      const c = await client(s, 5);
      c.api.reqMarketDataType(MarketDataType.DELAYED);
      c.api.reqMktData(1, stock('AAPL'), '', false, false);
      c.api.reqMktData(2, stock('TSLA'), '', false, false);
      c.api.cancelMktData(1);
      c.api.reqCurrentTime();
      await c.waitForCount(EventName.currentTime);
      const stats = s.stats();
      expect(stats).to.include({ connections: 1, openConnections: 1, reqMktData: 2, cancelMktData: 1, reqMarketDataType: 1 });
      const [one] = stats.clients;
      expect(one).to.include({ clientId: 5, serverVersion: 193, marketDataType: 3, reqCurrentTime: 1 });
      expect(one?.requests).to.deep.equal([
        { reqId: 1, symbol: 'AAPL', snapshot: false, marketDataType: 3, outcome: 'live' },
        { reqId: 2, symbol: 'TSLA', snapshot: false, marketDataType: 3, outcome: 'delayed' },
      ]);
      expect(one?.cancels).to.deep.equal([1]);
      expect(one?.subscriptions).to.deep.equal([{ reqId: 2, symbol: 'TSLA', delayed: true }]);
      expect(one?.ticksSent).to.be.greaterThan(10);
    });
  });
});
