/**
 * The waits inside timed faults (a gap between 1100 and 1101, a farm blip, a refusal): each
 * resolves true after its time, or false at once when `cancelAll()` runs (the simulator closing).
 */
export class FaultDelays {
  private readonly pending = new Map<ReturnType<typeof setTimeout>, () => void>();

  /** Resolves true after `ms`, or false as soon as `cancelAll()` is called. */
  wait(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        resolve(true);
      }, ms);
      this.pending.set(timer, () => {
        resolve(false);
      });
    });
  }

  /** Clears every timer; their waits resolve false. */
  cancelAll(): void {
    for (const [timer, cancel] of this.pending) {
      clearTimeout(timer);
      cancel();
    }
    this.pending.clear();
  }
}
