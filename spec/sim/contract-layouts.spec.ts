import { EventName } from '@stoqey/ib';
import type { ContractDescription } from '@stoqey/ib';
import { expect } from 'chai';
import { startSimulator, type Simulator } from '../../lib/sim/index.js';
import { computationsOf, contracts, detailsOf, OptionType, SecType } from './support/contracts.js';
import { RawClient } from './support/raw-client.js';

/** @stoqey/ib sends reqSecDefOptParams from 104 and reqMatchingSymbols from 108. */
const SEC_DEF_OPT_PARAMS = 104;
const MATCHING_SYMBOLS = 108;
const VERSIONS = [100, 104, 108, 110, 134, 150, 156, 163, 164, 176, 182, 186, 193];

describe('Simulator contract messages per server version', () => {
  let sim: Simulator | undefined;
  let c: RawClient | undefined;

  afterEach(async () => {
    await c?.close();
    await sim?.close();
    c = undefined;
    sim = undefined;
  });

  for (const version of VERSIONS) {
    it(`at version ${version} the raw client decodes every contract answer and option computations without an error`, async () => {
      sim = await startSimulator({ port: 0, rateHz: 0, maxServerVersion: version, today: '20251201' });
      c = new RawClient(sim.port);
      await c.connect();
      expect(c.api.serverVersion).to.equal(version);
      const option = sim.contracts().find((k) => k.localSymbol === 'AAPL  260116P00230000')!;
      c.api.reqContractDetails(1, contracts.option('AAPL', '20260116', 230, OptionType.Put));
      c.api.reqContractDetails(2, contracts.es);
      c.api.reqContractDetails(3, contracts.eurUsd);
      c.api.reqContractDetails(4, contracts.spx);
      if (version >= SEC_DEF_OPT_PARAMS) c.api.reqSecDefOptParams(5, 'AAPL', '', SecType.STK, 265598);
      if (version >= MATCHING_SYMBOLS) c.api.reqMatchingSymbols(6, 'TW');
      c.api.reqMktData(7, contracts.byConId(option.conId), '', true, false);
      await c.waitFor('every answer', (x) =>
        x.of(EventName.contractDetailsEnd).length === 4 &&
        x.of(EventName.tickSnapshotEnd).length === 1 &&
        (version < SEC_DEF_OPT_PARAMS || x.of(EventName.securityDefinitionOptionParameterEnd).length === 1) &&
        (version < MATCHING_SYMBOLS || x.of(EventName.symbolSamples).length === 1));
      expect(c.errors()).to.deep.equal([]);
      expect([1, 2, 3, 4].map((id) => detailsOf(c!, id).length)).to.deep.equal([1, 2, 1, 1]);
      expect(detailsOf(c, 1)[0]?.contract).to.include({ conId: option.conId, strike: 230, right: 'P', multiplier: 100, localSymbol: option.localSymbol });
      expect(detailsOf(c, 1)[0]?.underConId).to.equal(265598);
      if (version >= SEC_DEF_OPT_PARAMS) expect(c.of(EventName.securityDefinitionOptionParameter)).to.have.length(8);
      if (version >= MATCHING_SYMBOLS) {
        const [[, samples]] = c.of(EventName.symbolSamples) as [[number, ContractDescription[]]];
        expect(samples.map((s) => s.contract?.conId)).to.deep.equal([480_000_001, 480_000_002]);
      }
      const computations = computationsOf(c, 7);
      expect(computations).to.have.length(3);
      expect(computations.every((x) => (x.tickAttrib === undefined) === (version < 156))).to.equal(true);
      expect(computations.every((x) => x.delta !== undefined && x.delta < 0 && x.undPrice !== undefined)).to.equal(true);
    });
  }
});
