// ib-rx depth and ib-rx record --depth / --tbt / --bars5s with --nats: the CLI (in process) as a
// consumer of a served simulator (a real nats-server, serveRemote, the real client at the server).
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filter, firstValueFrom, Subject } from 'rxjs';
import { runCli } from '../../lib/cli/main.js';
import { openRemoteSession } from '../../lib/cli/remote-session-port.js';
import { webEvents$, WEB_DEPTH_ROWS } from '../../lib/cli/watch/web-events.js';
import { connectRemote } from '../../lib/remote/index.js';
import type { OrderBook } from '../../lib/streams/depth/order-book.js';
import { startNatsServer, type NatsServerProcess } from '../remote/support/nats-server.js';
import { serveSim, type ServedSim } from '../remote/support/remote-fixture.js';
import { firstOf } from '../session/sim-session.js';
import { NATS_SERVER, requireBinary } from '../support/require-binary.js';
import { waitUntil } from '../support/wait-until.js';
import { recordingIo } from './support/cli-harness.js';

describe('ib-rx depth / record with --nats (in process, a real nats-server and a served simulator)', function () {
  this.timeout(60_000);
  let nats: NatsServerProcess;
  let served: ServedSim;
  let dir: string;

  before(async function () {
    nats = await startNatsServer(requireBinary(this, NATS_SERVER));
  });
  after(async () => { await nats.stop(); });
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ib-rx-streams-nats-'));
    served = await serveSim(nats.url, 'ibrx', { sim: { depthRateHz: 0, streams: { realTimeBarMs: 100 } } });
  });
  afterEach(async () => {
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ib-rx depth SYMBOL --nats prints the served book as a ladder, labelled SIMULATED, and leaves (the server cancels)', async () => {
    const stop$ = new Subject<void>();
    const io = recordingIo();
    const run = runCli(['depth', 'AAPL', '--rows', '3', '--interval', '50', '--nats', nats.url], { io, stop$ });
    await waitUntil(() => /AAPL · 3 rows · smart depth/.test(io.stdout()), 20_000, 'a ladder');
    const book: OrderBook | undefined = await firstOf(served.session.depth$('AAPL', { rows: 3 }));
    if (book === undefined) throw new Error('no book at the server');
    stop$.next();
    expect(await run).to.equal(0);
    expect(io.stderr()).to.equal('');
    const out = io.stdout();
    expect(out).to.match(/^# ib-rx depth · SIMULATED data \(not real prices\) · via NATS nats:\/\/127\.0\.0\.1/m);
    const best = book.bids[0];
    if (best === undefined) throw new Error('an empty book at the server');
    expect(out, 'the server\'s best bid and its exchange on the first row').to.match(new RegExp(`  1  ${best.marketMaker ?? ''}\\s+\\S+\\s+${best.price.toFixed(2)} │`));
    expect(served.sim.stats().reqMktDepth).to.equal(1);
    await waitUntil(() => served.sim.stats().cancelMktDepth === 1, 10_000, 'the served depth to be cancelled after the CLI left');
  });

  it('ib-rx record --depth --tbt --bars5s --nats records the served streams', async () => {
    const out = join(dir, 'streams.ndjson');
    const io = recordingIo();
    expect(await runCli(['record', 'AAPL', '--out', out, '--depth', '3', '--tbt', 'BidAsk', '--bars5s', 'MIDPOINT', '--duration', '3', '--nats', nats.url], { io })).to.equal(0);
    const kinds = readFileSync(out, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { kind?: string }).kind ?? 'tick');
    expect(new Set(kinds)).to.deep.equal(new Set(['tick', 'depth', 'tbt', 'bar5s']));
    expect(io.stderr()).to.match(/^ib-rx record: wrote \d+ ticks, \d+ 5-s bars, \d+ tick-by-tick, \d+ depth books of AAPL to /);
  });

  it('the browser view\'s depth ladder over NATS shows the server\'s book (watch --web --depth … --nats)', async () => {
    const remote = await connectRemote({ servers: nats.url, reconnectWaitMs: 100 });
    try {
      const view = { title: 't', simulated: true, symbols: ['AAPL'], barSize: '1 min', chartBars: 10, quoteMs: 50, barsMs: 50, depthSymbols: ['AAPL'], status$: [] } as const;
      const message = await firstValueFrom(webEvents$(openRemoteSession(remote), view).pipe(filter((event) => event.event === 'depth')), { defaultValue: undefined });
      const book = await firstOf(served.session.depth$('AAPL', { rows: WEB_DEPTH_ROWS }));
      if (book === undefined) throw new Error('no book at the server');
      expect(message?.data).to.deep.equal({ symbol: 'AAPL', bids: book.bids, asks: book.asks, stale: false, time: book.time });
    } finally {
      await remote.close();
    }
  });
});
