import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventName, IBApiTickType as TickType } from '@stoqey/ib';
import { expect } from 'chai';
import { startSimulator, type Simulator } from '../../lib/sim/index.js';
import { formatReplayRecord, type ReplayRecord } from '../../lib/sim/replay-format.js';
import { RawClient, stock } from './support/raw-client.js';

const T0 = 1_760_000_000_000;
const records: ReplayRecord[] = [
  { t: T0, symbol: 'AAPL', field: 'bidSize', value: 3 },
  { t: T0, symbol: 'AAPL', field: 'bid', value: 189.5 },
  { t: T0 + 100, symbol: 'AAPL', field: 'ask', value: 189.52 },
  { t: T0 + 200, symbol: 'AAPL', field: 'last', value: 189.51, delayed: false },
  { t: T0 + 400, symbol: 'AAPL', field: 'bid', value: 189.49 },
];

describe('startSimulator({ replay })', () => {
  let sim: Simulator | undefined;
  let client: RawClient | undefined;
  let dir: string | undefined;

  afterEach(async () => {
    await client?.close();
    await sim?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    sim = undefined;
    client = undefined;
    dir = undefined;
  });

  const bids = (c: RawClient): number[] => c.of(EventName.tickPrice).filter((a) => a[1] === TickType.BID).map((a) => a[2] as number);

  it('replays an NDJSON file at --speed, with the recorded values, after the client connects', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ib-rx-replay-'));
    const file = join(dir, 'ticks.ndjson');
    await writeFile(file, records.map(formatReplayRecord).join('\n') + '\n');
    sim = await startSimulator({ port: 0, replay: file, speed: 4 });
    client = new RawClient(sim.port);
    const t0 = Date.now();
    await client.connect();
    client.api.reqMktData(1, stock('AAPL'), '', false, false);
    await client.waitFor('last bid', (c) => bids(c).includes(189.49));
    const elapsed = Date.now() - t0;
    expect(elapsed).to.be.within(90, 1000); // 400 ms of recording at speed 4
    expect(bids(client)).to.deep.equal([189.5, 189.49]);
    const prices = client.of(EventName.tickPrice).map((a) => [a[1], a[2]]);
    expect(prices).to.deep.include.members([[TickType.ASK, 189.52], [TickType.LAST, 189.51]]);
    expect(client.of(EventName.tickSize).filter((a) => a[1] === TickType.BID_SIZE).map((a) => a[2])).to.include(3);
  });

  it('rejects a bad replay file naming the line', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ib-rx-replay-'));
    const file = join(dir, 'bad.ndjson');
    await writeFile(file, `${formatReplayRecord(records[0]!)}\n{"t":1}\n`);
    let error: unknown;
    await startSimulator({ port: 0, replay: file }).catch((e: unknown) => (error = e));
    expect(String(error)).to.match(/replay line 2/);
  });
});
