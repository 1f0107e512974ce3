import { expect } from 'chai';
import type { Subscription } from 'rxjs';
import { connectRemote, type RemoteSession } from '../../lib/remote/index.js';
import type { MarketState } from '../../lib/state/index.js';
import { startSimulator, type Simulator } from '../../lib/sim/index.js';
import { startNatsServer, type NatsServerProcess } from '../remote/support/nats-server.js';
import { freePort } from '../support/free-port.js';
import { NATS_SERVER, requireBinary } from '../support/require-binary.js';
import { waitUntil } from '../support/wait-until.js';
import { CliProcesses } from './support/cli-harness.js';

/** A spawned `ib-rx serve` is ready once it printed its "serving on" line. */
const SERVING = /serving on nats:\/\/127\.0\.0\.1:\d+ prefix (\S+) as server (\w+)/;

describe('ib-rx serve and --nats (spawned CLI, a real nats-server)', function () {
  this.timeout(60_000);
  const cli = new CliProcesses();
  let nats: NatsServerProcess;
  let remote: RemoteSession | undefined;
  let sim: Simulator | undefined;

  before(async function () {
    nats = await startNatsServer(requireBinary(this, NATS_SERVER));
  });
  after(async () => { await nats.stop(); });
  afterEach(async () => {
    await remote?.close();
    remote = undefined;
    cli.killAll();
    await sim?.close();
    sim = undefined;
  });

  it('serve --sim, then watch --nats in a second process: rows of the served data, labelled SIMULATED; Ctrl-C ends serve with 0', async () => {
    const serve = cli.start(['serve', '--sim', '--nats', nats.url, '--heartbeat-ms', '200'], { timeoutMs: 55_000 });
    await serve.waitForOutput(SERVING);
    expect(serve.stdout()).to.match(/^# ib-rx serve · SIMULATED data/m);
    const watch = await cli.run(['watch', 'AAPL', 'MSFT', '--nats', nats.url, '--duration', '3'], { timeoutMs: 40_000 });
    expect(watch.stderr).to.equal('');
    expect(watch.code).to.equal(0);
    expect(watch.stdout).to.match(/^# ib-rx watch · SIMULATED data \(not real prices\) · via NATS nats:\/\/127\.0\.0\.1/m);
    expect(watch.stdout).to.match(/ AAPL bid=\d/);
    expect(watch.stdout).to.match(/ MSFT bid=\d/);
    const snapshot = await cli.run(['snapshot', 'AAPL', '--json', '--nats', nats.url], { timeoutMs: 40_000 });
    expect(snapshot.code).to.equal(0);
    expect(JSON.parse(snapshot.stdout)).to.include({ symbol: 'AAPL', simulated: true });
    serve.signal('SIGINT');
    expect((await serve.done).code).to.equal(0);
  });

  it('a killed serve process: consumer streams go stale (no error) and resume when another serve starts', async () => {
    const first = cli.start(['serve', '--sim', '--nats', nats.url, '--heartbeat-ms', '100', '--lease-ms', '600'], { timeoutMs: 55_000 });
    const [, , firstId] = await first.waitForOutput(SERVING);
    remote = await connectRemote({ servers: nats.url, reconnectWaitMs: 100 });
    let state: MarketState | undefined;
    let failed: unknown;
    const subscription: Subscription = remote.marketData$('AAPL').subscribe({ next: (s) => { state = s; }, error: (e: unknown) => { failed = e; } });
    await waitUntil(() => state?.last !== undefined, 20_000, 'AAPL from the first server');
    first.signal('SIGKILL');
    await waitUntil(() => state?.stale === true, 20_000, 'AAPL to go stale');
    const second = cli.start(['serve', '--sim', '--nats', nats.url, '--heartbeat-ms', '100', '--lease-ms', '600'], { timeoutMs: 55_000 });
    const [, , secondId] = await second.waitForOutput(SERVING);
    expect(secondId).to.not.equal(firstId);
    await waitUntil(() => state?.stale === false && remote?.serverId === secondId, 20_000, 'AAPL to resume from the second server');
    expect(failed).to.equal(undefined);
    subscription.unsubscribe();
    second.signal('SIGINT');
    expect((await second.done).code).to.equal(0);
  });

  it('serve started before its gateway waits for it (the checklist once, then one line per try) and serves once it is up; Ctrl-C while waiting exits 0', async () => {
    const port = await freePort();
    const serve = cli.start(['serve', '--nats', nats.url, '--port', String(port), '--heartbeat-ms', '200'], { timeoutMs: 55_000 });
    await waitUntil(() => /trying again in \d/.test(serve.stderr()), 20_000, 'the first try to fail');
    expect(serve.stderr()).to.include(`cannot connect to TWS / IB Gateway at 127.0.0.1:${port}`);
    expect(serve.stderr()).to.match(/ib-rx serve: waiting for the gateway: trying again in 0\.5 s \(Ctrl-C to stop\)/);
    await waitUntil(() => /still not reachable/.test(serve.stderr()), 20_000, 'a second try to fail');
    sim = await startSimulator({ port });
    await serve.waitForOutput(SERVING);
    remote = await connectRemote({ servers: nats.url });
    const state = await remote.snapshot('AAPL', { timeoutMs: 20_000 });
    expect(state.bid).to.be.a('number');
    expect(serve.stderr()).to.not.match(/\n\s+at /);
    serve.signal('SIGINT');
    expect((await serve.done).code).to.equal(0);

    const waiting = cli.start(['serve', '--nats', nats.url, '--port', String(await freePort()), '--prefix', 'later'], { timeoutMs: 55_000 });
    await waitUntil(() => /trying again in \d/.test(waiting.stderr()), 20_000, 'the first try to fail');
    waiting.signal('SIGINT');
    const stopped = await waiting.done;
    expect(stopped.code).to.equal(0);
    expect(stopped.stdout).to.not.match(SERVING);
  });

  it('a second serve on the same prefix is refused (exit 2, one line naming the other server)', async () => {
    const first = cli.start(['serve', '--sim', '--nats', nats.url, '--prefix', 'desk'], { timeoutMs: 55_000 });
    const [, , id] = await first.waitForOutput(SERVING);
    const second = await cli.run(['serve', '--sim', '--nats', nats.url, '--prefix', 'desk'], { timeoutMs: 40_000 });
    expect(second.code).to.equal(2);
    expect(second.stderr).to.include(`another ib-rx server (${id ?? ''}`);
    expect(second.stderr).to.not.match(/\n\s+at /);
    first.signal('SIGINT');
    expect((await first.done).code).to.equal(0);
  });

  it('bad --nats input: unreachable NATS, no server on the prefix, a bad URL, --nats with --sim → exit 2, no stack trace', async () => {
    const runs = await Promise.all([
      cli.run(['snapshot', 'AAPL', '--nats', 'nats://127.0.0.1:1'], { timeoutMs: 40_000 }),
      cli.run(['snapshot', 'AAPL', '--nats', nats.url, '--prefix', 'nobody'], { timeoutMs: 40_000 }),
      cli.run(['watch', 'AAPL', '--nats', 'http://host/x'], { timeoutMs: 40_000 }),
      cli.run(['watch', 'AAPL', '--nats', nats.url, '--sim'], { timeoutMs: 40_000 }),
      cli.run(['serve', '--sim'], { timeoutMs: 40_000 }),
      cli.run(['serve', '--sim', '--nats', nats.url, '--lease-ms', '500'], { timeoutMs: 40_000 }),
      cli.run(['serve', '--sim', '--nats', nats.url, '--heartbeat-ms', '300', '--lease-ms', '200'], { timeoutMs: 40_000 }),
    ]);
    expect(runs.map((r) => r.code)).to.deep.equal([2, 2, 2, 2, 2, 2, 2]);
    for (const run of runs) expect(run.stderr).to.not.match(/\n\s+at /);
    const [unreachable, noServer, badUrl, withSim, serveWithoutNats, leaseUnderDefault, leaseUnderGiven] = runs;
    expect(unreachable.stderr).to.match(/cannot connect to NATS/);
    expect(noServer.stderr).to.match(/no ib-rx server answered on nobody\.ctl\.hello/);
    expect(badUrl.stderr).to.match(/invalid servers: expected NATS server URLs/);
    expect(withSim.stderr).to.match(/'--nats <url>' cannot be used with option '--sim'/);
    expect(serveWithoutNats.stderr).to.match(/required option '--nats <url>'/);
    expect(leaseUnderDefault.stderr).to.include("option '--lease-ms <ms>' (500 ms) is shorter than the default heartbeat period (2000 ms)");
    expect(leaseUnderGiven.stderr).to.include("option '--lease-ms <ms>' (200 ms) is shorter than --heartbeat-ms (300 ms)");
  });
});
