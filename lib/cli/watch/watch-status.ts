import { map, startWith, type Observable } from 'rxjs';
import type { CliSession } from '../cli-session.js';
import { renderConnectionLine } from '../render/connection-line.js';
import { healthLine$ } from './watch-monitoring.js';

/**
 * The status lines `watch` shows above the table (and the web view in its header), in order. Each
 * is an Observable of one line that emits at once: the connection, then (for a real session) the
 * one-line health summary.
 */
export function watchStatusLines(session: CliSession): Observable<string>[] {
  const connection$ = session.connection$.pipe(map(renderConnectionLine), startWith('connection: connecting'));
  return session.ibSession === undefined ? [connection$] : [connection$, healthLine$(session.ibSession)];
}
