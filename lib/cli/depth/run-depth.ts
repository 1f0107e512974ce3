import { asyncScheduler, auditTime, catchError, lastValueFrom, map, merge, NEVER, of, takeUntil, tap, timer } from 'rxjs';
import { contractLabel, normalizeContract, type SymbolOrContract } from '../../requests/contract-key.js';
import type { OrderBook } from '../../streams/depth/order-book.js';
import type { CliContext } from '../cli-context.js';
import type { CliIo } from '../cli-io.js';
import { ExitCode } from '../exit-codes.js';
import { renderDepthLadder } from '../render/depth-ladder.js';
import { describeUnexpected } from '../render/format-error.js';
import { formatClock } from '../render/format.js';
import { InPlaceScreen } from '../render/screen.js';
import { sourceTitle } from '../render/source-title.js';
import { isFatal } from '../snapshot/is-fatal.js';
import { withSession } from '../with-session.js';
import type { DepthCommandOptions } from './depth-options.js';

/** Draws a ladder: redrawn in place on a terminal; piped, the title once and a timestamped block per redraw. */
interface LadderRenderer {
  readonly render: (book: OrderBook) => void;
  readonly end: () => void;
}

function ttyLadder(io: CliIo, title: string): LadderRenderer {
  const screen = new InPlaceScreen(io);
  const fit = (line: string): string => (line.length > io.columns ? line.slice(0, io.columns) : line);
  return {
    render: (book) => { screen.draw([title, '', ...renderDepthLadder(book, asyncScheduler.now())].map(fit)); },
    end: () => { screen.end(); },
  };
}

function plainLadder(io: CliIo, title: string): LadderRenderer {
  let titled = false;
  return {
    render: (book) => {
      const now = asyncScheduler.now();
      io.out(`${titled ? '' : `# ${title}\n`}# ${formatClock(now)}\n${renderDepthLadder(book, now).join('\n')}\n`);
      titled = true;
    },
    end: () => undefined,
  };
}

/**
 * `ib-rx depth SYMBOL|JSON [--rows N] [--smart|--no-smart]`: the live depth ladder until Ctrl-C or
 * `--duration`. Exit 0; 1 when TWS refused the request (the error on stderr: unknown symbol, no
 * depth permission, too many depth requests …); 2 for a bad argument, config or connection.
 */
export function runDepth(input: SymbolOrContract, options: DepthCommandOptions, ctx: CliContext): Promise<ExitCode> {
  const symbol = contractLabel(normalizeContract(input));
  return withSession(options, ctx, async ({ session, target, fatal$ }) => {
    if (session.depth$ === undefined) throw new Error('this session has no market depth');
    const title = sourceTitle('depth', target);
    const renderer = ctx.io.isTty ? ttyLadder(ctx.io, title) : plainLadder(ctx.io, title);
    const stop$ = merge(ctx.stop$, options.duration === undefined ? NEVER : timer(options.duration * 1000));
    const request = { rows: options.rows, ...(options.smart !== undefined && { smart: options.smart }) };
    let failure: unknown;
    try {
      await lastValueFrom(
        session.depth$(input, request).pipe(
          auditTime(options.interval),
          tap((book) => { renderer.render(book); }),
          map(() => undefined),
          catchError((error: unknown) => {
            if (isFatal(error)) throw error;
            failure = error;
            return of(undefined);
          }),
          // A fatal connection error (fatal$ only ever errors) ends the ladder with that error.
          takeUntil(merge(stop$, fatal$)),
        ),
        { defaultValue: undefined },
      );
    } finally {
      renderer.end();
    }
    if (failure === undefined) return ExitCode.OK;
    ctx.io.err(`ib-rx: depth ${symbol}: ${describeUnexpected(failure)}\n`);
    return ExitCode.SOME_FAILED;
  });
}
