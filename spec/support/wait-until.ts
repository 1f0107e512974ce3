// Polling for integration specs over real sockets: wait for a condition the simulator or a client reaches.
import { filter, firstValueFrom, interval, take, throwError, timeout } from 'rxjs';

/**
 * Resolves once `predicate()` holds (polled every 5 ms); rejects after `ms` naming `what`. A
 * predicate that throws counts as "not yet" (e.g. no connection at the simulator so far); the last
 * such error is named in the timeout.
 */
export function waitUntil(predicate: () => boolean, ms: number, what: string): Promise<number> {
  let lastError: unknown;
  const holds = (): boolean => {
    try {
      return predicate();
    } catch (error: unknown) {
      lastError = error;
      return false;
    }
  };
  const because = (): string => (lastError instanceof Error ? ` (last check threw: ${lastError.message})` : '');
  return firstValueFrom(
    interval(5).pipe(
      filter(holds),
      take(1),
      timeout({ first: ms, with: () => throwError(() => new Error(`timed out after ${ms} ms waiting for ${what}${because()}`)) }),
    ),
    { defaultValue: 0 },
  );
}
