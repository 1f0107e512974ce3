import { Observable } from 'rxjs';
import type { IbEventOf } from '../../connection/ib-event.js';
import { IbApiError, ibApiErrorFromCode, IbRxError } from '../../errors.js';
import { IbCode } from '../../ib-codes.js';
import { log } from '../../log.js';
import type { DepthContext, DepthRequestSpec } from './depth-context.js';
import type { DepthInput } from './depth-fold.js';
import { depthUpdateOf } from './depth-update.js';

/** What a depth request keeps across its attempts. */
export interface DepthMemory {
  /** TWS forgot the current request (1101, new socket): replacing it needs no cancel. */
  requestLost: boolean;
}

/** TWS halted (316) or reset (317) the book: the attempt ends so that a fresh request replaces it (never reaches users). */
export class DepthBookReset extends IbRxError {
  static {
    this.prototype.name = 'DepthBookReset';
  }
  constructor(readonly code: number) {
    super(`market depth ${code === IbCode.DEPTH_HALTED ? 'halted' : 'reset'} (IB ${code})`);
  }
}

/**
 * One `reqMktDepth` on socket `generation` with a fresh request id, as book inputs:
 *
 * ```text
 * route      ---u--u--u---e(317)          u: updateMktDepth / updateMktDepthL2
 * attempt    ---U--U--U---(c#)            c: clear, #: DepthBookReset (the caller asks again)
 * ```
 * - Errors: the typed `IbApiError` of a request-fatal code (200 → `SymbolNotFoundError`, 309 →
 *   `StreamLimitError`, 354 → `NotSubscribedError`, …); `DepthBookReset` for 316 / 317. Advisory
 *   codes are logged, pacing warnings reported; the book goes on.
 * - Unsubscribing (or a reset) sends `cancelMktDepth(reqId, spec.smart)` — the same isSmartDepth as
 *   the request — while its socket is open and TWS still knows the request.
 */
export function depthAttempt$(spec: DepthRequestSpec, generation: number, context: DepthContext, memory: DepthMemory): Observable<DepthInput> {
  const { contract, symbol, rows, smart } = spec;
  return new Observable<DepthInput>((subscriber) => {
    const reqId = context.nextReqId();
    memory.requestLost = false;
    let sent = false;
    let open = true;
    const onError = (event: IbEventOf<'error'>): void => {
      const { code, message, info } = event;
      log.requests('reqMktDepth %d %s: IB %d %s', reqId, symbol, code, message);
      if (code === IbCode.DEPTH_HALTED || code === IbCode.DEPTH_RESET) {
        subscriber.next({ type: 'clear', time: event.time });
        subscriber.error(new DepthBookReset(code));
      } else if (info.action !== 'none') {
        open = false;
        subscriber.error(ibApiErrorFromCode(code, message, { reqId, symbol }));
      } else if (info.kind === 'pacing' || info.kind === 'entitlement') context.report(new IbApiError(code, message, { reqId, symbol }));
    };
    const route = context.route$(reqId).subscribe({
      next: (event) => {
        if (event.type === 'updateMktDepth' || event.type === 'updateMktDepthL2') {
          const update = depthUpdateOf(event);
          if (update === undefined) log.requests('reqMktDepth %d %s: operation %d side %d unknown, skipped', reqId, symbol, event.operation, event.side);
          else subscriber.next({ type: 'update', update });
        } else if (event.type === 'error') onError(event);
      },
      error: (error: unknown) => { subscriber.error(error); },
      complete: () => { subscriber.complete(); },
    });
    log.requests('reqMktDepth %d %s rows %d smart %s on socket %d', reqId, symbol, rows, smart, generation);
    context.send((api) => {
      if (subscriber.closed) return; // abandoned while queued: don't ask
      api.reqMktDepth(reqId, contract, rows, smart, []);
      sent = true;
    }, generation);
    return () => {
      route.unsubscribe();
      if (sent && open && !memory.requestLost && context.isAlive(generation)) {
        log.requests('cancelMktDepth %d %s smart %s on socket %d', reqId, symbol, smart, generation);
        context.send((api) => { api.cancelMktDepth(reqId, smart); }, generation);
      }
    };
  });
}
