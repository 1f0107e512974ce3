import { map, startWith, type Observable } from 'rxjs';
import type { CliSession } from '../cli-session.js';
import { renderConnectionLine } from '../render/connection-line.js';
import { healthLine$ } from './watch-monitoring.js';

/**
 * The status lines `watch` shows above the table (and the web view in its header), in order. Each
 * is an Observable of one line that emits at once: the connection, then (for a session with
 * `health$`: a real one, or a remote one over NATS) the one-line health summary.
 */
export function watchStatusLines(session: CliSession): Observable<string>[] {
  const connection$ = session.connection$.pipe(map(renderConnectionLine), startWith('connection: connecting'));
  const { health$ } = session;
  return health$ === undefined ? [connection$] : [connection$, healthLine$({ health$ })];
}
