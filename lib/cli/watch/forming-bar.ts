import { distinctUntilChanged, map, type Observable } from 'rxjs';
import type { Bar } from '../../bars/bar.js';
import { barSizeInfo, type BarSize } from '../../history/bar-size.js';
import { gapDuration } from '../../history/gap-duration.js';
import type { CliSession } from '../cli-session.js';

const SECOND_MS = 1000;

/**
 * `watch --bars`: per symbol, the bar of `barSize` forming now (or, outside trading hours, the last
 * one closed), from `bars$` with the shortest history covering two bars.
 */
export function formingBarOf$(session: Pick<CliSession, 'bars$'>, barSize: BarSize): (symbol: string) => Observable<Bar | undefined> {
  const info = barSizeInfo(barSize);
  const duration = gapDuration(info, 2 * info.seconds * SECOND_MS);
  return (symbol) => session.bars$(symbol, { barSize, duration, history: 2 }).pipe(
    map((series) => series.forming ?? series.bars.last),
    distinctUntilChanged(),
  );
}
