import type { ResolvedHistoricalPacing } from './historical-options.js';
import type { HistoricalPacingRule as PacingRule } from './historical-pacing-rule.js';

export type { PacingRule };

/** What the pacer needs to know about a request. */
export interface PacedRequest {
  /** Everything that makes two requests identical (contract, exchange, end, duration, bar size, whatToShow, useRTH). */
  readonly identity: string;
  /** Contract, exchange and tick type: the same-contract rule's key. */
  readonly key: string;
  /** 2 for BID_ASK (IB counts it twice), else 1. */
  readonly weight: number;
  /** Bars of `smallBarMaxSeconds` or less: the time rules apply. */
  readonly small: boolean;
}

interface Entry {
  readonly t: number;
  readonly identity: string;
  readonly key: string;
  readonly weight: number;
}

/**
 * IB's historical pacing: for small bars, no identical request within `identicalWindowMs`, at most
 * `burstMax` requests (BID_ASK counting twice) for one contract / exchange / tick type within
 * `burstWindowMs` (IB: "six or more … within two seconds" violate), at most `windowMax` within
 * `windowMs`; for every bar size at most `maxOpen` open requests per connection. Only accepted
 * requests count. Shared by all connections, like the account-wide limits of IB's HMDS.
 */
export class HistoricalPacer {
  private entries: Entry[] = [];

  constructor(private readonly rules: ResolvedHistoricalPacing) {}

  /** The rule `req` would break at `now` with `open` requests already open on its connection, if any. */
  check(now: number, req: PacedRequest, open: number): PacingRule | undefined {
    const r = this.rules;
    if (!r.enabled) return undefined;
    if (open >= r.maxOpen) return 'open';
    if (!req.small) return undefined;
    this.trim(now);
    const since = (windowMs: number): Entry[] => this.entries.filter((e) => now - e.t < windowMs);
    if (since(r.identicalWindowMs).some((e) => e.identity === req.identity)) return 'identical';
    const weight = (list: readonly Entry[]): number => list.reduce((n, e) => n + e.weight, 0);
    if (weight(since(r.burstWindowMs).filter((e) => e.key === req.key)) + req.weight > r.burstMax) return 'burst';
    if (weight(since(r.windowMs)) + req.weight > r.windowMax) return 'window';
    return undefined;
  }

  /** Counts an accepted request. */
  accept(now: number, req: PacedRequest): void {
    if (req.small && this.rules.enabled) this.entries.push({ t: now, identity: req.identity, key: req.key, weight: req.weight });
  }

  private trim(now: number): void {
    const r = this.rules;
    const keep = Math.max(r.identicalWindowMs, r.burstWindowMs, r.windowMs);
    const first = this.entries.findIndex((e) => now - e.t < keep);
    if (first !== 0) this.entries = first < 0 ? [] : this.entries.slice(first);
  }
}
