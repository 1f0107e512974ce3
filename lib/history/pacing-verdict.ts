import type { HistoricalPacingRules } from './pacing-rules.js';

/** What the pacing rules need to know about a historical request. */
export interface PacingTicket {
  /** Everything that makes two requests identical (contract, end, duration, bar size, whatToShow, useRTH). */
  readonly identity: string;
  /** Contract, exchange and tick type: the same-contract rule's key. */
  readonly key: string;
  /** 2 for BID_ASK (IB counts it twice), else 1. */
  readonly weight: number;
  /** Bars short enough for the time rules (`smallBarMaxSeconds`). */
  readonly small: boolean;
}

/** A request let through: when it was sent (`undefined`: not yet, it counts as "now"). */
export interface PacingRecord {
  t: number | undefined;
  readonly ticket: PacingTicket;
}

/** Why a request must wait, and from when it might go (`undefined`: when a pending send is stamped). */
export interface PacingVerdict {
  readonly rule: 'identical' | 'burst' | 'window';
  readonly until: number | undefined;
}

/**
 * Whether `ticket` may be sent at `now` after the `records` (sent or about to be), by IB's time
 * rules: no identical request within `identicalWindowMs`, at most `burstMax` (weighted) for its key
 * within `burstWindowMs`, at most `windowMax` (weighted) within `windowMs`; each window widened by
 * `marginMs`. `undefined` = it may go; else the rule it would break and the earliest time that
 * rule could allow it (assuming nothing else is sent). A ticket heavier than a rule's maximum
 * goes when nothing else counts in that window.
 */
export function pacingVerdict(records: readonly PacingRecord[], ticket: PacingTicket, now: number, rules: HistoricalPacingRules): PacingVerdict | undefined {
  const { marginMs } = rules;
  const identicalMs = rules.identicalWindowMs + marginMs;
  const identical = records.filter((r) => r.ticket.identity === ticket.identity && inWindow(r, now, identicalMs));
  if (identical.length > 0) return { rule: 'identical', until: latestExpiry(identical, identicalMs) };
  const burst = capacityVerdict(records.filter((r) => r.ticket.key === ticket.key), ticket.weight, now, rules.burstWindowMs + marginMs, rules.burstMax);
  if (burst !== null) return { rule: 'burst', until: burst };
  const window = capacityVerdict(records, ticket.weight, now, rules.windowMs + marginMs, rules.windowMax);
  if (window !== null) return { rule: 'window', until: window };
  return undefined;
}

const inWindow = (record: PacingRecord, now: number, windowMs: number): boolean => record.t === undefined || now - record.t < windowMs;

/** When every record has left the window (`undefined` while one is not sent yet). */
function latestExpiry(records: readonly PacingRecord[], windowMs: number): number | undefined {
  let latest = Number.NEGATIVE_INFINITY;
  for (const r of records) {
    if (r.t === undefined) return undefined;
    latest = Math.max(latest, r.t + windowMs);
  }
  return latest;
}

/**
 * `null` when `weight` more fits in the window (or nothing counts in it yet); else the earliest
 * time enough of the oldest sends have left it (`undefined` if only pending sends could make room).
 */
function capacityVerdict(records: readonly PacingRecord[], weight: number, now: number, windowMs: number, max: number): number | undefined | null {
  const counted = records.filter((r) => inWindow(r, now, windowMs));
  const used = counted.reduce((sum, r) => sum + r.ticket.weight, 0);
  if (used === 0 || used + weight <= max) return null;
  const sent = counted.filter((r): r is PacingRecord & { t: number } => r.t !== undefined).sort((a, b) => a.t - b.t);
  let excess = used + weight - max;
  let remaining = used;
  for (const r of sent) {
    excess -= r.ticket.weight;
    remaining -= r.ticket.weight;
    if (excess <= 0 || remaining === 0) return r.t + windowMs;
  }
  return undefined;
}
