import type { Contract, IBApi } from '@stoqey/ib';
import { expect } from 'chai';
import type { SendCommand } from '../../lib/requests/request-context.js';
import { sendMarketDataRequest } from '../../lib/requests/send-market-data-request.js';
import { normalizeContract } from '../../lib/requests/contract-key.js';

/** A SendCommand that runs each command at once on an IBApi stand-in logging the calls. */
function recordingSend(calls: string[]): SendCommand {
  const api = {
    reqMktData: (reqId: number, contract: Contract, genericTickList: string, snapshot: boolean) => {
      calls.push(`reqMktData ${reqId} ${contract.symbol ?? '?'} [${genericTickList}] ${String(snapshot)}`);
    },
    reqMarketDataType: (type: number) => { calls.push(`type ${type}`); },
  } as unknown as IBApi;
  return (command) => { command(api); };
}

describe('sendMarketDataRequest', () => {
  it('passes the generic tick list to reqMktData, none by default', () => {
    const calls: string[] = [];
    const send = recordingSend(calls);
    const base = { generation: 1, contract: normalizeContract('AAPL'), dataType: 'realtime', sessionDataType: 'realtime' } as const;
    sendMarketDataRequest(send, { ...base, reqId: 1, genericTicks: '233,236' });
    sendMarketDataRequest(send, { ...base, reqId: 2 });
    expect(calls).to.deep.equal(['reqMktData 1 AAPL [233,236] false', 'reqMktData 2 AAPL [] false']);
  });

  it('wraps a request for another data type in two reqMarketDataType, generic ticks kept', () => {
    const calls: string[] = [];
    sendMarketDataRequest(recordingSend(calls), { reqId: 3, generation: 1, contract: normalizeContract('AAPL'), dataType: 'delayed', sessionDataType: 'realtime', genericTicks: '236' });
    expect(calls).to.deep.equal(['type 3', 'reqMktData 3 AAPL [236] false', 'type 1']);
  });
});
