/** The environment variables `loadConfig` reads, and the config path each one sets. */
export const ENV_OVERRIDES = {
  IB_HOST: ['api', 'tws_endpoint'],
  IB_PORT: ['api', 'port'],
  IB_CLIENT_ID: ['api', 'client_id'],
  IB_DATA_TYPE: ['market_data', 'data_type'],
} as const satisfies Record<string, readonly [string, string]>;

type EnvVariable = keyof typeof ENV_OVERRIDES;
const NUMERIC: ReadonlySet<EnvVariable> = new Set(['IB_PORT', 'IB_CLIENT_ID']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A decimal number string becomes a number; anything else stays a string for the schema to reject. */
const fromEnv = (variable: EnvVariable, text: string): unknown =>
  NUMERIC.has(variable) && /^\s*[+-]?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text;

/**
 * Applies `IB_HOST`, `IB_PORT`, `IB_CLIENT_ID`, `IB_DATA_TYPE` (unset or empty = no override) to the
 * raw file object without changing it. `sources` maps each path set this way to its variable. A
 * section that is not an object is left alone (the schema reports it).
 */
export function applyEnvOverrides(raw: unknown, env: Readonly<Record<string, string | undefined>>): { readonly input: unknown; readonly sources: ReadonlyMap<string, string> } {
  if (!isRecord(raw)) return { input: raw, sources: new Map() };
  const input: Record<string, unknown> = { ...raw };
  const sources = new Map<string, string>();
  for (const [variable, [section, key]] of Object.entries(ENV_OVERRIDES) as [EnvVariable, readonly [string, string]][]) {
    const text = env[variable];
    const current = input[section] ?? {};
    if (text === undefined || text === '' || !isRecord(current)) continue;
    input[section] = { ...current, [key]: fromEnv(variable, text) };
    sources.set(`${section}.${key}`, variable);
  }
  return { input, sources };
}
