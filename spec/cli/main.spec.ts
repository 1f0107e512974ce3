import { expect } from 'chai';
import { runCli } from '../../lib/cli/main.js';
import { ExitCode } from '../../lib/cli/exit-codes.js';
import { CliProcesses, recordingIo } from './support/cli-harness.js';

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
    for (const command of ['watch', 'snapshot', 'record']) {
      const io = recordingIo();
      expect(await runCli([command, '--help'], { io })).to.equal(ExitCode.OK);
      for (const option of ['--config', '--host', '--port', '--client-id', '--data-type', '--sim']) expect(io.stdout()).to.include(option);
    }
    const io = recordingIo();
    expect(await runCli(['--help'], { io })).to.equal(ExitCode.OK);
    for (const command of ['watch', 'snapshot', 'record', 'sim']) expect(io.stdout()).to.match(new RegExp(`^  ${command} `, 'm'));
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

  it('reports an invalid config file in one line naming the field, exit 2', async () => {
    const io = recordingIo({ env: { IB_PORT: 'seventy' } });
    expect(await runCli(['snapshot', 'AAPL'], { io })).to.equal(ExitCode.USAGE_OR_CONNECTION);
    expect(io.stderr()).to.match(/^ib-rx: invalid config.*api\.port/);
    expect(io.stderr().trimEnd().split('\n')).to.have.length.at.most(3);
    expect(io.stderr()).not.to.match(/\n\s+at /);
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
