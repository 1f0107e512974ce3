/** How a depth request is answered: `L2` (updateMktDepthL2, with market makers) or `L1` (updateMktDepth). */
export type SimDepthLevelKind = 'L1' | 'L2';

/** One reqMktDepth a client made: what it asked and how it was answered (the error code sent, or the message kind). */
export interface SimDepthRequestRecord {
  readonly reqId: number;
  readonly symbol: string;
  readonly exchange: string;
  readonly numRows: number;
  readonly isSmartDepth: boolean;
  readonly outcome: SimDepthLevelKind | number;
}

/** One cancelMktDepth a client sent; `found` is false when no live request had that id and `isSmartDepth` (answered with 300). */
export interface SimDepthCancelRecord {
  readonly reqId: number;
  readonly isSmartDepth: boolean;
  readonly found: boolean;
}

/** A live depth request. */
export interface SimDepthSubscription {
  readonly reqId: number;
  readonly symbol: string;
  readonly numRows: number;
  readonly isSmartDepth: boolean;
  readonly kind: SimDepthLevelKind;
  /** 316 was sent: no more updates until it is cancelled. */
  readonly halted: boolean;
}

/** The depth part of one connection's stats. */
export interface SimDepthClientStats {
  readonly reqMktDepth: number;
  readonly cancelMktDepth: number;
  /** updateMktDepth / updateMktDepthL2 messages sent. */
  readonly depthUpdatesSent: number;
  /** Every reqMktDepth, in order (at most the last 10 000). */
  readonly depthRequests: readonly SimDepthRequestRecord[];
  /** Every cancelMktDepth, in order (at most the last 10 000). */
  readonly depthCancels: readonly SimDepthCancelRecord[];
  readonly depthSubscriptions: readonly SimDepthSubscription[];
}

/** What `Simulator.depthBurst` pushed. */
export interface DepthBurstResult {
  /** Operations applied to the book (each reaches every subscriber whose rows it touches). */
  readonly operations: number;
  /** From the first to the last operation, ms. */
  readonly ms: number;
}
