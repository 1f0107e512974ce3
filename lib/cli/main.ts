#!/usr/bin/env node
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { firstValueFrom, fromEvent, merge, NEVER, Subject } from 'rxjs';
import type { Observable } from 'rxjs';
import { log } from '../log.js';
import { processIo } from './cli-io.js';
import type { CliIo } from './cli-io.js';
import type { CliContext } from './cli-context.js';
import { ExitCode } from './exit-codes.js';
import { addCommonOptions } from './common-options.js';
import { createWatchCommand } from './commands/watch.js';
import { createSnapshotCommand } from './commands/snapshot.js';
import { createRecordCommand } from './commands/record.js';
import { createSearchCommand } from './commands/search.js';
import { createContractCommand } from './commands/contract.js';
import { createHistoryCommand } from './commands/history.js';
import { createServeCommand } from './commands/serve.js';
import { createDepthCommand } from './commands/depth.js';
import { describeUnexpected } from './render/format-error.js';
import { createSimCommand } from '../sim/sim-command.js';

/** Options for {@link runCli}: the output and the stop signal (both default to the real process). */
export interface RunCliOptions {
  readonly io?: CliIo;
  readonly stop$?: Observable<unknown>;
  /** Replaces the real session (specs). */
  readonly openSession?: CliContext['openSession'];
}

/** Builds the `ib-rx` commander program (watch, snapshot, record, search, contract, history, depth, sim) writing through `ctx`. */
export function createProgram(ctx: CliContext): Command {
  const program = new Command('ib-rx')
    .description('Interactive Brokers TWS / IB Gateway market data as RxJS streams: live table, snapshots, recording, symbol search, contracts, historical bars, market depth, simulator.')
    .version(packageVersion(), '-V, --version', 'print the ib-rx version')
    .enablePositionalOptions();
  // The common options also work before the command (`ib-rx --sim watch AAPL`); the command's own win.
  addCommonOptions(program, { hidden: true });
  program
    .addCommand(createWatchCommand(ctx))
    .addCommand(createSnapshotCommand(ctx))
    .addCommand(createRecordCommand(ctx))
    .addCommand(createSearchCommand(ctx))
    .addCommand(createContractCommand(ctx))
    .addCommand(createHistoryCommand(ctx))
    .addCommand(createServeCommand(ctx))
    .addCommand(createDepthCommand(ctx))
    .addCommand(createSimCommand({ out: ctx.io.out, err: ctx.io.err, waitForStop: () => firstValueFrom(ctx.stop$, { defaultValue: undefined }) }));
  configureTree(program, ctx.io);
  return program;
}

/**
 * Applies the CLI's error policy to a command and all its subcommands: commander throws instead of
 * exiting; a bad argument prints one `error: …` line plus the usage line (never a stack trace).
 */
function configureTree(command: Command, io: CliIo): void {
  command
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError(`${usageLine(command)}\n(add --help for details)`);
  for (const sub of command.commands) configureTree(sub, io);
}

/** The version in package.json (two levels up from lib/cli/main.ts and from dist/cli/main.js). */
function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

function usageLine(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return `usage: ${names.join(' ')} ${command.usage()}`;
}

/**
 * Runs `ib-rx` with the given arguments (without `node` and the script) and resolves to its exit
 * code; never throws.
 */
export async function runCli(args: readonly string[], options: RunCliOptions = {}): Promise<ExitCode> {
  const io = options.io ?? processIo();
  let exitCode: ExitCode = ExitCode.OK;
  const ctx: CliContext = {
    io,
    stop$: options.stop$ ?? NEVER,
    setExitCode: (code) => { exitCode = code; },
    openSession: options.openSession,
  };
  const program = createProgram(ctx);
  try {
    if (args.length === 0) {
      program.outputHelp({ error: true });
      return ExitCode.USAGE_OR_CONNECTION;
    }
    await program.parseAsync([...args], { from: 'user' });
    return exitCode;
  } catch (error: unknown) {
    if (error instanceof CommanderError) {
      // Help and --version end with a CommanderError whose exitCode is 0; argument errors use 1: ours is 2.
      return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE_OR_CONNECTION;
    }
    log.cli('unexpected failure %O', error);
    io.err(`ib-rx: ${describeUnexpected(error)}\n`);
    return ExitCode.USAGE_OR_CONNECTION;
  }
}

/** True when this module is the process's entry point (`node --import tsx lib/cli/main.ts` in specs, or `node dist/cli/main.js`). */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/** Write errors of a stdout whose reader has gone (`ib-rx watch … | head`): the first, and any write after it. */
const READER_GONE = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);

/**
 * Runs the CLI on this process (arguments, Ctrl-C / SIGTERM, exit code): what `bin/ib-rx.js` calls.
 * A closed stdout (its reader gone) ends the command as Ctrl-C does, not with an unhandled EPIPE.
 */
export function runAsMain(): void {
  const readerGone$ = new Subject<void>();
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === undefined || !READER_GONE.has(error.code)) throw error;
    readerGone$.next();
  });
  const stop$ = merge(fromEvent(process, 'SIGINT'), fromEvent(process, 'SIGTERM'), readerGone$);
  void runCli(process.argv.slice(2), { stop$ }).then((code) => {
    process.exitCode = code;
    // Exit naturally once everything is closed; force it if a stray handle would keep node alive.
    setTimeout(() => { process.exit(code); }, 2000).unref();
  });
}

if (isEntryPoint()) runAsMain();
