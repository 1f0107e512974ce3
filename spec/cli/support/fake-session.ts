import { NEVER, Subject } from 'rxjs';
import type { Observable } from 'rxjs';
import type { Bar } from '../../../lib/bars/bar.js';
import type { CliSession, ConnectionSummary } from '../../../lib/cli/cli-session.js';
import type { ContractDetails } from '../../../lib/contracts/contract-details.js';
import type { SymbolMatch } from '../../../lib/contracts/symbol-match.js';
import type { BarSeries } from '../../../lib/history/bar-series.js';
import type { BarsOptions, HistoricalBarsOptions } from '../../../lib/history/historical-options.js';
import { contractLabel, normalizeContract, type SymbolOrContract } from '../../../lib/requests/contract-key.js';
import type { QuoteView } from '../../../lib/cli/render/quote-view.js';
import type { Tick } from '../../../lib/ticks/tick.js';

/** Scripted contract answers: by contract label (`AAPL`) and by search pattern; an Error rejects. */
export interface FakeContractAnswers {
  readonly details?: Readonly<Record<string, readonly ContractDetails[] | Error>>;
  readonly search?: Readonly<Record<string, readonly SymbolMatch[] | Error>>;
  /** `historicalBars` answers by contract label. */
  readonly history?: Readonly<Record<string, readonly Bar[] | Error>>;
}

const answer = <T>(value: T | Error | undefined): Promise<T> =>
  value === undefined ? new Promise(() => undefined) : value instanceof Error ? Promise.reject(value) : Promise.resolve(value);

/** A scripted CliSession: per-symbol answers, a controllable fatal error, and a record of close(). */
export class FakeSession implements CliSession {
  closed = false;
  private readonly fatalErrors$ = new Subject<Error>();
  readonly fatal$: Observable<Error> = this.fatalErrors$.asObservable();
  readonly connection$: Observable<ConnectionSummary>;

  constructor(
    private readonly answers: Readonly<Record<string, QuoteView | Error>>,
    private readonly streams: {
      readonly marketData$?: (s: string) => Observable<QuoteView>;
      readonly ticks$?: (s: string) => Observable<Tick>;
      readonly bars$?: (s: string, options: BarsOptions) => Observable<BarSeries>;
      readonly connection$?: Observable<ConnectionSummary>;
    } = {},
    private readonly contracts: FakeContractAnswers = {},
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

  readonly contractDetails = (contract: SymbolOrContract): Promise<readonly ContractDetails[]> =>
    answer(this.contracts.details?.[contractLabel(normalizeContract(contract))]);

  readonly searchSymbols = (pattern: string): Promise<readonly SymbolMatch[]> => answer(this.contracts.search?.[pattern]);

  /** Every `historicalBars` call, with its options. */
  readonly historyCalls: { readonly contract: SymbolOrContract; readonly options: HistoricalBarsOptions }[] = [];

  readonly historicalBars = (contract: SymbolOrContract, options: HistoricalBarsOptions): Promise<readonly Bar[]> => {
    this.historyCalls.push({ contract, options });
    return answer(this.contracts.history?.[contractLabel(normalizeContract(contract))]);
  };

  readonly bars$ = (symbol: string, options: BarsOptions): Observable<BarSeries> => this.streams.bars$?.(symbol, options) ?? NEVER;

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
