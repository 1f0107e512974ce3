/**
 * A write side that never queues without bound: while the sink is blocked (its `write` returned
 * false, as `http.ServerResponse#write` does when its buffer is full), only the newest chunk per key
 * is kept; on `drain()` they are written in the order their keys first waited, until the sink
 * blocks again. So a slow reader costs at most one chunk per key, and a fast one gets everything.
 *
 * ```text
 * push   a1 b1 a2 a3 b2 | drain
 * write  a1 (false)       a3 b2      // a2 replaced by a3 while blocked
 * ```
 */
export class LatestWhileBlocked {
  readonly #write: (chunk: string) => boolean;
  readonly #pending = new Map<string, string>();
  #blocked = false;

  /** @param write writes a chunk; returns false when the sink wants no more until it drains. */
  constructor(write: (chunk: string) => boolean) {
    this.#write = write;
  }

  /** Writes `chunk` now, or keeps it (replacing an older chunk of `key`) while blocked. */
  push(key: string, chunk: string): void {
    if (this.#blocked) {
      this.#pending.set(key, chunk);
      return;
    }
    this.#blocked = !this.#write(chunk);
  }

  /** The sink drained: writes what waits, stopping if it blocks again. */
  drain(): void {
    this.#blocked = false;
    for (const [key, chunk] of this.#pending) {
      this.#pending.delete(key);
      if (!this.#write(chunk)) {
        this.#blocked = true;
        return;
      }
    }
  }

  /** True while the sink has not drained since a write returned false. */
  get blocked(): boolean {
    return this.#blocked;
  }

  /** Chunks waiting for a drain (at most one per key). */
  get waiting(): number {
    return this.#pending.size;
  }
}
