import type { HistoricalBarsOptions } from '../history/historical-options.js';
import type { SymbolOrContract } from '../requests/contract-key.js';
import type { IbSession } from '../session/ib-session.js';
import type { RpcReply, RpcRequest } from './protocol.js';
import { RemoteProtocolError } from './remote-errors.js';
import { decodeControl } from './wire.js';
import { toWireError } from './wire-error.js';

/** Runs one forwarded one-shot call on the session; its result or its error (typed, as data). Never rejects. */
export async function handleRpc(session: IbSession, subject: string, text: string): Promise<RpcReply> {
  try {
    const request = decodeControl(subject, text) as RpcRequest;
    const [first, second] = request.args;
    const contract = first as SymbolOrContract;
    switch (request.op) {
      case 'historicalBars':
        return { ok: true, value: await session.historicalBars(contract, second as HistoricalBarsOptions) };
      case 'contractDetails':
        return { ok: true, value: await session.contractDetails(contract) };
      case 'qualify':
        return { ok: true, value: await session.qualify(contract) };
      case 'optionChain':
        return { ok: true, value: await session.optionChain(contract) };
      case 'searchSymbols':
        return { ok: true, value: await session.searchSymbols(first as string) };
      default:
        throw new RemoteProtocolError(subject, `unknown call ${JSON.stringify(request.op)}`);
    }
  } catch (error: unknown) {
    return { ok: false, error: toWireError(error) };
  }
}
