/**
 * One message of the browser view's Server-Sent Events stream: its SSE event name, its JSON data,
 * and the key under which a newer message replaces an unsent older one (one per kind and symbol,
 * e.g. `quote:AAPL`) when a client reads slowly.
 */
export interface WebEvent {
  /** The SSE `event:` name (`hello`, `quote`, `bars`, `depth`, `health` …); letters, digits, `-` and `_` only. */
  readonly event: string;
  /** Replacement key: of several unsent messages with one key, only the newest is sent. */
  readonly key: string;
  /** Sent as one line of JSON (`data:`). */
  readonly data: unknown;
}
