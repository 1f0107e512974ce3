import { BehaviorSubject, defer, firstValueFrom, map, takeUntil, tap, type Observable } from 'rxjs';
import { InvalidInputError, SessionClosedError } from '../errors.js';
import { checkExpiry } from '../requests/contract-fields.js';
import { contractKey, contractLabel, normalizeContract, type SymbolOrContract } from '../requests/contract-key.js';
import type { ContractDetails } from './contract-details.js';
import { contractDetails$ } from './contract-details-request.js';
import { SecType, type Contract } from './contract-types.js';
import { matchingSymbols$ } from './matching-symbols-request.js';
import type { OneShotContext } from './one-shot-request.js';
import type { OptionChain } from './option-chain.js';
import { optionParams$ } from './option-params-request.js';
import { pickOne } from './pick-one.js';
import { SpacingGate } from './spacing-gate.js';
import type { SymbolMatch } from './symbol-match.js';

/** Options of {@link ContractService}. */
export interface ContractServiceOptions {
  /** The session's connection, ids, routing, pacing, clock and timeout. */
  readonly context: OneShotContext;
  /** Emits when the session closes: pending requests reject with `SessionClosedError`. */
  readonly closed$: Observable<unknown>;
  /** Connects the session if it is not connected; `false` once it is closed. */
  readonly open: () => boolean;
  /** Least time between two `reqMatchingSymbols` (IB: about one per second). */
  readonly searchIntervalMs: number;
  /** Cache entries kept, oldest forgotten first (a qualified contract takes one per spelling asked plus one for its conId). Default 10 000. */
  readonly cacheSize?: number;
}

const DEFAULT_CACHE_SIZE = 10_000;

/**
 * The session's contract requests: details, qualification (cached), symbol search (governed) and
 * option chains. Every request shares the session's connection, pacing budget, request ids and
 * routing; each is a cold Observable run once per call and turned into a Promise. See
 * docs/contracts.md.
 */
export class ContractService {
  /** Requests in flight (the session stays connected while there are any). Replays; completes on `complete()`. */
  readonly pending$: Observable<number>;
  readonly #options: ContractServiceOptions;
  readonly #gate: SpacingGate;
  readonly #pending$ = new BehaviorSubject(0);
  readonly #qualified = new Map<string, Promise<Contract>>();

  constructor(options: ContractServiceOptions) {
    this.#options = options;
    this.#gate = new SpacingGate(options.searchIntervalMs, options.context.scheduler);
    this.pending$ = this.#pending$.asObservable();
  }

  /** Every contract TWS matches (see `IbSession.contractDetails`). */
  async contractDetails(input: SymbolOrContract): Promise<readonly ContractDetails[]> {
    return this.#run(contractDetails$(this.#prepare(input), this.#options.context));
  }

  /** The one contract a symbol or contract names, with its conId; cached (see `IbSession.qualify`). */
  async qualify(input: SymbolOrContract): Promise<Contract> {
    const contract = this.#prepare(input);
    const key = contractKey(contract);
    const known = this.#qualified.get(key);
    if (known !== undefined) return known;
    const qualified = this.#run(contractDetails$(contract, this.#options.context)).then((details) => pickOne(contractLabel(contract), details));
    this.#remember(key, qualified);
    qualified.then(
      (result) => { this.#remember(contractKey(result), qualified); },
      () => { if (this.#qualified.get(key) === qualified) this.#qualified.delete(key); },
    );
    return qualified;
  }

  /** Symbols matching a pattern, governed to IB's pace (see `IbSession.searchSymbols`). */
  async searchSymbols(pattern: string): Promise<readonly SymbolMatch[]> {
    const text = typeof pattern === 'string' ? pattern.trim() : '';
    if (text === '') throw new InvalidInputError({ field: 'pattern', value: pattern, expected: 'a non-empty search text (a symbol or part of a name)' });
    return this.#run(matchingSymbols$(text, this.#options.context, this.#gate));
  }

  /** The option chains of an underlying, qualified first (see `IbSession.optionChain`). */
  async optionChain(input: SymbolOrContract): Promise<readonly OptionChain[]> {
    const underlying = await this.qualify(input);
    const { conId = 0, symbol = '', secType = SecType.STK } = underlying;
    return this.#run(optionParams$({ ...underlying, conId, symbol, secType }, this.#options.context));
  }

  /** The session closed: forget the cache, end `pending$`. */
  complete(): void {
    this.#qualified.clear();
    this.#pending$.complete();
  }

  /** Normalised and checked: an expiry must be `YYYYMM` / `YYYYMMDD` and not past (unless `includeExpired`). */
  #prepare(input: SymbolOrContract): Contract {
    const contract = normalizeContract(input);
    const expiry = contract.lastTradeDateOrContractMonth;
    if (expiry !== undefined && contract.includeExpired !== true) checkExpiry(expiry, this.#options.context.scheduler.now());
    return contract;
  }

  #remember(key: string, value: Promise<Contract>): void {
    this.#qualified.delete(key);
    this.#qualified.set(key, value);
    if (this.#qualified.size <= (this.#options.cacheSize ?? DEFAULT_CACHE_SIZE)) return;
    const oldest = this.#qualified.keys().next();
    if (oldest.done !== true) this.#qualified.delete(oldest.value);
  }

  /** Runs a one-shot request: connects lazily, counts it as pending, rejects with `SessionClosedError` on close. */
  async #run<T>(request$: Observable<T>): Promise<T> {
    const counted$ = defer(() => {
      if (!this.#options.open()) throw new SessionClosedError();
      this.#add(1);
      const done = (): void => { this.#add(-1); };
      return request$.pipe(tap({ error: done, complete: done, unsubscribe: done }), takeUntil(this.#options.closed$));
    });
    const result = await firstValueFrom(counted$.pipe(map((value) => ({ value }))), { defaultValue: undefined });
    if (result === undefined) throw new SessionClosedError();
    return result.value;
  }

  #add(delta: number): void {
    if (!this.#pending$.closed) this.#pending$.next(this.#pending$.value + delta);
  }
}
