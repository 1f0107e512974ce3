import type { ConnectionSummary } from '../cli-session.js';

/** `connection: connected (server 176) · reconnects: 2` — the status line `watch` shows. */
export function renderConnectionLine(summary: ConnectionSummary): string {
  const detail = summary.detail === undefined || summary.detail === '' ? '' : ` (${summary.detail})`;
  return `connection: ${summary.phase}${detail} · reconnects: ${summary.reconnects}`;
}
