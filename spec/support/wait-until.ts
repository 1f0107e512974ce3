// Polling for integration specs over real sockets: wait for a condition the simulator or a client reaches.
import { filter, firstValueFrom, interval, take, throwError, timeout } from 'rxjs';

/** Resolves once `predicate()` holds (polled every 5 ms); rejects after `ms` naming `what`. */
export function waitUntil(predicate: () => boolean, ms: number, what: string): Promise<number> {
  return firstValueFrom(
    interval(5).pipe(
      filter(() => predicate()),
      take(1),
      timeout({ first: ms, with: () => throwError(() => new Error(`timed out after ${ms} ms waiting for ${what}`)) }),
    ),
    { defaultValue: 0 },
  );
}
