import type { ReplayRecord } from '../../sim/replay-format.js';
import type { Tick } from '../../ticks/tick.js';

/**
 * The replay line for one received tick (the format `ib-rx sim --replay` reads), or undefined for
 * ticks the replay format has no field for (last trade time, halted, option greeks).
 */
export function toReplayRecord(symbol: string, tick: Tick): ReplayRecord | undefined {
  if (tick.field === 'lastTimestamp' || tick.field === 'halted' || tick.field === 'greeks') return undefined;
  return { t: tick.time, symbol, field: tick.field, value: tick.value, delayed: tick.delayed };
}
