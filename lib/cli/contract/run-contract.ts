import type { ContractDetails } from '../../contracts/contract-details.js';
import { pickOne } from '../../contracts/pick-one.js';
import { AmbiguousContractError, InvalidInputError } from '../../errors.js';
import { contractLabel, normalizeContract, type SymbolOrContract } from '../../requests/contract-key.js';
import type { CliContext } from '../cli-context.js';
import type { ContractOptions } from '../contract/contract-options.js';
import { ExitCode } from '../exit-codes.js';
import { jsonWithNulls, renderCandidates, renderContractDetails } from '../render/contract-view.js';
import { toFailedQuote } from '../render/flat-quote.js';
import { describeUnexpected } from '../render/format-error.js';
import { sourceTitle } from '../render/source-title.js';
import { isFatal } from '../snapshot/is-fatal.js';
import { withSession } from '../with-session.js';

/**
 * `ib-rx contract SYMBOL|JSON`: the one contract TWS matches, in full (or, with `--json`, as one
 * JSON line). Several matches print the candidates and how to choose one (exit 1); none prints
 * the error (exit 1); exit 2 for a bad contract, a config or connection problem.
 */
export function runContract(input: SymbolOrContract, options: ContractOptions, ctx: CliContext): Promise<ExitCode> {
  return withSession(options, ctx, async ({ session, target, unlessFatal }) => {
    const query = contractLabel(normalizeContract(input));
    const simulated = target.simulated ? { simulated: true as const } : {};
    let details: readonly ContractDetails[];
    let one: ContractDetails | undefined;
    try {
      details = await unlessFatal(session.contractDetails(input));
      const { conId } = pickOne(query, details);
      one = details.find((d) => d.conId === conId);
    } catch (error: unknown) {
      if (isFatal(error) || error instanceof InvalidInputError) throw error;
      if (error instanceof AmbiguousContractError) {
        if (options.json === true) {
          ctx.io.out(`${jsonWithNulls({ query, error: { name: error.name, code: null, message: error.message }, candidates: error.candidates.map((c) => ({ ...c })), ...simulated })}\n`);
        } else {
          ctx.io.out(`${[sourceTitle('contract', target), ...renderCandidates(error.candidates, ctx.io.columns)].join('\n')}\n`);
          ctx.io.err(`ib-rx: ${error.message}\n`);
        }
        return ExitCode.SOME_FAILED;
      }
      if (options.json === true) ctx.io.out(`${jsonWithNulls({ ...toFailedQuote(query, error), ...simulated })}\n`);
      else ctx.io.err(`ib-rx: contract ${query}: ${describeUnexpected(error)}\n`);
      return ExitCode.SOME_FAILED;
    }
    if (one === undefined) return ExitCode.SOME_FAILED;
    if (options.json === true) ctx.io.out(`${jsonWithNulls({ ...one, ...simulated })}\n`);
    else ctx.io.out(`${[sourceTitle('contract', target), ...renderContractDetails(one)].join('\n')}\n`);
    return ExitCode.OK;
  });
}

