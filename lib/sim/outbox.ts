import type { Socket } from 'node:net';
import { frameBody, packBodies, type Field } from './frame.js';

/** Counters an outbox reports to. */
export interface OutboxCounters {
  messages: number;
  bytes: number;
}

/**
 * Collects a connection's outgoing messages and writes them with one `socket.write` per
 * event-loop turn (a `setImmediate` flush, cleared by `close()`). While `muted` (a stalled
 * server) messages are discarded.
 */
export class Outbox {
  private bodies: string[] = [];
  private immediate: NodeJS.Immediate | undefined;
  /** Discard everything sent while true (the `stall` fault). */
  muted = false;

  constructor(
    private readonly socket: Socket,
    private readonly counters: OutboxCounters,
  ) {}

  /** Queues one message. */
  send(fields: readonly Field[]): void {
    if (this.muted || this.socket.destroyed) return;
    this.bodies.push(frameBody(fields));
    this.immediate ??= setImmediate(() => {
      this.flush();
    });
  }

  /** Number of messages waiting for the next flush. */
  get pending(): number {
    return this.bodies.length;
  }

  /** Writes everything queued now. Returns false when the socket asks to wait for 'drain'. */
  flush(): boolean {
    if (this.immediate) clearImmediate(this.immediate);
    this.immediate = undefined;
    if (this.bodies.length === 0 || this.socket.destroyed) {
      this.bodies = [];
      return true;
    }
    const chunk = packBodies(this.bodies);
    this.counters.messages += this.bodies.length;
    this.counters.bytes += chunk.length;
    this.bodies = [];
    return this.socket.write(chunk);
  }

  /** Writes raw bytes right away (faults), after anything queued. */
  writeRaw(bytes: Buffer): void {
    this.flush();
    if (!this.socket.destroyed) this.socket.write(bytes);
  }

  /** Drops what is queued and cancels the pending flush. */
  close(): void {
    if (this.immediate) clearImmediate(this.immediate);
    this.immediate = undefined;
    this.bodies = [];
  }
}
