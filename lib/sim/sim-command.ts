import { once } from 'node:events';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { fileProblem } from '../file-problem.js';
import type { HmdsState } from './historical-options.js';
import { OPTION_COMPUTATION_MODES, type OptionComputationMode } from './option-computation.js';
import { readReplayFile } from './replay.js';
import { ReplayFormatError, type ReplayRecord } from './replay-format.js';
import { startSimulator } from './simulator.js';
import type { SimulatorOptions } from './options.js';
import { SIM_MAX_SERVER_VERSION, SIM_MIN_SERVER_VERSION } from './server-version.js';

/** Where `ib-rx sim` writes and what ends it (defaults: the process's stdout / stderr and SIGINT or SIGTERM). */
export interface SimCommandIo {
  readonly out?: (text: string) => void;
  readonly err?: (text: string) => void;
  /** Resolves when the simulator should stop. */
  readonly waitForStop?: () => Promise<unknown>;
}

/** The usage error exit code of ib-rx. */
const EXIT_USAGE = 2;
const MAX_PORT = 65_535;

const integer = (min: number, max: number) => (text: string): number => {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) throw new InvalidArgumentError(`expected an integer ${min}–${max}`);
  return value;
};

const nonNegativeNumber = (text: string): number => {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) throw new InvalidArgumentError('expected a number ≥ 0');
  return value;
};

const positiveNumber = (text: string): number => {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) throw new InvalidArgumentError('expected a number > 0');
  return value;
};

const nonEmpty = (what: string) => (text: string): string => {
  if (text.trim() === '') throw new InvalidArgumentError(`expected ${what}, got an empty one`);
  return text;
};

/** Symbol lists: comma-separated and/or repeated flags; an empty entry (`AAPL,,MSFT`) is an error naming it. */
const symbolList = (text: string, previous: readonly string[] | undefined): string[] => {
  const symbols = text.split(',').map((s) => s.trim().toUpperCase());
  const empty = symbols.indexOf('');
  if (empty >= 0) {
    throw new InvalidArgumentError(symbols.length === 1 ? 'expected symbols such as AAPL,MSFT' : `entry ${empty + 1} of ${symbols.length} is empty (a comma too many?); expected symbols such as AAPL,MSFT`);
  }
  return [...(previous ?? []), ...symbols];
};

interface SimFlags {
  readonly host: string;
  readonly port: number;
  readonly symbols?: string[];
  readonly rate?: number;
  readonly seed?: number;
  readonly unsubscribed?: string[];
  readonly delayedOnly?: string[];
  readonly tickerLimit?: number;
  readonly replay?: string;
  readonly speed?: number;
  readonly maxVersion?: number;
  readonly ambiguous?: string[];
  readonly today?: string;
  readonly optionComputation?: OptionComputationMode;
  readonly matchingSymbolsInterval?: number;
  readonly marketTime?: string;
  readonly barUpdateInterval?: number;
  readonly historicalLatency?: number;
  readonly historicalPacing: boolean;
  readonly historicalPacingScale?: number;
  readonly hmds?: HmdsState;
}

const HMDS_STATES: readonly HmdsState[] = ['ok', 'broken', 'inactive'];

const marketTime = (text: string): string => {
  if (!/^\d{8}-\d{2}:\d{2}:\d{2}(\.\d{1,3})?$/.test(text.trim())) throw new InvalidArgumentError('expected YYYYMMDD-HH:mm:ss (UTC)');
  return text.trim();
};

const historicalOptions = (f: SimFlags): Pick<SimulatorOptions, 'historical' | 'historicalPacing'> => ({
  historical: {
    ...(f.barUpdateInterval !== undefined && { updateIntervalMs: f.barUpdateInterval }),
    ...(f.historicalLatency !== undefined && { latencyMs: f.historicalLatency }),
    ...(f.hmds !== undefined && { hmds: f.hmds }),
  },
  historicalPacing: { enabled: f.historicalPacing, ...(f.historicalPacingScale !== undefined && { scale: f.historicalPacingScale }) },
});

const yyyymmdd = (text: string): string => {
  if (!/^\d{8}$/.test(text.trim())) throw new InvalidArgumentError('expected a date YYYYMMDD');
  return text.trim();
};

const toOptions = (f: SimFlags): SimulatorOptions => ({
  host: f.host,
  port: f.port,
  ...(f.symbols && { symbols: f.symbols }),
  ...(f.rate !== undefined && { rateHz: f.rate }),
  ...(f.seed !== undefined && { seed: f.seed }),
  ...(f.unsubscribed && { unsubscribed: f.unsubscribed }),
  ...(f.delayedOnly && { delayedOnly: f.delayedOnly }),
  ...(f.tickerLimit !== undefined && { tickerLimit: f.tickerLimit }),
  ...(f.replay !== undefined && { replay: f.replay }),
  ...(f.speed !== undefined && { speed: f.speed }),
  ...(f.maxVersion !== undefined && { maxServerVersion: f.maxVersion }),
  ...(f.ambiguous && { ambiguous: f.ambiguous }),
  ...(f.today !== undefined && { today: f.today }),
  ...(f.optionComputation !== undefined && { optionComputation: f.optionComputation }),
  ...(f.matchingSymbolsInterval !== undefined && { matchingSymbolsPacing: { minIntervalMs: f.matchingSymbolsInterval } }),
  ...(f.marketTime !== undefined && { marketTime: f.marketTime }),
  ...historicalOptions(f),
});

/**
 * The records of `--replay FILE`. A file that cannot be read or is not a recording prints one line
 * naming the flag, the path and the reason (`ib-rx sim: --replay /tmp: is a directory, not a
 * recording`, `… line 3: not JSON`) and ends with a CommanderError of exit code 2.
 */
const readReplayFlag = async (path: string, err: (text: string) => void): Promise<ReplayRecord[]> => {
  try {
    return await readReplayFile(path);
  } catch (error: unknown) {
    const reason = error instanceof ReplayFormatError ? `line ${error.line}: ${error.reason}` : fileProblem(error, path, { mode: 'read', what: 'a recording' });
    if (reason === undefined) throw error;
    const line = `ib-rx sim: --replay ${path}: ${reason}`;
    err(`${line}\n`);
    throw new CommanderError(EXIT_USAGE, 'ib-rx.replayFile', line);
  }
};

const untilSignal = async (): Promise<void> => {
  const ac = new AbortController();
  await Promise.race([once(process, 'SIGINT', { signal: ac.signal }), once(process, 'SIGTERM', { signal: ac.signal })]);
  ac.abort();
};

/**
 * `ib-rx sim`: runs the TWS simulator until SIGINT / SIGTERM, printing `listening on HOST:PORT`
 * (the real port, also for `--port 0`). Bad flags end with a CommanderError of exit code 2 (one
 * `error:` line plus the usage line on stderr).
 */
export const createSimCommand = (io: SimCommandIo = {}): Command => {
  const out = io.out ?? ((text: string) => process.stdout.write(text));
  const err = io.err ?? ((text: string) => process.stderr.write(text));
  const command = new Command('sim')
    .description('run a simulated TWS / IB Gateway (real socket protocol, simulated market data) on 127.0.0.1')
    .addOption(new Option('--host <host>', 'interface to listen on').default('127.0.0.1'))
    .addOption(new Option('--port <n>', 'TCP port (0 = any free port)').default(7497).argParser(integer(0, MAX_PORT)))
    .addOption(new Option('--symbols <list>', 'symbols it knows (comma-separated or repeated; default: AAPL MSFT GOOGL AMZN TSLA NFLX SPY IBM …)').argParser(symbolList))
    .addOption(new Option('--rate <n>', 'market events per second per subscribed symbol (default 4; 0 = none: only the quote at subscription)').argParser(nonNegativeNumber))
    .addOption(new Option('--seed <n>', 'random walk seed (default 1)').argParser(integer(0, 2 ** 32 - 1)))
    .addOption(new Option('--unsubscribed <list>', 'symbols without market data permission: error 354').argParser(symbolList))
    .addOption(new Option('--delayed-only <list>', 'symbols (or ALL) with delayed data only: 354 for live, 10167 + delayed ticks for types 3/4').argParser(symbolList))
    .addOption(new Option('--ticker-limit <n>', 'market data lines before error 101 (default 100)').argParser(integer(1, 1_000_000)))
    .addOption(new Option('--replay <file>', 'replay recorded ticks, 5-s bars, tick-by-tick data and depth books (NDJSON, as written by ib-rx record) instead of the random walk').argParser(nonEmpty('a file path')))
    .addOption(new Option('--speed <n>', 'replay speed factor (default 1)').argParser(positiveNumber))
    .addOption(new Option('--ambiguous <list>', 'stocks that get a second listing on another primary exchange (TWIN always has two)').argParser(symbolList))
    .addOption(new Option('--today <yyyymmdd>', 'the market\'s date: futures / option expiries and option time value follow it').argParser(yyyymmdd))
    .addOption(new Option('--option-computation <mode>', 'how option computation ticks are filled').choices(OPTION_COMPUTATION_MODES))
    .addOption(new Option('--matching-symbols-interval <ms>', 'refuse reqMatchingSymbols sooner than this after the last one (error 100)').argParser(integer(1, 3_600_000)))
    .addOption(new Option('--market-time <time>', 'the market\'s clock at start, YYYYMMDD-HH:mm:ss UTC (bar times, sessions)').argParser(marketTime))
    .addOption(new Option('--bar-update-interval <ms>', 'keepUpToDate: ms between historicalDataUpdate messages (default 5000)').argParser(integer(1, 3_600_000)))
    .addOption(new Option('--historical-latency <ms>', 'delay before each historical answer (default 0)').argParser(integer(0, 3_600_000)))
    .addOption(new Option('--historical-pacing-scale <x>', 'multiply IB\'s historical pacing windows (0.01: 15 s → 150 ms)').argParser(positiveNumber))
    .addOption(new Option('--no-historical-pacing', 'never refuse historical requests for pacing (162)'))
    .addOption(new Option('--hmds <state>', 'HMDS farm at start: 2106 ok, 2105 broken, 2107 inactive').choices(HMDS_STATES))
    .addOption(new Option('--max-version <n>', `highest server version to announce (${SIM_MIN_SERVER_VERSION}–${SIM_MAX_SERVER_VERSION})`).argParser(integer(SIM_MIN_SERVER_VERSION, SIM_MAX_SERVER_VERSION)))
    .configureOutput({ writeOut: out, writeErr: err })
    .exitOverride((e) => {
      throw e.exitCode === 0 ? e : new CommanderError(EXIT_USAGE, e.code, e.message);
    })
    .action(async (flags: SimFlags) => {
      const replay = flags.replay === undefined ? undefined : await readReplayFlag(flags.replay, err);
      const sim = await startSimulator({ ...toOptions(flags), ...(replay !== undefined && { replay }) });
      // Listen for the stop signal before announcing the port: a supervisor may send SIGTERM at once.
      const stopped = (io.waitForStop ?? untilSignal)();
      out(`listening on ${sim.host}:${sim.port}\n`);
      err(`ib-rx sim: simulated TWS, SIMULATED market data${flags.replay ? ` replayed from ${flags.replay}` : ''}; Ctrl-C to stop\n`);
      await stopped;
      await sim.close();
    });
  command.showHelpAfterError(`usage: ib-rx sim ${command.usage()}`);
  return command;
};
