/**
 * The values a served stream produced in the current task, with the sequence number of the first:
 * published together when the task ends (a microtask) or earlier when the caller says the batch is
 * full — the inputs of one socket read travel as one NATS message.
 *
 * ```text
 * add          -a-b-c----d-     (a, b, c in one task)
 * publish      -----[abc]--[d]
 * ```
 */
export class TaskBatch<T> {
  #pending: T[] = [];
  #firstSeq = 0;
  #flushQueued = false;

  /** @param publish sends one batch: its first sequence number and its values, in order. */
  constructor(private readonly publish: (firstSeq: number, values: T[]) => void) {}

  /** Values waiting. */
  get size(): number {
    return this.#pending.length;
  }

  /** Adds `value`, numbered `seq` (consecutive numbers within a batch); the batch goes out when the task ends. */
  add(seq: number, value: T): void {
    if (this.#pending.length === 0) this.#firstSeq = seq;
    this.#pending.push(value);
    if (!this.#flushQueued) {
      this.#flushQueued = true;
      queueMicrotask(() => {
        this.#flushQueued = false;
        this.flush();
      });
    }
  }

  /** Publishes what is waiting now (a full batch, or before an error or the end). */
  flush(): void {
    if (this.#pending.length === 0) return;
    const values = this.#pending;
    this.#pending = [];
    this.publish(this.#firstSeq, values);
  }
}
