/** One target of issue 8 and whether the run met it. */
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

interface Figures {
  readonly throughput?: Readonly<Record<string, { readonly ratios: Readonly<Record<string, number | null>> }>>;
  readonly latency?: Readonly<Record<string, { readonly ratios: Readonly<Record<string, number | null>> }>>;
  readonly memory?: { readonly heapGrowthMb: number | null };
  readonly historyCostRatio?: number | null;
  readonly churn?: { readonly backToBaseline: boolean };
}

/** Evaluates every target of issue 8 against the figures of one run. */
export const checkTargets = (f: Figures): Record<string, TargetCheck> => {
  const out: Record<string, TargetCheck> = {};
  for (const [symbols, t] of Object.entries(f.throughput ?? {})) {
    out[`stateVsRaw_${symbols}sym`] = check('marketData$ ≥ 0.85 × raw IBApi msg/s', t.ratios.stateVsRaw, (v) => v >= 0.85);
    out[`stateVsNext_${symbols}sym`] = check('marketData$ ≥ 1.0 × IBApiNext msg/s', t.ratios.stateVsNext, (v) => v >= 1);
  }
  for (const [symbols, l] of Object.entries(f.latency ?? {})) {
    out[`latencyP99_${symbols}sym`] = check('marketData$ p99 ≤ 2 × raw p99', l.ratios.stateP99VsRaw, (v) => v <= 2);
    out[`latencyP50_${symbols}sym`] = check('marketData$ p50 ≤ raw p50 + 100 µs', l.ratios.stateP50MinusRawUs, (v) => v <= 100);
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
