export { DATA_TYPES, DATA_TYPE_IDS, dataTypeFromId, type DataType } from './data-type.js';
export { DEFAULT_CONFIG, DEFAULT_CONFIG_FILE } from './defaults.js';
export { ENV_OVERRIDES } from './env-overrides.js';
export { loadConfig, type LoadConfigOptions } from './load-config.js';
export { parseConfig } from './parse-config.js';
export { TWS_MAX_MESSAGES_PER_S } from './schema.js';
export type { Config, ConfigInput } from './types.js';
export { checkOptionKeys, closestName, didYouMean } from './known-keys.js';
