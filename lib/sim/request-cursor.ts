/** The contract fields of a request, as the client sent them (`''` / 0 when not given). */
export interface RequestedContract {
  readonly conId: number;
  readonly symbol: string;
  readonly secType: string;
  readonly lastTradeDateOrContractMonth: string;
  /** 0 when not given. */
  readonly strike: number;
  readonly right: string;
  readonly multiplier: string;
  readonly exchange: string;
  readonly primaryExch: string;
  readonly currency: string;
  readonly localSymbol: string;
  readonly tradingClass: string;
}

/** Raised when a known message lacks fields. */
export class MalformedRequestError extends Error {
  override readonly name = 'MalformedRequestError';
}

/** Reads fields in order, like the client's encoder wrote them. */
export class Cursor {
  private i = 0;
  constructor(private readonly fields: readonly string[]) {}
  str(): string {
    const value = this.fields[this.i++];
    if (value === undefined) throw new MalformedRequestError(`missing field ${this.i}`);
    return value;
  }
  int(): number {
    const text = this.str();
    return text === '' ? 0 : Number.parseInt(text, 10);
  }
  /** A double; 0 for an empty or unreadable field. */
  double(): number {
    const value = Number.parseFloat(this.str());
    return Number.isFinite(value) ? value : 0;
  }
  bool(): boolean {
    return this.int() !== 0;
  }
  skip(n: number): void {
    for (let k = 0; k < n; k++) this.str();
  }
}

/** conId|symbol|secType|lastTradeDate|strike|right|multiplier|exchange|primaryExch|currency|localSymbol|tradingClass */
export const readContract = (c: Cursor): RequestedContract => ({
  conId: c.int(),
  symbol: c.str(),
  secType: c.str(),
  lastTradeDateOrContractMonth: c.str(),
  strike: c.double(),
  right: c.str(),
  multiplier: c.str(),
  exchange: c.str(),
  primaryExch: c.str(),
  currency: c.str(),
  localSymbol: c.str(),
  tradingClass: c.str(),
});

/** Fields of one combo leg in a BAG contract: conId|ratio|action|exchange. */
export const COMBO_LEG_FIELDS = 4;

/** Skips the combo legs a BAG contract carries (a count, then the legs). */
export const skipComboLegs = (c: Cursor, contract: RequestedContract): void => {
  if (contract.secType.toUpperCase() === 'BAG') c.skip(c.int() * COMBO_LEG_FIELDS);
};
