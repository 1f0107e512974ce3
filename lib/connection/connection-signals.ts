import { distinctUntilChanged, map, mergeMap, pairwise, type Observable, type OperatorFunction } from 'rxjs';
import type { ConnectionState } from './connection-state.js';

/** `true` when socket `generation` is connected (requests on it can still be sent or cancelled). */
export function isSocketAlive(state: ConnectionState, generation: number): boolean {
  return state.socket.status === 'connected' && state.socket.generation === generation;
}

/**
 * `true` while market data cannot flow: no ready socket, IB's link lost (1100, until 1101 / 1102),
 * or a market data farm broken (2103, until its 2104).
 */
export function isInterrupted(state: ConnectionState): boolean {
  if (state.socket.status !== 'connected' || !state.socket.ready || state.link === 'lost') return true;
  return Object.values(state.farms).some((farm) => farm.kind === 'market-data' && farm.status === 'broken');
}

/**
 * Whether data is interrupted (see {@link isInterrupted}), emitted on change.
 *
 * ```text
 * state$        a--b--c--d--    a: connecting, b: ready, c: 1100, d: 1102
 * interrupted   t--f--t--f--
 * ```
 */
export function interrupted(): OperatorFunction<ConnectionState, boolean> {
  return (state$) => state$.pipe(map(isInterrupted), distinctUntilChanged());
}

/**
 * The names of market data farms that came back: a farm reported broken (2103) in one state and
 * OK (2104) in the next. Only transitions after subscribing count (the current state is the base).
 *
 * ```text
 * state$         a--b--c--     b: usfarm broken, c: usfarm OK
 * farmRecovered  -------u--    u: 'usfarm'
 * ```
 */
export function farmRecovered(): OperatorFunction<ConnectionState, string> {
  return (state$: Observable<ConnectionState>) =>
    state$.pipe(
      pairwise(),
      mergeMap(([before, after]) =>
        Object.values(after.farms)
          .filter((farm) => farm.kind === 'market-data' && farm.status === 'ok' && before.farms[farm.name]?.status === 'broken')
          .map((farm) => farm.name),
      ),
    );
}
