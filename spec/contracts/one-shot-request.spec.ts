import { expect } from 'chai';
import { marbles } from 'rxjs-marbles/mocha';
import { map } from 'rxjs';
import { contractDetails$ } from '../../lib/contracts/contract-details-request.js';
import { matchingSymbols$ } from '../../lib/contracts/matching-symbols-request.js';
import { SpacingGate } from '../../lib/contracts/spacing-gate.js';
import { ConnectionError, IbApiError, RequestTimeoutError, SymbolNotFoundError } from '../../lib/errors.js';
import { normalizeContract } from '../../lib/requests/contract-key.js';
import { ibError, ready } from '../requests/request-events.js';
import { detailsEnd, detailsEvent, fakeOneShotContext, ibDetails, samplesEvent } from './fake-one-shot-context.js';

const AAPL = normalizeContract('AAPL');
const conIds = (list: readonly { readonly conId: number }[]): string => list.map((d) => d.conId).join(',');

// prettier-ignore
describe('oneShotRequest$ (through contractDetails$ and matchingSymbols$)', () => {
  it('waits for a ready socket, sends once and emits every row at the end marker', marbles((m) => {
    const ready$   = m.hot('--r--------', { r: ready(1) });
    const events$  = m.hot('----a-x-b-e', { a: detailsEvent(1, ibDetails(1, 'AAPL')), x: detailsEvent(9, ibDetails(9, 'MSFT')), b: detailsEvent(1, ibDetails(2, 'AAPL')), e: detailsEnd(1) });
    const fake = fakeOneShotContext({ scheduler: m.scheduler, ready$, events$, timeoutMs: 100 });
    m.expect(contractDetails$(AAPL, fake.context).pipe(map(conIds))).toBeObservable('----------(L|)', { L: '1,2' });
    m.flush();
    expect(fake.sent).to.deep.equal(['2 g1 details 1 AAPL']);
  }));

  it('answers an empty list when TWS ends without rows', marbles((m) => {
    const fake = fakeOneShotContext({ scheduler: m.scheduler, ready$: m.hot('r', { r: ready(1) }), events$: m.hot('--e', { e: detailsEnd(1) }) });
    m.expect(contractDetails$(AAPL, fake.context).pipe(map(conIds))).toBeObservable('--(L|)', { L: '' });
  }));

  it('sends again with a fresh id when the socket is replaced before the answer, and drops the old rows', marbles((m) => {
    const ready$   = m.hot('r----s--------', { r: ready(1), s: ready(2) });
    const events$  = m.hot('--a------b-e-E', { a: detailsEvent(1, ibDetails(1, 'AAPL')), b: detailsEvent(2, ibDetails(2, 'AAPL')), e: detailsEnd(2), E: detailsEnd(1) });
    const fake = fakeOneShotContext({ scheduler: m.scheduler, ready$, events$, timeoutMs: 100 });
    m.expect(contractDetails$(AAPL, fake.context).pipe(map(conIds))).toBeObservable('-----------(L|)', { L: '2' });
    m.flush();
    expect(fake.sent).to.deep.equal(['0 g1 details 1 AAPL', '5 g2 details 2 AAPL']);
  }));

  it('fails with RequestTimeoutError timeoutMs after the message left the pacing queue, not before', marbles((m) => {
    const fake = fakeOneShotContext({ scheduler: m.scheduler, ready$: m.hot('r', { r: ready(1) }), events$: m.hot('-'), timeoutMs: 5, holdSends: true });
    m.scheduler.schedule(() => { fake.release(); }, 4);
    const error = new RequestTimeoutError({ request: 'reqContractDetails', subject: 'AAPL', timeoutMs: 5 });
    m.expect(contractDetails$(AAPL, fake.context)).toBeObservable('---------#', undefined, error);
    m.flush();
    expect(fake.sent).to.deep.equal(['4 g1 details 1 AAPL']);
  }));

  it('restarts the deadline for a re-send after a reconnect', marbles((m) => {
    const ready$  = m.hot('r---s', { r: ready(1), s: ready(2) });
    const fake = fakeOneShotContext({ scheduler: m.scheduler, ready$, events$: m.hot('-'), timeoutMs: 6 });
    const error = new RequestTimeoutError({ request: 'reqContractDetails', subject: 'AAPL', timeoutMs: 6 });
    m.expect(contractDetails$(AAPL, fake.context)).toBeObservable('----------#', undefined, error);
  }));

  it('fails with SymbolNotFoundError (200) naming the request, and goes on past advisory codes', marbles((m) => {
    const events$ = m.hot('-w-n', { w: ibError(1, 2104), n: ibError(1, 200, 'No security definition has been found') });
    const fake = fakeOneShotContext({ scheduler: m.scheduler, ready$: m.hot('r', { r: ready(1) }), events$ });
    let failure: unknown;
    contractDetails$(AAPL, fake.context).subscribe({ error: (error: unknown) => { failure = error; } });
    m.flush();
    expect(failure).to.be.instanceOf(SymbolNotFoundError).and.include({ code: 200, reqId: 1, symbol: 'AAPL' });
  }));

  it('reports a pacing warning (100) and keeps waiting for the answer', marbles((m) => {
    const events$ = m.hot('-p-e', { p: ibError(1, 100), e: detailsEnd(1) });
    const fake = fakeOneShotContext({ scheduler: m.scheduler, ready$: m.hot('r', { r: ready(1) }), events$ });
    m.expect(contractDetails$(AAPL, fake.context).pipe(map(conIds))).toBeObservable('---(L|)', { L: '' });
    m.flush();
    expect(fake.reported.map((e) => e.code)).to.deep.equal([100]);
    expect(fake.reported[0]).to.be.instanceOf(IbApiError);
  }));

  it('fails with the session\'s ConnectionError when it never connects', marbles((m) => {
    const error = new ConnectionError({ host: 'h', port: 1, reason: 'no connection' });
    const fake = fakeOneShotContext({ scheduler: m.scheduler, ready$: m.hot('-'), events$: m.hot('-'), connectionDeadline$: m.cold('---#', undefined, error) });
    m.expect(contractDetails$(AAPL, fake.context)).toBeObservable('---#', undefined, error);
  }));

  it('never sends a request abandoned while it waited in the pacing queue', marbles((m) => {
    const fake = fakeOneShotContext({ scheduler: m.scheduler, ready$: m.hot('r', { r: ready(1) }), events$: m.hot('-'), holdSends: true });
    m.expect(contractDetails$(AAPL, fake.context), '^-!').toBeObservable('---');
    m.scheduler.schedule(() => { fake.release(); }, 5);
    m.flush();
    expect(fake.sent).to.deep.equal([]);
  }));

  it('never emits while no socket is ready and nothing fails', marbles((m) => {
    const fake = fakeOneShotContext({ scheduler: m.scheduler, ready$: m.hot('-'), events$: m.hot('-') });
    m.expect(contractDetails$(AAPL, fake.context)).toBeObservable('-');
  }));

  it('sends gated requests one interval apart, in call order', marbles((m) => {
    const events$ = m.hot('--a--------b', { a: samplesEvent(1, [{ contract: { conId: 1, symbol: 'AA' } }]), b: samplesEvent(2, []) });
    const fake = fakeOneShotContext({ scheduler: m.scheduler, ready$: m.hot('r', { r: ready(1) }), events$, timeoutMs: 100 });
    const gate = new SpacingGate(10, m.scheduler);
    const symbols = (list: readonly { readonly symbol: string }[]): string => list.map((s) => s.symbol).join(',');
    m.expect(matchingSymbols$('AA', fake.context, gate).pipe(map(symbols))).toBeObservable('--(L|)', { L: 'AA' });
    m.expect(matchingSymbols$('AB', fake.context, gate).pipe(map(symbols))).toBeObservable('-----------(L|)', { L: '' });
    m.flush();
    expect(fake.sent).to.deep.equal(['0 g1 search 1 AA', '10 g1 search 2 AB']);
  }));

  it('asks a gated request TWS refused for pacing (100) again through the gate, one interval later, and reports the 100', marbles((m) => {
    // Arrival jitter: the search left on time by the gate, yet TWS counted it early and answered 100.
    const events$ = m.hot('--p--------a', { p: ibError(1, 100), a: samplesEvent(2, [{ contract: { conId: 1, symbol: 'AA' } }]) });
    const fake = fakeOneShotContext({ scheduler: m.scheduler, ready$: m.hot('r', { r: ready(1) }), events$, timeoutMs: 100 });
    const gate = new SpacingGate(10, m.scheduler);
    const symbols = (list: readonly { readonly symbol: string }[]): string => list.map((s) => s.symbol).join(',');
    m.expect(matchingSymbols$('AA', fake.context, gate).pipe(map(symbols))).toBeObservable('-----------(L|)', { L: 'AA' });
    m.flush();
    expect(fake.sent).to.deep.equal(['0 g1 search 1 AA', '10 g1 search 2 AA']);
    expect(fake.reported.map((e) => e.code)).to.deep.equal([100]);
  }));

  it('gives up on a gated request after 3 pacing refusals with the IbApiError (100)', marbles((m) => {
    const events$ = m.hot('--p---------q---------r---------s', { p: ibError(1, 100), q: ibError(2, 100), r: ibError(3, 100), s: ibError(4, 100) });
    const fake = fakeOneShotContext({ scheduler: m.scheduler, ready$: m.hot('r', { r: ready(1) }), events$, timeoutMs: 100 });
    const gate = new SpacingGate(10, m.scheduler);
    let failure: unknown;
    matchingSymbols$('AA', fake.context, gate).subscribe({ error: (error: unknown) => { failure = error; } });
    m.flush();
    expect(fake.sent).to.have.length(4);
    expect(failure).to.be.instanceOf(IbApiError).and.include({ code: 100, reqId: 4 });
    expect(fake.reported.map((e) => e.code)).to.deep.equal([100, 100, 100, 100]);
  }));
});
