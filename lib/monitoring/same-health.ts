import type { SessionHealth } from './health.js';

/**
 * `true` when two snapshots say the same apart from their `time` (a structural comparison of
 * plain data: numbers, strings, booleans, undefined, arrays and plain objects).
 */
export function sameHealth(a: SessionHealth, b: SessionHealth): boolean {
  return same(a.connection, b.connection) && same(a.streams, b.streams) && same(a.errors, b.errors);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  const recordA = a as Record<string, unknown>;
  const recordB = b as Record<string, unknown>;
  return keysA.every((key) => key in recordB && same(recordA[key], recordB[key]));
}
