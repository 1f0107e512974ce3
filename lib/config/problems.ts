import type { z } from 'zod';
import type { ConfigProblem } from '../errors.js';
import { DEFAULT_CONFIG } from './defaults.js';
import { closestName } from './known-keys.js';

/** A dotted config path: `['api', 'port']` → `api.port`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : String(key))).join('.').replaceAll('.[', '[');
}

function knownKeys(path: readonly PropertyKey[]): string[] {
  let node: unknown = DEFAULT_CONFIG;
  for (const key of path) node = typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[key] : undefined;
  return typeof node === 'object' && node !== null ? Object.keys(node) : [];
}

/**
 * One problem per bad path, in schema order: an unknown key becomes a problem at its own path
 * (with a "did you mean" hint when one known key is close, see `closestName`),
 * later issues at a path that already has one are dropped. `envSources` maps a path to the env
 * variable that set it, which the message then names.
 */
export function configProblems(error: z.ZodError, envSources: ReadonlyMap<string, string> = new Map()): ConfigProblem[] {
  const problems = new Map<string, string>();
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(issue.path);
      for (const key of issue.keys) {
        const suggestion = closestName(key, known);
        const hint = suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`;
        problems.set(formatPath([...issue.path, key]), `unknown key, expected one of ${known.join(', ')}${hint}`);
      }
      continue;
    }
    const path = formatPath(issue.path);
    const variable = envSources.get(path);
    if (!problems.has(path)) problems.set(path, variable === undefined ? issue.message : `${issue.message} (from ${variable})`);
  }
  return [...problems].map(([path, message]) => ({ path, message }));
}
