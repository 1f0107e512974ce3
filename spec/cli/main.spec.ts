import { expect } from 'chai';
import { runCli } from '../../lib/cli/main.js';
import { ExitCode } from '../../lib/cli/exit-codes.js';
import type { Config } from '../../lib/config/index.js';
import { CliProcesses, recordingIo } from './support/cli-harness.js';
import { FakeSession } from './support/fake-session.js';

describe('runCli', () => {
  const cases: readonly { readonly args: readonly string[]; readonly problem: RegExp; readonly usage: string }[] = [
    { args: ['snapshot'], problem: /missing required argument 'symbols'/, usage: 'usage: ib-rx snapshot [options] <symbols...>' },
    { args: ['watch', 'AAPL', '--port', 'abc'], problem: /'--port <port>' argument 'abc' is invalid\. expected a whole number from 1 to 65535/, usage: 'usage: ib-rx watch' },
    { args: ['watch', 'AAPL', '--port', '70000'], problem: /expected a whole number from 1 to 65535/, usage: 'usage: ib-rx watch' },
    { args: ['snapshot', 'AAPL', '--bogus'], problem: /unknown option '--bogus'/, usage: 'usage: ib-rx snapshot' },
    { args: ['snapshot', 'A$B'], problem: /"A\$B" is not a stock symbol/, usage: 'usage: ib-rx snapshot' },
    { args: ['snapshot', 'AAPL', '--data-type', 'live'], problem: /Allowed choices are realtime, frozen, delayed, delayed-frozen/, usage: 'usage: ib-rx snapshot' },
    { args: ['record', 'AAPL'], problem: /required option '--out <file>' not specified/, usage: 'usage: ib-rx record' },
    { args: ['watch', 'AAPL', '--duration', '-1'], problem: /expected a positive number of seconds/, usage: 'usage: ib-rx watch' },
    { args: ['frobnicate'], problem: /unknown command 'frobnicate'/, usage: 'usage: ib-rx [options] [command]' },
    { args: ['snapshot', 'AAPL', '--sim', '--port', '4002'], problem: /option '--port <port>' cannot be used with option '--sim'/, usage: 'usage: ib-rx snapshot' },
    { args: ['--sim', 'watch', 'AAPL', '--host', 'gw.local'], problem: /option '--host <host>' cannot be used with option '--sim'/, usage: 'usage: ib-rx watch' },
    { args: ['--port', '4002', 'record', 'AAPL', '--out', 'x.ndjson', '--sim'], problem: /option '--port <port>' cannot be used with option '--sim'/, usage: 'usage: ib-rx record' },
  ];
  for (const { args, problem, usage } of cases) {
    it(`rejects \`ib-rx ${args.join(' ')}\` with exit 2, the problem on one line and the usage`, async () => {
      const io = recordingIo();
      expect(await runCli(args, { io })).to.equal(ExitCode.USAGE_OR_CONNECTION);
      const [first, second] = io.stderr().split('\n');
      expect(first).to.match(/^error: /).and.to.match(problem);
      expect(second).to.include(usage);
      expect(io.stdout()).to.equal('');
    });
  }

  it('prints help for every command with exit 0, listing the common options', async () => {
    for (const command of ['watch', 'snapshot', 'record', 'history']) {
      const io = recordingIo();
      expect(await runCli([command, '--help'], { io })).to.equal(ExitCode.OK);
      for (const option of ['--config', '--host', '--port', '--client-id', '--data-type', '--sim']) expect(io.stdout()).to.include(option);
    }
    const io = recordingIo();
    expect(await runCli(['--help'], { io })).to.equal(ExitCode.OK);
    for (const command of ['watch', 'snapshot', 'record', 'history', 'sim']) expect(io.stdout()).to.match(new RegExp(`^  ${command} `, 'm'));
  });

  it('marks `record --out` as required in its help', async () => {
    const io = recordingIo();
    expect(await runCli(['record', '--help'], { io })).to.equal(ExitCode.OK);
    expect(io.stdout()).to.match(/^Usage: ib-rx record .*--out <file>/m);
    expect(io.stdout()).to.match(/^ {2}--out <file> +.*\brequired\b/m);
  });

  it('prints its version with --version', async () => {
    const io = recordingIo();
    expect(await runCli(['--version'], { io })).to.equal(ExitCode.OK);
    expect(io.stdout()).to.match(/^\d+\.\d+\.\d+\n$/);
  });

  it('prints the help on stderr with exit 2 when run without a command', async () => {
    const io = recordingIo();
    expect(await runCli([], { io })).to.equal(ExitCode.USAGE_OR_CONNECTION);
    expect(io.stderr()).to.include('Usage: ib-rx');
  });

  it('reports an invalid config value in one line naming the field and the variable that set it, exit 2', async () => {
    const io = recordingIo({ env: { IB_PORT: 'seventy' } });
    expect(await runCli(['snapshot', 'AAPL'], { io })).to.equal(ExitCode.USAGE_OR_CONNECTION);
    expect(io.stderr()).to.match(/^ib-rx: invalid config.*api\.port: .*"seventy" \(from IB_PORT\)\n$/);
    expect(io.stderr().trimEnd().split('\n')).to.have.length(1);
  });

  it('reports several config problems one per line, exit 2', async () => {
    const io = recordingIo({ env: { IB_PORT: 'seventy', IB_CLIENT_ID: 'me', IB_DATA_TYPE: 'live' } });
    expect(await runCli(['snapshot', 'AAPL'], { io })).to.equal(ExitCode.USAGE_OR_CONNECTION);
    const lines = io.stderr().trimEnd().split('\n');
    expect(lines[0]).to.match(/^ib-rx: invalid config.*: 3 problems$/);
    expect(lines.slice(1)).to.have.length(3);
    expect(lines[1]).to.match(/^ {2}api\.port: .*\(from IB_PORT\)$/);
    expect(lines[2]).to.match(/^ {2}api\.client_id: .*\(from IB_CLIENT_ID\)$/);
    expect(lines[3]).to.match(/^ {2}market_data\.data_type: .*\(from IB_DATA_TYPE\)$/);
  });

  describe('flags over the environment', () => {
    const quoteOf = (_config: Config) => new FakeSession({ AAPL: { symbol: 'AAPL', last: 1 } });

    it('a valid flag overrides an invalid IB_* value (IB_PORT=abc ib-rx snapshot AAPL --port 4002)', async () => {
      const io = recordingIo({ env: { IB_PORT: 'abc', IB_CLIENT_ID: 'x', IB_DATA_TYPE: 'live', IB_HOST: ' ' } });
      let seen: Config | undefined;
      const openSession = (config: Config) => { seen = config; return quoteOf(config); };
      const args = ['snapshot', 'AAPL', '--port', '4002', '--client-id', '7', '--data-type', 'frozen', '--host', 'gw.local'];
      expect(await runCli(args, { io, openSession }), io.stderr()).to.equal(ExitCode.OK);
      expect(seen?.api).to.deep.equal({ tws_endpoint: 'gw.local', port: 4002, client_id: 7 });
      expect(seen?.market_data.data_type).to.equal('frozen');
    });

    it('a flag overrides a valid IB_* value', async () => {
      const io = recordingIo({ env: { IB_PORT: '4001' } });
      let seen: Config | undefined;
      expect(await runCli(['snapshot', 'AAPL', '--port', '4002'], { io, openSession: (config) => { seen = config; return quoteOf(config); } })).to.equal(ExitCode.OK);
      expect(seen?.api.port).to.equal(4002);
    });

    it('--sim replaces IB_HOST and IB_PORT, even invalid ones', async () => {
      const io = recordingIo({ env: { IB_PORT: 'abc', IB_HOST: ' ' } });
      let seen: Config | undefined;
      expect(await runCli(['snapshot', 'AAPL', '--sim'], { io, openSession: (config) => { seen = config; return quoteOf(config); } }), io.stderr()).to.equal(ExitCode.OK);
      expect(seen?.api.tws_endpoint).to.equal('127.0.0.1');
      expect(seen?.api.port).to.be.a('number').and.not.equal(7497);
    });
  });
});

describe('ib-rx (the executable)', () => {
  const cli = new CliProcesses();
  afterEach(() => { cli.killAll(); });

  it('runs as the entry point and exits 2 on a bad flag, without a stack trace', async () => {
    const run = await cli.run(['snapshot', 'AAPL', '--port', 'x']);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.match(/^error: option '--port <port>' argument 'x' is invalid/);
    expect(run.stderr).not.to.match(/\n\s+at /);
  });
});
