/**
 * Kinds of corrupt bytes `Simulator.garbage(mode)` writes to every client:
 * - `random-bytes`: a correctly framed message whose body is random bytes (first byte non-ASCII,
 *   so no valid message id).
 * - `high-bit-length`: a length prefix with the high bit set (`80 00 00 00`) and a few bytes.
 *   `@stoqey/ib` 1.6.10 then loops forever in Socket.onData and blocks its event loop.
 * - `oversized-length`: a length of 16 777 200 bytes that never arrive: the client buffers and
 *   stops decoding (a silent stall; later frames are swallowed into the bogus message).
 * - `truncated-frame`: a framed tickPrice cut after the request id (too few fields).
 * - `unknown-message-id`: a framed message with id 999.
 * - `non-numeric-fields`: a framed tickPrice whose number fields are words.
 */
export type GarbageMode =
  | 'random-bytes'
  | 'high-bit-length'
  | 'oversized-length'
  | 'truncated-frame'
  | 'unknown-message-id'
  | 'non-numeric-fields';

/** Every garbage mode, e.g. for CLI validation. */
export const GARBAGE_MODES: readonly GarbageMode[] = [
  'random-bytes',
  'high-bit-length',
  'oversized-length',
  'truncated-frame',
  'unknown-message-id',
  'non-numeric-fields',
];
