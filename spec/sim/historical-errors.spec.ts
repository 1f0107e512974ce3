import { EventName, WhatToShow } from '@stoqey/ib';
import { expect } from 'chai';
import { simHarness } from './support/sim-harness.js';
import { barsOf, errorFor, finished, MONDAY_MORNING, reqBars, type BarsRequest } from './support/history.js';
import { stock } from './support/raw-client.js';

const HMDS = 'Historical Market Data Service error message:';
/** Clients send reqHeadTimestamp from this server version on. */
const REQ_HEAD_TIMESTAMP_VERSION = 118;
/** 1980-12-12 09:30 New York, AAPL's head timestamp. */
const AAPL_HEAD_S = Date.UTC(1980, 11, 12, 14, 30) / 1000;

describe('Simulator historical data: errors, head timestamp, stats, layouts', () => {
  const { start, client, closeAll } = simHarness({ marketTime: MONDAY_MORNING });

  afterEach(closeAll);

  describe('refusals, as TWS words them', () => {
    const cases: readonly (readonly [string, BarsRequest, number, string | RegExp])[] = [
      ['a bar size TWS does not know', { barSize: '7 mins' }, 321, /bar size setting is invalid\. Legal ones are: 1 secs, 5 secs, .*, 1 day, 1W, 1M$/],
      ['a malformed duration', { duration: '1 day' }, 321, /duration format is invalid/],
      ['more 1-second bars than 1800 S', { barSize: '1 secs', duration: '2000 S' }, 162, `${HMDS}Time length exceed max.`],
      ['1-minute bars over 2 D', { barSize: '1 min', duration: '2 D' }, 162, `${HMDS}Time length exceed max.`],
      ['keepUpToDate with an end date', { keepUpToDate: true, end: '20251128-21:00:00' }, 321, /End date not supported with live updates/],
      ['keepUpToDate with bars under 5 s', { keepUpToDate: true, barSize: '1 secs', duration: '60 S' }, 162, /Live updates are not available for bars of 1 secs/],
      ['an unknown whatToShow', { whatToShow: 'LAST' }, 321, /what to show is invalid: 'LAST'/],
      ['a whatToShow it does not simulate', { whatToShow: 'FEE_RATE' }, 162, `${HMDS}HMDS query returned no data: AAPL@SMART Fee_rate`],
      ['an end date TWS cannot read', { end: '2025-11-28 16:00' }, 10314, /^End Date\/Time: The date, time, or time-zone entered is invalid/],
      ['an unknown contract', { contract: stock('NOPE.X') }, 200, 'No security definition has been found for the request'],
    ];
    for (const [what, request, code, text] of cases) {
      it(`answers ${code} for ${what}, and no bars`, async () => {
        const c = await client(await start({ symbols: ['AAPL'] }));
        reqBars(c, 1, request);
        const e = await errorFor(c, 1);
        expect(e.code).to.equal(code);
        if (typeof text === 'string') expect(e.message).to.equal(text);
        else expect(e.message).to.match(text);
        expect(c.of(EventName.historicalData)).to.deep.equal([]);
      });
    }

    it('warns with 2174 for an end date without a time zone, then answers', async () => {
      const c = await client(await start());
      reqBars(c, 1, { end: '20251128 21:00:00', barSize: '1 hour' });
      await finished(c, 1);
      expect(c.errors().map((e) => [e.reqId, e.code])).to.deep.equal([[1, 2174]]);
      expect(barsOf(c, 1).map((b) => b.time).pop()).to.equal('20251128 15:00:00 US/Eastern');
    });

    it('answers "no data" for a span without sessions (a Sunday, regular hours)', async () => {
      const c = await client(await start());
      reqBars(c, 1, { end: '20251130-18:00:00', duration: '3600 S', barSize: '1 min' });
      expect((await errorFor(c, 1)).message).to.equal(`${HMDS}HMDS query returned no data: AAPL@SMART Trades`);
    });
  });

  describe('reqHeadTimestamp', () => {
    it('answers the earliest data date: text for formatDate 1, epoch seconds for 2; 200 for an unknown contract', async () => {
      const c = await client(await start({ symbols: ['AAPL'] }));
      c.api.reqHeadTimestamp(1, stock('AAPL'), WhatToShow.TRADES, true, 1);
      c.api.reqHeadTimestamp(2, stock('AAPL'), WhatToShow.MIDPOINT, false, 2);
      c.api.reqHeadTimestamp(3, stock('NOPE.X'), WhatToShow.TRADES, true, 1);
      await c.waitForCount(EventName.headTimestamp, 2);
      expect(c.of(EventName.headTimestamp)).to.deep.equal([[1, '19801212 09:30:00 US/Eastern'], [2, String(AAPL_HEAD_S)]]);
      expect((await errorFor(c, 3)).code).to.equal(200);
    });

    it('never answers bars from before it', async () => {
      const c = await client(await start());
      reqBars(c, 1, { end: '19801215-21:00:00', duration: '1 W', barSize: '1 day' });
      await finished(c, 1);
      expect(barsOf(c, 1).map((b) => b.time)).to.deep.equal(['19801212', '19801215']);
    });
  });

  describe('stats', () => {
    it('counts historical requests, cancels and head timestamps per client, with each answer', async () => {
      const s = await start();
      const c = await client(s);
      reqBars(c, 1, { duration: '1800 S' });
      reqBars(c, 2, { barSize: '7 mins' });
      c.api.reqHeadTimestamp(3, stock('AAPL'), WhatToShow.TRADES, true, 2);
      c.api.cancelHistoricalData(4);
      await finished(c, 1);
      await errorFor(c, 4, 366);
      const stats = s.stats();
      expect(stats).to.include({ reqHistoricalData: 2, cancelHistoricalData: 1, reqHeadTimestamp: 1, historicalPacingViolations: 0, barSubscriptions: 0, hmds: 'ok' });
      const records = stats.clients[0]?.historicalRequests ?? [];
      expect(records.map((r) => [r.kind, r.reqId, 'bars' in r ? r.bars : -r.error])).to.deep.equal([
        ['historicalData', 1, 7], ['historicalData', 2, -321], ['headTimestamp', 3, 1],
      ]);
      expect(records[0]).to.include({ query: 'AAPL STK SMART USD', barSize: '5 mins', duration: '1800 S', whatToShow: 'TRADES', useRTH: true });
      expect(c.errors().find((e) => e.reqId === 4)?.message).to.equal('No historical data query found for ticker id:4');
    });
  });

  describe('layouts per server version', () => {
    for (const version of [110, 123, 124, 150, 176, 193]) {
      it(`at version ${version} the raw client decodes bars and head timestamps without a decoding error`, async () => {
        const c = await client(await start({ maxServerVersion: version }));
        expect(c.api.serverVersion).to.equal(version);
        reqBars(c, 1, { barSize: '1 hour', duration: '2 D', formatDate: 2 });
        await finished(c, 1);
        if (version >= REQ_HEAD_TIMESTAMP_VERSION) {
          c.api.reqHeadTimestamp(2, stock('AAPL'), WhatToShow.TRADES, true, 1);
          await c.waitForCount(EventName.headTimestamp);
        }
        const got = barsOf(c, 1);
        expect(got).to.have.length(7 + 2);
        expect(got.every((b) => b.count !== undefined && b.count > 0 && b.volume > 0)).to.equal(true);
        expect(c.errors()).to.deep.equal([]);
      });
    }
  });
});
