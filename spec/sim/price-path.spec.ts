import { expect } from 'chai';
import { PricePath } from '../../lib/sim/price-path.js';
import { Accumulator, PriceTape } from '../../lib/sim/price-tape.js';

const T0 = Date.UTC(2025, 11, 1, 15, 0, 0);
const HOUR = 3_600_000;

describe('PricePath', () => {
  const pins = [{ t: T0 - 18 * HOUR, price: 229.5 }, { t: T0 - HOUR / 2, price: 231.2 }, { t: T0, price: 230.4 }];

  it('passes through its pins', () => {
    const path = new PricePath(42, 0.018, 0.07, pins, undefined);
    for (const pin of pins) expect(path.at(pin.t)).to.be.closeTo(pin.price, 1e-9);
  });

  it('is a pure function of its key: same key, same prices; another key, other prices', () => {
    const a = new PricePath(42, 0.018, 0.07, pins, undefined);
    const b = new PricePath(42, 0.018, 0.07, pins, undefined);
    const c = new PricePath(43, 0.018, 0.07, pins, undefined);
    const times = [T0 - 400 * 86_400_000, T0 - 30 * HOUR, T0 - 20 * HOUR, T0 - 123_456];
    expect(times.map((t) => a.at(t))).to.deep.equal(times.map((t) => b.at(t)));
    expect(times.map((t) => a.at(t))).to.not.deep.equal(times.map((t) => c.at(t)));
  });

  it('moves like a stock: about 1.8 % a day, positive prices a year back', () => {
    const path = new PricePath(7, 0.018, 0.07, [{ t: T0, price: 100 }], undefined);
    const dayMoves: number[] = [];
    for (let d = 1; d <= 200; d++) dayMoves.push(Math.log(path.at(T0 - (d - 1) * 86_400_000) / path.at(T0 - d * 86_400_000)));
    const sd = Math.sqrt(dayMoves.reduce((s, x) => s + x * x, 0) / dayMoves.length);
    expect(sd).to.be.within(0.01, 0.03);
    expect(path.at(T0 - 365 * 86_400_000)).to.be.within(30, 300);
  });

  it('keeps inside a clamp window', () => {
    const path = new PricePath(9, 0.5, 0, [{ t: T0 - HOUR, price: 100 }, { t: T0, price: 100 }], { from: T0 - HOUR, to: T0, low: 99.9, high: 100.1 });
    for (let t = T0 - HOUR; t <= T0; t += 60_000) expect(path.at(t)).to.be.within(99.9, 100.1);
  });
});

describe('PriceTape', () => {
  const carry = { trades: 100, bid: 99.99, ask: 100.01, mid: 100 };

  it('folds trades into OHLC, volume, count and notional over a span', () => {
    const tape = new PriceTape({ ...carry }, () => undefined);
    tape.record(T0 + 100, 'trades', 100.05, 3);
    tape.record(T0 + 900, 'trades', 99.9, 2);
    tape.record(T0 + 2_500, 'trades', 100.2, 5);
    const acc = new Accumulator();
    tape.fold('trades', T0, T0 + 5_000, acc);
    expect(acc.result(carry.trades)).to.deep.include({ open: 100.05, high: 100.2, low: 99.9, close: 100.2, volume: 10, count: 3 });
    expect(acc.result(carry.trades).notional).to.be.closeTo(100.05 * 3 + 99.9 * 2 + 100.2 * 5, 1e-9);
  });

  it('is flat at the last value before a quiet span', () => {
    const tape = new PriceTape({ ...carry }, () => undefined);
    expect(tape.lastBefore('bid', T0)).to.equal(99.99);
    tape.record(T0 + 100, 'bid', 100.01);
    expect(tape.lastBefore('bid', T0 + 5_000)).to.equal(100.01);
    const acc = new Accumulator();
    tape.fold('bid', T0 + 5_000, T0 + 6_000, acc);
    expect(acc.result(tape.lastBefore('bid', T0 + 5_000))).to.deep.include({ open: 100.01, close: 100.01, volume: 0 });
  });

  it('keeps minutes for a week after the seconds are gone, and reports what it drops', () => {
    const dropped: number[] = [];
    const tape = new PriceTape({ ...carry }, (at) => dropped.push(at));
    tape.record(T0, 'trades', 101, 1);
    tape.record(T0 + 3 * HOUR, 'trades', 102, 1);
    const acc = new Accumulator();
    tape.fold('trades', T0, T0 + 60_000, acc);
    expect(acc.result(0)).to.deep.include({ open: 101, volume: 1 });
    tape.record(T0 + 8 * 24 * HOUR, 'trades', 103, 1);
    expect(dropped).to.have.length(1);
    expect(tape.lastBefore('trades', T0 + 8 * 24 * HOUR)).to.equal(102);
  });
});
