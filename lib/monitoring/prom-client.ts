import { createRequire } from 'node:module';
import { IbRxError } from '../errors.js';

/** The `prom-client` module (an optional peer dependency of ib-rx). */
export type PromClient = typeof import('prom-client');

/** `collectMetrics` / `serveMetrics` need `prom-client`, and it is not installed. */
export class MetricsUnavailableError extends IbRxError {
  static {
    this.prototype.name = 'MetricsUnavailableError';
  }

  constructor(options: ErrorOptions = {}) {
    super('ib-rx metrics need the optional peer dependency prom-client: npm install prom-client', options);
  }
}

const requireHere = createRequire(import.meta.url);

/**
 * Loads `prom-client` on first use (it is optional, so nothing imports it eagerly). Throws
 * {@link MetricsUnavailableError} when it is not installed; other load failures pass through.
 * @param load the module loader (tests pass one that fails).
 */
export function loadPromClient(load: (id: string) => unknown = requireHere): PromClient {
  try {
    return load('prom-client') as PromClient;
  } catch (error: unknown) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') throw new MetricsUnavailableError({ cause: error });
    throw error;
  }
}
