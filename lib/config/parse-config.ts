import { ConfigError } from '../errors.js';
import { deepFreeze } from './deep-freeze.js';
import { configProblems } from './problems.js';
import { configSchema } from './schema.js';
import type { Config } from './types.js';

const parsed = new WeakSet<Config>();

/** Where a config came from, for the error message. */
export interface ConfigSource {
  /** The file (or other label) named in a {@link ConfigError}. */
  readonly file?: string | undefined;
  /** Config path → the env variable that set it (`api.port` → `IB_PORT`). */
  readonly envSources?: ReadonlyMap<string, string> | undefined;
}

/** `parseConfig` with env provenance, for `loadConfig`. */
export function validateConfig(input: unknown, source: ConfigSource = {}): Config {
  if (typeof input === 'object' && input !== null && parsed.has(input as Config)) return input as Config;
  const result = configSchema.safeParse(input);
  if (!result.success) throw new ConfigError(configProblems(result.error, source.envSources), { file: source.file });
  const config = deepFreeze(result.data);
  parsed.add(config);
  return config;
}

/**
 * Validates a config object (the `ib.config.json` shape, any key may be missing) and fills the
 * defaults. Returns a frozen {@link Config}; a Config that came from here is returned as is.
 * Throws a `ConfigError` listing every problem by path; `source` names where the input came from.
 */
export function parseConfig(input: unknown, source?: string): Config {
  return validateConfig(input, { file: source });
}
