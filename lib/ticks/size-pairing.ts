/** The size fields that come paired with a price in TWS's TICK_PRICE message. */
export type PairedSizeField = 'bidSize' | 'askSize' | 'lastSize';

const SLOT: Readonly<Record<PairedSizeField, 0 | 1 | 2>> = { bidSize: 0, askSize: 1, lastSize: 2 };

/** Per request: the phase and the counted size of each paired size field. */
interface Slots {
  readonly phase: Int8Array;
  readonly size: Float64Array;
}

/** Phases of one (request, size field) slot. */
const OPEN = 0; // no price seen since the last pairing: every size counts
const AWAIT_SIZE = 1; // a price just arrived: the next size is its size
const AWAIT_ECHO = 2; // its size was counted: one more report of the same size is a duplicate

/** Bound on the requests remembered (oldest forgotten first); a request has 3 small slots. */
const MAX_REQUESTS = 4096;

/**
 * Decides which size reports to count, so that one size is never counted twice.
 *
 * A TICK_PRICE message carries a size; `@stoqey/ib` re-emits it as a synthetic `tickSize` right
 * after the `tickPrice` (for ASK, LAST and the delayed BID/ASK/LAST ids; not for live BID, whose
 * BID_SIZE id 0 fails its truthiness test), and TWS may also send its own TICK_SIZE with the same
 * size. Rule, per request and size field: after a price, the first size report counts; one
 * immediately repeated report of that same size is dropped as its duplicate; anything else counts.
 * Works whether or not the synthetic report arrives. Mutable: create one per subscription.
 */
export class SizePairing {
  private readonly slots = new Map<number, Slots>();
  /** The last request looked up (usually the only one): saves the map lookup per tick. */
  private lastReqId = Number.NaN;
  private last: Slots | undefined;

  /** A price for the field paired with `sizeField` arrived on request `reqId`. */
  priceArrived(reqId: number, sizeField: PairedSizeField): void {
    this.slotsOf(reqId).phase[SLOT[sizeField]] = AWAIT_SIZE;
  }

  /** A size report arrived: `true` if it counts, `false` if it duplicates the one just counted. */
  sizeCounts(reqId: number, sizeField: PairedSizeField, size: number): boolean {
    const slots = reqId === this.lastReqId ? this.last : this.lookup(reqId);
    if (slots === undefined) return true;
    const i = SLOT[sizeField];
    const phase = slots.phase[i];
    if (phase === AWAIT_SIZE) {
      slots.phase[i] = AWAIT_ECHO;
      slots.size[i] = size;
      return true;
    }
    if (phase === AWAIT_ECHO) {
      slots.phase[i] = OPEN;
      return slots.size[i] !== size;
    }
    return true;
  }

  private lookup(reqId: number): Slots | undefined {
    const slots = this.slots.get(reqId);
    if (slots !== undefined) {
      this.lastReqId = reqId;
      this.last = slots;
    }
    return slots;
  }

  private slotsOf(reqId: number): Slots {
    if (reqId === this.lastReqId && this.last !== undefined) return this.last;
    let slots = this.lookup(reqId);
    if (slots === undefined) {
      if (this.slots.size >= MAX_REQUESTS) {
        const oldest = this.slots.keys().next();
        if (oldest.done !== true) this.slots.delete(oldest.value);
        this.lastReqId = Number.NaN;
        this.last = undefined;
      }
      slots = { phase: new Int8Array(3), size: new Float64Array(3) };
      this.slots.set(reqId, slots);
      this.lastReqId = reqId;
      this.last = slots;
    }
    return slots;
  }
}
