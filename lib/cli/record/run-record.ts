import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { catchError, EMPTY, filter, lastValueFrom, map, merge, NEVER, takeUntil, tap, timer } from 'rxjs';
import type { CliContext } from '../cli-context.js';
import type { RecordOptions } from '../record/record-options.js';
import { ExitCode } from '../exit-codes.js';
import { formatReplayRecord } from '../../sim/replay-format.js';
import type { ReplayRecord } from '../../sim/replay-format.js';
import { describeUnexpected } from '../render/format-error.js';
import { isFatal } from '../snapshot/is-fatal.js';
import { withSession } from '../with-session.js';
import { toReplayRecord } from './replay-record.js';

/**
 * `ib-rx record`: every tick of every symbol as one NDJSON line (the simulator's replay format) in
 * `--out`, until Ctrl-C or `--duration`. A failed symbol is reported on stderr and the others go
 * on (exit 1); an unreachable gateway is exit 2. Prints a summary line on stderr at the end.
 */
export function runRecord(symbols: readonly string[], options: RecordOptions, ctx: CliContext): Promise<ExitCode> {
  return withSession(options, ctx, async ({ session, target, fatal$ }) => {
    const file = createWriteStream(options.out, { flags: 'w' });
    await once(file, 'open');
    const failed = new Set<string>();
    let count = 0;
    const records$ = merge(
      ...symbols.map((symbol) =>
        session.ticks$(symbol).pipe(
          map((tick) => toReplayRecord(symbol, tick)),
          filter((record): record is ReplayRecord => record !== undefined),
          catchError((error: unknown) => {
            if (isFatal(error)) throw error;
            failed.add(symbol);
            ctx.io.err(`ib-rx record: ${symbol}: ${describeUnexpected(error)}\n`);
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
              count += 1;
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
    ctx.io.err(`ib-rx record: wrote ${count} ticks of ${symbols.join(', ')} to ${options.out}${label}\n`);
    return failed.size > 0 ? ExitCode.SOME_FAILED : ExitCode.OK;
  });
}
