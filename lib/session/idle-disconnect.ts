import { distinctUntilChanged, EMPTY, map, skip, switchMap, timer } from 'rxjs';
import type { Observable, OperatorFunction, SchedulerLike } from 'rxjs';

/**
 * From the number of market data lines in use: emits (`0`) each time the lines have been zero for
 * `idleMs` since they last dropped to zero — when a lazily connected session disconnects. A line
 * taken within `idleMs` cancels that. The count at subscription (usually 0, nothing open yet)
 * starts nothing.
 *
 * ```text
 * lines:   0-1-2-1-0---------1-0-1---     (idleMs = 5)
 * result:  -------------x---------------  x: disconnect now
 * ```
 */
export function idleFor(idleMs: number, scheduler: SchedulerLike): OperatorFunction<number, 0> {
  return (lines$: Observable<number>) =>
    lines$.pipe(
      map((lines) => lines === 0),
      distinctUntilChanged(),
      skip(1),
      switchMap((idle) => (idle ? timer(idleMs, scheduler).pipe(map(() => 0 as const)) : EMPTY)),
    );
}
