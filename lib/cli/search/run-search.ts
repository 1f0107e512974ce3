import type { CliContext } from '../cli-context.js';
import type { SearchOptions } from '../search/search-options.js';
import { ExitCode } from '../exit-codes.js';
import { sourceTitle } from '../render/source-title.js';
import { jsonWithNulls } from '../render/contract-view.js';
import { renderSymbolMatches } from '../render/symbol-matches.js';
import { isFatal } from '../snapshot/is-fatal.js';
import { withSession } from '../with-session.js';
import { describeUnexpected } from '../render/format-error.js';

/**
 * `ib-rx search PATTERN`: the symbols TWS matches (`reqMatchingSymbols`), as a table or, with
 * `--json`, one match per line. Exit 0 with matches, 1 with none (or when TWS refused the search),
 * 2 when the gateway could not be reached (or on a usage / config error).
 */
export function runSearch(pattern: string, options: SearchOptions, ctx: CliContext): Promise<ExitCode> {
  return withSession(options, ctx, async ({ session, target, unlessFatal }) => {
    let matches;
    try {
      matches = await unlessFatal(session.searchSymbols(pattern));
    } catch (error: unknown) {
      if (isFatal(error)) throw error;
      ctx.io.err(`ib-rx: search ${JSON.stringify(pattern)} failed: ${describeUnexpected(error)}\n`);
      return ExitCode.SOME_FAILED;
    }
    if (options.json === true) {
      for (const match of matches) ctx.io.out(`${jsonWithNulls(target.simulated ? { ...match, simulated: true } : match)}\n`);
    } else {
      const lines = [sourceTitle('search', target), ...(matches.length === 0 ? [] : renderSymbolMatches(matches, ctx.io.columns))];
      ctx.io.out(`${lines.join('\n')}\n`);
    }
    if (matches.length > 0) return ExitCode.OK;
    ctx.io.err(`ib-rx: no symbol matches ${JSON.stringify(pattern)}\n`);
    return ExitCode.SOME_FAILED;
  });
}
