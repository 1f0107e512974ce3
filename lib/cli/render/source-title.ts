import type { Target } from '../target.js';

/**
 * The first line of `watch` / `snapshot` output: where the data comes from. Simulated data always
 * says SIMULATED.
 */
export function sourceTitle(command: string, target: Pick<Target, 'config' | 'simulated'>): string {
  const { api, market_data: md } = target.config;
  const where = `${api.tws_endpoint}:${api.port}`;
  return target.simulated
    ? `ib-rx ${command} · SIMULATED data (built-in TWS simulator at ${where}, not real prices)`
    : `ib-rx ${command} · TWS / IB Gateway ${where} · client id ${api.client_id} · data type asked: ${md.data_type}`;
}
