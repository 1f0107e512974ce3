import { asyncScheduler, combineLatest, map, of, timer, withLatestFrom } from 'rxjs';
import type { Observable, SchedulerLike } from 'rxjs';
import type { QuoteRow } from '../render/quote-table.js';
import type { WatchFrame } from './watch-screen.js';

/** Inputs of {@link watchFrames$}. */
export interface WatchFramesOptions {
  readonly title: string;
  readonly rows$: Observable<readonly QuoteRow[]>;
  /** One Observable per status line (connection, health …); each must emit a first line at once (use startWith). */
  readonly status$: readonly Observable<string>[];
  /** Refresh period: the screen is redrawn this often (ages keep moving even without ticks). */
  readonly refreshMs: number;
  /** `watch --bars`: the bar column's title. */
  readonly barsLabel?: string | undefined;
  readonly scheduler?: SchedulerLike;
}

/**
 * Watch frames: at once, every `refreshMs`, and at every status change (so a short reconnect is
 * never missed), the latest rows and status lines, stamped with the scheduler's time. Never
 * completes by itself; errors if rows$ or a status line errors.
 *
 * ```text
 * rows$     a---b--------     (refresh 3)
 * status$   s------t------
 * frames    A--A--BC-B--C
 * ```
 */
export function watchFrames$(options: WatchFramesOptions): Observable<WatchFrame> {
  const scheduler = options.scheduler ?? asyncScheduler;
  const status$ = options.status$.length === 0 ? of<string[]>([]) : combineLatest(options.status$);
  return combineLatest([status$, timer(0, options.refreshMs, scheduler)]).pipe(
    withLatestFrom(options.rows$),
    map(([[status], rows]): WatchFrame => ({
      now: scheduler.now(), title: options.title, status, rows, ...(options.barsLabel !== undefined && { barsLabel: options.barsLabel }),
    })),
  );
}
