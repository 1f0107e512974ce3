/** One target (issues 8 and 12) and whether the run met it. */
export interface TargetCheck {
  readonly target: string;
  readonly value: number | boolean | null;
  /** null: not measured in this run (a part failed or was skipped). */
  readonly met: boolean | null;
}

const check = (target: string, value: number | null | undefined, ok: (v: number) => boolean): TargetCheck => ({
  target,
  value: value ?? null,
  met: value === null || value === undefined ? null : ok(value),
});

type Ratios = Readonly<Record<string, { readonly ratios: Readonly<Record<string, number | null>> }>>;

interface Figures {
  readonly throughput?: Ratios;
  /** The realistic `stock` mix (tick-mix.ts). */
  readonly throughputMix?: Ratios;
  readonly latency?: Readonly<Record<string, { readonly ratios: Readonly<Record<string, number | null>> }>>;
  readonly memory?: { readonly heapGrowthMb: number | null };
  /** bench/session-bench.ts: in-process CPU throughput with health$ / without. */
  readonly sessionHealthRatio?: number | null;
  readonly historyCostRatio?: number | null;
  readonly churn?: { readonly backToBaseline: boolean };
}

/** Evaluates every target of issues 8 and 12 against the figures of one run (ratios within the run). */
export const checkTargets = (f: Figures): Record<string, TargetCheck> => {
  const out: Record<string, TargetCheck> = {};
  for (const [symbols, t] of Object.entries(f.throughput ?? {})) {
    out[`stateVsRaw_${symbols}sym`] = check('marketData$ ≥ 0.85 × raw IBApi msg/s', t.ratios.stateVsRaw, (v) => v >= 0.85);
    out[`stateVsNext_${symbols}sym`] = check('marketData$ ≥ 1.0 × IBApiNext msg/s', t.ratios.stateVsNext, (v) => v >= 1);
  }
  // Issue 12: the same comparison on the realistic mix, with and without the fast path, and health$.
  for (const [symbols, t] of Object.entries(f.throughputMix ?? {})) {
    out[`mixStateVsRaw_${symbols}sym`] = check('stock mix: marketData$ ≥ 1.2 × raw IBApi msg/s', t.ratios.stateVsRaw, (v) => v >= 1.2);
    out[`mixStateNoFastVsRaw_${symbols}sym`] = check('stock mix: marketData$ without the fast path ≥ 0.85 × raw IBApi msg/s', t.ratios.stateNoFastVsRaw, (v) => v >= 0.85);
    out[`mixHealthCost_${symbols}sym`] = check('stock mix: marketData$ with health$ ≥ 0.9 × without (health$ costs ≤ 10 %)', t.ratios.stateHealthVsState, (v) => v >= 0.9);
  }
  for (const [symbols, l] of Object.entries(f.latency ?? {})) {
    out[`latencyP99_${symbols}sym`] = check('marketData$ p99 ≤ 2 × raw p99', l.ratios.stateP99VsRaw, (v) => v <= 2);
    out[`latencyP50_${symbols}sym`] = check('marketData$ p50 ≤ raw p50 + 100 µs', l.ratios.stateP50MinusRawUs, (v) => v <= 100);
  }
  if (f.sessionHealthRatio !== undefined) {
    out.sessionHealthCost = check('in-process session, stock mix: with health$ ≥ 0.9 × without (CPU time)', f.sessionHealthRatio, (v) => v >= 0.9);
  }
  if (f.memory) out.heapGrowth = check('heap growth < 5 MB over the run (after warm-up)', f.memory.heapGrowthMb, (v) => v < 5);
  if (f.historyCostRatio !== undefined) {
    out.historyCost = check('per-tick cost at history 100 000 within 10% of history 100', f.historyCostRatio, (v) => v <= 1.1);
  }
  if (f.churn) {
    out.churn = { target: 'subscribe/unsubscribe cycles leave listeners and handles at baseline', value: f.churn.backToBaseline, met: f.churn.backToBaseline };
  }
  return out;
};
