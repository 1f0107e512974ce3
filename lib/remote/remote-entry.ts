import type { Observable } from 'rxjs';
import { projectedShare, type ProjectedShare, type ProjectionSink, type StartProjected } from '../session/projected-share.js';

/** What a remote stream tells its entry: each new value with the input that made it (none for a snapshot or a local stale mark), or its error. */
export type RemoteSink<S, I> = ProjectionSink<S, I>;

/** Starts a remote stream that reports to `sink`; returns what stops it. */
export type StartRemote<S, I> = StartProjected<S, I>;

/** The projections of one remote stream, shared in this process. */
export type RemoteEntry<S, T> = ProjectedShare<S, T>;

/** Options of {@link remoteEntry}. */
export interface RemoteEntryOptions<I, T> {
  /** The input as an `inputs$` value, or `undefined` when it is not one (market data: ticks only). */
  readonly pick: (input: I) => T | undefined;
  /** Emits once when the session closes: every subscriber completes. */
  readonly end$: Observable<unknown>;
  /** Called when the stream ends (error, `end$`, last unsubscribe), before any subscriber hears of it. */
  readonly onEnd: () => void;
}

/**
 * One remote stream shared by every subscriber of a key in a consumer process (`projectedShare`,
 * as a local stream's `foldRequest`): `value$` replays the latest value and emits each new one
 * once, `inputs$` the picked inputs; started by the first subscriber, stopped by the last or `end$`.
 */
export function remoteEntry<S, I, T>(start: StartRemote<S, I>, options: RemoteEntryOptions<I, T>): RemoteEntry<S, T> {
  return projectedShare(start, options);
}
