import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { fileProblem } from '../file-problem.js';
import { DEFAULT_CONFIG_FILE } from './defaults.js';
import { applyEnvOverrides } from './env-overrides.js';
import { parseJsonText } from './json-text.js';
import { validateConfig } from './parse-config.js';
import type { Config } from './types.js';

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /** Directory a relative path (and the default `ib.config.json`) is resolved against; default `process.cwd()`. */
  readonly cwd?: string | undefined;
}

const isMissing = (error: unknown): boolean => error instanceof Error && 'code' in error && error.code === 'ENOENT';

function readText(file: string, explicit: boolean): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (!explicit && isMissing(error)) return undefined;
    const problem = fileProblem(error, file, { mode: 'read', what: 'a config file' }) ?? (error instanceof Error ? error.message : String(error));
    const reason = isMissing(error) ? 'config file not found' : `cannot read config file (${problem})`;
    throw new ConfigError([{ path: '', message: `${reason}: ${file}` }], { file, cause: error });
  }
}

/**
 * Reads `ib.config.json` (or `path`), applies the env overrides `IB_HOST`, `IB_PORT`,
 * `IB_CLIENT_ID`, `IB_DATA_TYPE`, validates and fills defaults. An explicit `path` that does not
 * exist is a `ConfigError`; no file at the default path means defaults (plus env). Invalid JSON and
 * invalid values throw a `ConfigError` (line/column, or every problem by path).
 */
export function loadConfig(path?: string, env: Readonly<Record<string, string | undefined>> = process.env, options: LoadConfigOptions = {}): Config {
  const file = resolve(options.cwd ?? process.cwd(), path ?? DEFAULT_CONFIG_FILE);
  const text = readText(file, path !== undefined);
  const raw = text === undefined ? {} : parseJsonText(text, file);
  const { input, sources } = applyEnvOverrides(raw, env);
  return validateConfig(input, { file: text === undefined ? undefined : file, envSources: sources });
}
