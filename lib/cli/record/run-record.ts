import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { catchError, EMPTY, filter, lastValueFrom, map, merge, NEVER, takeUntil, tap, throwError, timer, timestamp, type Observable } from 'rxjs';
import type { CliContext } from '../cli-context.js';
import type { CliSession } from '../cli-session.js';
import type { RecordOptions } from '../record/record-options.js';
import { ExitCode } from '../exit-codes.js';
import { formatReplayRecord } from '../../sim/replay-format.js';
import type { ReplayRecord } from '../../sim/replay-format.js';
import { fileFlagError } from '../file-flag.js';
import { describeUnexpected } from '../render/format-error.js';
import { isFatal } from '../snapshot/is-fatal.js';
import { withSession } from '../with-session.js';
import { DEFAULT_DEPTH_ROWS } from '../../streams/depth/depth-options.js';
import { barReplayRecord, depthReplayRecord, tickByTickReplayRecord, toReplayRecord } from './replay-record.js';

/** One recorded stream of one symbol: its name for messages and its replay lines. */
interface RecordedStream {
  readonly symbol: string;
  /** `ticks`, `5-s bars`, `tick-by-tick Last` … */
  readonly what: string;
  readonly records$: Observable<ReplayRecord>;
}

/** What the summary counts. */
type Kind = 'tick' | 'bar5s' | 'tbt' | 'depth';

/**
 * `ib-rx record`: every tick of every symbol as one NDJSON line (the simulator's replay format) in
 * `--out`, plus 5-second bars (`--bars5s [WHAT]`), tick-by-tick data (`--tbt TYPES`) and depth
 * books (`--depth [ROWS]`, every book as it changes) when asked, until Ctrl-C or `--duration`. A failed stream is reported on stderr and the others go on
 * (exit 1); an unreachable gateway, or an `--out` that cannot be written (one line naming it and
 * why), is exit 2. Prints a summary line on stderr at the end.
 */
export function runRecord(symbols: readonly string[], options: RecordOptions, ctx: CliContext): Promise<ExitCode> {
  return withSession(options, ctx, async ({ session, target, fatal$ }) => {
    const file = createWriteStream(options.out, { flags: 'w' });
    try {
      await once(file, 'open');
    } catch (error: unknown) {
      throw fileFlagError(error, '--out', options.out, { mode: 'write', what: 'a file' }) ?? error;
    }
    const failed = new Set<string>();
    const counts: Record<Kind, number> = { tick: 0, bar5s: 0, tbt: 0, depth: 0 };
    const records$ = merge(
      ...symbols.flatMap((symbol) => recordedStreams(session, symbol, options)).map(({ symbol, what, records$: stream$ }) =>
        stream$.pipe(
          catchError((error: unknown) => {
            if (isFatal(error)) throw error;
            failed.add(`${symbol} ${what}`);
            ctx.io.err(`ib-rx record: ${symbol}${what === 'ticks' ? '' : ` (${what})`}: ${describeUnexpected(error)}\n`);
            return EMPTY;
          }),
        ),
      ),
    );
    const stop$ = merge(ctx.stop$, options.duration === undefined ? NEVER : timer(options.duration * 1000));
    try {
      await lastValueFrom(
        merge(
          records$.pipe(
            tap((record) => {
              counts[record.kind ?? 'tick'] += 1;
              file.write(`${formatReplayRecord(record)}\n`);
            }),
          ),
          fatal$,
        ).pipe(takeUntil(stop$)),
        { defaultValue: undefined },
      );
    } finally {
      file.end();
      await once(file, 'close');
    }
    const label = target.simulated ? ' (SIMULATED data)' : '';
    ctx.io.err(`ib-rx record: wrote ${summary(counts)} of ${symbols.join(', ')} to ${options.out}${label}\n`);
    return failed.size > 0 ? ExitCode.SOME_FAILED : ExitCode.OK;
  });
}

/** The streams to record for one symbol: its ticks, and the bars and tick-by-tick types asked for. */
function recordedStreams(session: CliSession, symbol: string, options: RecordOptions): RecordedStream[] {
  const streams: RecordedStream[] = [{
    symbol, what: 'ticks',
    records$: session.ticks$(symbol).pipe(
      map((tick) => toReplayRecord(symbol, tick)),
      filter((record): record is ReplayRecord => record !== undefined),
    ),
  }];
  if (options.bars5s !== undefined) {
    const whatToShow = options.bars5s === true ? 'TRADES' : options.bars5s;
    const { realTimeBars$ } = session;
    streams.push({
      symbol, what: '5-s bars',
      records$: realTimeBars$ === undefined
        ? unsupported$('5-second bars')
        : realTimeBars$(symbol, { whatToShow }).pipe(timestamp(), map(({ value, timestamp: t }) => barReplayRecord(symbol, whatToShow, value, t))),
    });
  }
  for (const type of options.tbt ?? []) {
    const { tickByTick$ } = session;
    streams.push({
      symbol, what: `tick-by-tick ${type}`,
      records$: tickByTick$ === undefined
        ? unsupported$('tick-by-tick data')
        : tickByTick$(symbol, type).pipe(timestamp(), map(({ value, timestamp: t }) => tickByTickReplayRecord(symbol, value, t))),
    });
  }
  if (options.depth !== undefined) {
    const rows = options.depth === true ? DEFAULT_DEPTH_ROWS : options.depth;
    const { depth$ } = session;
    streams.push({
      symbol, what: 'depth',
      records$: depth$ === undefined
        ? unsupported$('market depth')
        : depth$(symbol, { rows }).pipe(timestamp(), map(({ value, timestamp: t }) => depthReplayRecord(symbol, value, t))),
    });
  }
  return streams;
}

/** The error of a stream the session does not have (a fake session of the specs). */
function unsupported$(what: string): Observable<never> {
  return throwError(() => new Error(`this session has no ${what}`));
}

/** `4 ticks`, or `4 ticks, 2 5-s bars, 10 tick-by-tick, 3 depth books` when more than ticks were recorded. */
function summary(counts: Readonly<Record<Kind, number>>): string {
  const parts = [`${counts.tick} ticks`];
  if (counts.bar5s > 0) parts.push(`${counts.bar5s} 5-s bars`);
  if (counts.tbt > 0) parts.push(`${counts.tbt} tick-by-tick`);
  if (counts.depth > 0) parts.push(`${counts.depth} depth books`);
  return parts.join(', ');
}
