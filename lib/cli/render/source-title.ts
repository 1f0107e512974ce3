import type { Target } from '../target.js';
import { ellipsize } from './format.js';

/** Widest title: 80 columns less the `# ` that piped `watch` output puts before it. */
export const TITLE_MAX_WIDTH = 78;

/** A host is never shortened below this many characters (ellipsis included). */
const MIN_HOST_WIDTH = 12;

/**
 * The first line of `watch` / `snapshot` / … output: where the data comes from, in at most
 * {@link TITLE_MAX_WIDTH} characters. Simulated data always says SIMULATED (first, so it is never
 * cut). For a gateway, it drops words before facts when the title would be too long (`asked`,
 * then `TWS / IB Gateway`), then shortens the host (keeping the port), then cuts the end.
 */
export function sourceTitle(command: string, target: Pick<Target, 'config' | 'simulated'> & { readonly via?: string | undefined }): string {
  const { api, market_data: md } = target.config;
  const head = `ib-rx ${command}`;
  if (target.via !== undefined) {
    return ellipsize(`${head}${target.simulated ? ' · SIMULATED data (not real prices)' : ''} · via ${target.via}`, TITLE_MAX_WIDTH);
  }
  const port = `:${api.port}`;
  if (target.simulated) return ellipsize(`${head} · SIMULATED data (not real prices) · simulator ${api.tws_endpoint}${port}`, TITLE_MAX_WIDTH);
  const client = `client ${api.client_id}`;
  const variants = [
    `${head} · TWS / IB Gateway ${api.tws_endpoint}${port} · ${client} · asked ${md.data_type}`,
    `${head} · TWS / IB Gateway ${api.tws_endpoint}${port} · ${client} · ${md.data_type}`,
  ];
  const fitting = variants.find((title) => title.length <= TITLE_MAX_WIDTH);
  if (fitting !== undefined) return fitting;
  const rest = ` · ${client} · ${md.data_type}`;
  const hostWidth = Math.max(MIN_HOST_WIDTH, TITLE_MAX_WIDTH - `${head} · ${port}${rest}`.length);
  return ellipsize(`${head} · ${ellipsize(api.tws_endpoint, hostWidth)}${port}${rest}`, TITLE_MAX_WIDTH);
}
