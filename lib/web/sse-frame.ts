import type { WebEvent } from './web-event.js';

const EVENT_NAME = /^[\w-]+$/;

/**
 * One Server-Sent Events message: `event: NAME`, one `data:` line of JSON, a blank line. JSON never
 * holds a raw line break (`JSON.stringify` escapes them), so the data is always one line. Throws a
 * RangeError for an event name that could break the framing (empty, spaces, line breaks, `:`).
 *
 * @example
 * sseFrame({ event: 'quote', key: 'quote:AAPL', data: { symbol: 'AAPL' } });
 * // 'event: quote\ndata: {"symbol":"AAPL"}\n\n'
 */
export function sseFrame(message: WebEvent): string {
  if (!EVENT_NAME.test(message.event)) throw new RangeError(`SSE event name ${JSON.stringify(message.event)}: expected letters, digits, '-' or '_'`);
  return `event: ${message.event}\ndata: ${JSON.stringify(message.data ?? null)}\n\n`;
}

/** An SSE comment line (`: text`), ignored by browsers: keeps an idle connection alive. Line breaks become spaces. */
export function sseComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}

/** The first bytes of a stream: the browser's reconnect delay (`retry:` in ms) and a comment. */
export function sseOpening(retryMs: number): string {
  return `retry: ${Math.max(0, Math.round(retryMs))}\n${sseComment('ib-rx')}`;
}
