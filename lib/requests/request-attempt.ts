import { concat, defer, EMPTY, Observable } from 'rxjs';
import { IbApiError } from '../errors.js';
import type { MarketStateInput } from '../state/index.js';
import { SizePairing } from '../ticks/size-pairing.js';
import { fallbackChain } from './fallback-chain.js';
import { FALLBACK, interpretRequestEvent, type RequestStep } from './interpret-request-event.js';
import type { MarketDataRequestContext, MarketDataRequestSpec } from './request-context.js';
import { sendCancelMarketData, sendMarketDataRequest } from './send-market-data-request.js';

/** State a subscription keeps across its requests (owned by `marketDataRequest$`'s `defer`). */
export interface AttemptMemory {
  /** Index into `fallbackChain(spec.dataType)`: how far the subscription has fallen back. */
  fallbackLevel: number;
  /** TWS forgot the current request (1101, new socket): replacing it needs no cancel. */
  requestLost: boolean;
  /** Scheduler time the current request left the pacing queue (`undefined` while queued). */
  sentAt: number | undefined;
  /** Ticks the subscription has had so far (a counter, so the tick path reads no clock). */
  ticks: number;
}

/**
 * One request for a subscription on socket `generation`, with a fresh request id: routes that id's
 * events, then sends `reqMktData`; emits the market-state inputs.
 *
 * ```text
 * events of reqId 7    --t--t--354|
 * attempt              --T--T--(reqId 8 as delayed: --T--T-->)
 * ```
 * - "Not subscribed" (354 / 10168) while a delayed type is left: this request ends (no cancel: TWS
 *   refused it) and a new one with the next type follows on the same socket; the memory keeps the
 *   level so later resubscriptions ask for the same type.
 * - A request-fatal error (200, 101, …) errors the stream (no cancel: the request is dead).
 * - Unsubscribing cancels the request, but only while its socket is alive and TWS still knows it.
 */
export function requestAttempt$(spec: MarketDataRequestSpec, generation: number, context: MarketDataRequestContext, memory: AttemptMemory): Observable<MarketStateInput> {
  return defer(() => {
    const chain = fallbackChain(spec.dataType);
    const level = Math.min(memory.fallbackLevel, chain.length - 1);
    const dataType = chain[level] ?? spec.dataType;
    const reqId = context.nextReqId();
    const { registry } = context;
    let cancelDue = true;
    let fellBack = false;
    memory.requestLost = false;
    memory.sentAt = undefined;
    registry.setRequest(spec.key, reqId, generation, dataType);
    const eventContext = {
      symbol: spec.symbol,
      canFallBack: level < chain.length - 1,
      pairing: new SizePairing(),
      lines: () => ({ inUse: registry.size, limit: registry.limit }),
      report: context.report,
    };
    const cancelIfLive = (): void => {
      if (cancelDue && !memory.requestLost && context.isAlive(generation)) sendCancelMarketData(context.send, reqId, generation);
      registry.clearRequest(spec.key, reqId);
    };
    const onSent = (): void => {
      memory.sentAt = context.scheduler.now();
    };
    // One subscriber per event (route → interpret → emit / end) instead of map, takeWhile, filter
    // and a merge with the send: this is the per-tick hot path of every subscription.
    const inputs$ = new Observable<MarketStateInput>((subscriber) => {
      const route = context.route$(reqId).subscribe({
        next: (event) => {
          let step: RequestStep;
          try {
            step = interpretRequestEvent(event, eventContext);
          } catch (error: unknown) {
            subscriber.error(error);
            return;
          }
          if (step === undefined) return;
          if (step === FALLBACK) {
            cancelDue = false;
            fellBack = true;
            memory.fallbackLevel = level + 1;
            subscriber.complete();
          } else if (step instanceof IbApiError) {
            cancelDue = false;
            subscriber.error(step);
          } else {
            if (step.type === 'tick') memory.ticks++;
            subscriber.next(step);
          }
        },
        error: (error: unknown) => {
          subscriber.error(error);
        },
        complete: () => {
          subscriber.complete();
        },
      });
      // The route is open before the request leaves, so no answer can be missed.
      if (!subscriber.closed) sendMarketDataRequest(context.send, {
        reqId, generation, contract: spec.contract, dataType, sessionDataType: context.sessionDataType, onSent,
        ...(spec.genericTicks !== undefined && { genericTicks: spec.genericTicks }),
      });
      return () => {
        route.unsubscribe();
        cancelIfLive();
      };
    });
    return concat(
      inputs$,
      defer(() => (fellBack ? requestAttempt$(spec, generation, context, memory) : EMPTY)),
    );
  });
}
