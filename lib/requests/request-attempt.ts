import { Subscription } from 'rxjs';
import { IbApiError } from '../errors.js';
import type { MarketStateInput } from '../state/index.js';
import { SizePairing } from '../ticks/size-pairing.js';
import { fallbackChain } from './fallback-chain.js';
import { FALLBACK, interpretRequestEvent, type RequestStep } from './interpret-request-event.js';
import type { MarketDataRequestContext, MarketDataRequestSpec } from './request-context.js';
import { sendCancelMarketData, sendMarketDataRequest } from './send-market-data-request.js';

/** State a subscription keeps across its requests (owned by `marketDataRequest$`'s subscription). */
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

/** Where an attempt delivers: the inputs, then at most one of `error` / `complete`. */
export interface AttemptSink {
  next(input: MarketStateInput): void;
  error(error: unknown): void;
  complete(): void;
}

/**
 * One request for a subscription on socket `generation`, with a fresh request id: routes that id's
 * events, then sends `reqMktData`, and hands the market-state inputs to `sink`. Returns the
 * attempt's stop (idempotent; a no-op once it ended).
 *
 * ```text
 * events of reqId 7    --t--t--354|
 * sink                 --T--T--(reqId 8 as delayed: --T--T-->)
 * ```
 * - "Not subscribed" (354 / 10168) while a delayed type is left: this request ends (no cancel: TWS
 *   refused it) and a new one with the next type follows on the same socket; the memory keeps the
 *   level so later resubscriptions ask for the same type.
 * - A request-fatal error (200, 101, …) goes to `sink.error` (no cancel: the request is dead); so
 *   does an exception of the event's interpretation. The end of the event source ends the attempt.
 * - Stopping cancels the request, but only while its socket is alive and TWS still knows it; an
 *   attempt that ended by itself has already let go of its request id when `sink` hears of it.
 *
 * A plain function with a sink rather than an Observable: each event is one call from the router
 * to here and one to `sink` — this is the per-tick path of every subscription.
 */
export function startRequestAttempt(
  spec: MarketDataRequestSpec, generation: number, context: MarketDataRequestContext, memory: AttemptMemory, sink: AttemptSink,
): () => void {
  const chain = fallbackChain(spec.dataType);
  const level = Math.min(memory.fallbackLevel, chain.length - 1);
  const dataType = chain[level] ?? spec.dataType;
  const reqId = context.nextReqId();
  const { registry } = context;
  let live = true;
  let fallback: (() => void) | undefined;
  /** The route of `reqId` (closed by `end`; a route added after that is removed at once). */
  const route = new Subscription();
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
  /** Lets go of the route and the request id, cancelling the request if `cancel` and TWS still has it. */
  const end = (cancel: boolean): void => {
    if (!live) return;
    live = false;
    route.unsubscribe();
    if (cancel && !memory.requestLost && context.isAlive(generation)) sendCancelMarketData(context.send, reqId, generation);
    registry.clearRequest(spec.key, reqId);
  };
  route.add(context.listen(reqId, {
    next: (event) => {
      if (!live) return;
      let step: RequestStep;
      try {
        step = interpretRequestEvent(event, eventContext);
      } catch (error: unknown) {
        end(false);
        sink.error(error);
        return;
      }
      if (step === undefined) return;
      if (step === FALLBACK) {
        end(false);
        memory.fallbackLevel = level + 1;
        fallback = startRequestAttempt(spec, generation, context, memory, sink);
      } else if (step instanceof IbApiError) {
        end(false);
        sink.error(step);
      } else {
        if (step.type === 'tick') memory.ticks++;
        sink.next(step);
      }
    },
    error: (error: unknown) => {
      end(false);
      sink.error(error);
    },
    complete: () => {
      end(false);
      sink.complete();
    },
  }));
  // The route is open before the request leaves, so no answer can be missed (unless the event
  // source had ended already).
  if (!route.closed) {
    sendMarketDataRequest(context.send, {
      reqId, generation, contract: spec.contract, dataType, sessionDataType: context.sessionDataType,
      onSent: () => { memory.sentAt = context.scheduler.now(); },
      ...(spec.genericTicks !== undefined && { genericTicks: spec.genericTicks }),
    });
  }
  return () => {
    if (fallback !== undefined) fallback();
    else end(true);
  };
}
