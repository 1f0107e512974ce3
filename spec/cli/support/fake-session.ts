import { NEVER, Subject } from 'rxjs';
import type { Observable } from 'rxjs';
import type { CliSession, ConnectionSummary } from '../../../lib/cli/cli-session.js';
import type { QuoteView } from '../../../lib/cli/render/quote-view.js';
import type { Tick } from '../../../lib/ticks/tick.js';

/** A scripted CliSession: per-symbol answers, a controllable fatal error, and a record of close(). */
export class FakeSession implements CliSession {
  closed = false;
  private readonly fatalErrors$ = new Subject<Error>();
  readonly fatal$: Observable<Error> = this.fatalErrors$.asObservable();
  readonly connection$: Observable<ConnectionSummary>;

  constructor(
    private readonly answers: Readonly<Record<string, QuoteView | Error>>,
    private readonly streams: { readonly marketData$?: (s: string) => Observable<QuoteView>; readonly ticks$?: (s: string) => Observable<Tick>; readonly connection$?: Observable<ConnectionSummary> } = {},
  ) {
    this.connection$ = streams.connection$ ?? NEVER;
  }

  readonly marketData$ = (symbol: string): Observable<QuoteView> => this.streams.marketData$?.(symbol) ?? NEVER;
  readonly ticks$ = (symbol: string): Observable<Tick> => this.streams.ticks$?.(symbol) ?? NEVER;

  readonly snapshot = (symbol: string): Promise<QuoteView> => {
    const answer = this.answers[symbol];
    if (answer === undefined) return new Promise(() => undefined);
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };

  /** Makes the session fail as a whole (like an unreachable gateway). */
  failWith(error: Error): void {
    this.fatalErrors$.next(error);
  }

  readonly close = (): Promise<void> => {
    this.closed = true;
    this.fatalErrors$.complete();
    return Promise.resolve();
  };
}
