// `ib-rx watch --web` as a user runs it: a spawned CLI with the built-in simulator.
import { expect } from 'chai';
import { get, type IncomingMessage } from 'node:http';
import { createServer, type Server } from 'node:net';
import { runCli } from '../../lib/cli/main.js';
import { CliProcesses, recordingIo } from './support/cli-harness.js';

const URL_LINE = /^# web view: (http:\/\/127\.0\.0\.1:(\d+)\/) \(Ctrl-C to stop\)$/m;

/** The first `event: NAME` message of an SSE stream at `url` (then hangs up). */
function firstMessage(url: string, name: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = get(url, (res: IncomingMessage) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => {
        text += d;
        const match = new RegExp(`^event: ${name}\\ndata: (.*)$`, 'm').exec(text);
        if (match) {
          req.destroy();
          resolve(JSON.parse(match[1] ?? 'null'));
        }
      });
    });
    req.on('error', reject);
  });
}

describe('ib-rx watch --web (against the simulator)', function () {
  this.timeout(60_000);
  const cli = new CliProcesses();
  afterEach(() => { cli.killAll(); });

  it('--web-port 0 prints the URL it listens on, serves the page and a stream labelled SIMULATED, and ends with exit 0 on Ctrl-C', async () => {
    const watch = cli.start(['watch', 'AAPL', 'MSFT', '--sim', '--web', '--web-port', '0'], { timeoutMs: 50_000 });
    const [, url] = await watch.waitForOutput(URL_LINE);
    expect(watch.stdout()).to.match(/^# ib-rx watch · SIMULATED data \(not real prices\)/);
    const hello = await firstMessage(`${url}events`, 'hello');
    expect(hello).to.deep.include({ simulated: true, symbols: ['AAPL', 'MSFT'], barSize: '1 min' });
    const quote = await firstMessage(`${url}events`, 'quote') as { symbol: string; cells: string[] };
    expect(quote.symbol).to.be.oneOf(['AAPL', 'MSFT']);
    watch.signal('SIGINT');
    const run = await watch.done;
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stderr).to.equal('');
  });

  it('a --web-port in use: one line naming the port, exit 2', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = await cli.run(['watch', 'AAPL', '--sim', '--web-port', String(port)], { timeoutMs: 40_000 });
      expect(run.code).to.equal(2);
      expect(run.stderr).to.equal(`ib-rx watch: --web-port ${port}: cannot listen on 127.0.0.1:${port}: the port is in use (pick another port, or 0 for any free one)\n`);
      expect(run.stdout).to.not.match(URL_LINE);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('bad web options are usage errors: one error line, exit 2 (in-process)', async () => {
    const cases: [readonly string[], RegExp][] = [
      [['--web-port', '70000'], /^error: option '--web-port <port>' argument '70000' is invalid\. expected a whole number from 0 to 65535\./],
      [['--web-port', 'abc'], /^error: option '--web-port <port>' argument 'abc' is invalid\./],
      [['--depth', 'AAPL'], /^error: option '--depth <symbols>' needs --web/],
      [['--web', '--depth', 'MSFT'], /^error: option '--depth <symbols>': MSFT is not watched \(watched: AAPL\)/],
      [['--web', '--depth', 'A$B'], /^error: option '--depth <symbols>' argument 'A\$B' is invalid\./],
      [['--web', '--depth', 'AAPL,,AAPL'], /^error: option '--depth <symbols>' argument 'AAPL,,AAPL' is invalid\. entry 2 of 3 is empty \(a comma too many\?\)\.\n/],
      [['--web', '--depth', 'AAPL,'], /^error: option '--depth <symbols>' argument 'AAPL,' is invalid\. entry 2 of 2 is empty/],
    ];
    for (const [args, message] of cases) {
      const io = recordingIo();
      expect(await runCli(['watch', 'AAPL', '--sim', ...args], { io }), args.join(' ')).to.equal(2);
      expect(io.stderr(), args.join(' ')).to.match(message);
    }
  });
});
