import { expect } from 'chai';
import { main as marketDataBasics } from '../../examples/market-data-basics.js';
import { main as smaCrossoverMain, smaCrossover } from '../../examples/sma-crossover.js';
import { main as smaWarmStart } from '../../examples/sma-warm-start.js';
import { main as ibClientOriginalStyle } from '../../examples/ib-client-original-style.js';
import { main as resilience } from '../../examples/resilience.js';
import { main as recordAndReplay } from '../../examples/record-and-replay.js';
import { firstValueFrom, from, toArray } from 'rxjs';
import type { Bar } from '../../lib/bars/bar.js';

/** Runs an example with console.log captured (examples print; specs stay quiet) and IB_PORT unset (→ built-in simulator). */
async function quietly<T>(run: () => Promise<T>): Promise<{ readonly result: T; readonly output: string }> {
  const log = console.log;
  const port = process.env.IB_PORT;
  const lines: string[] = [];
  console.log = (...args: unknown[]) => { lines.push(args.map(String).join(' ')); };
  delete process.env.IB_PORT;
  try {
    return { result: await run(), output: lines.join('\n') };
  } finally {
    console.log = log;
    if (port !== undefined) process.env.IB_PORT = port;
  }
}

describe('examples', () => {
  it('market-data-basics streams states of each symbol from a simulator it starts itself', async () => {
    const { result, output } = await quietly(() => marketDataBasics(['AAPL', 'MSFT'], 3));
    expect(result).to.deep.equal({ AAPL: 3, MSFT: 3 });
    expect(output).to.include('SIMULATED').and.match(/^AAPL\s+bid \d/m);
  });

  it('sma-crossover turns ticks into bars and signals', async () => {
    const { result, output } = await quietly(() => smaCrossoverMain('AAPL', 4, 200, 2));
    expect(result.bars).to.be.at.least(10);
    expect(output).to.match(/^bar \d\d:\d\d:\d\d O \d/m);
    for (const signal of result.signals) expect(signal.side).to.be.oneOf(['buy', 'sell']);
  });

  it('smaCrossover signals buy when the fast average crosses above the slow one, sell when below', async () => {
    const bar = (close: number): Bar => ({ start: 0, end: 1, open: close, high: close, low: close, close, volume: 1, trades: 1 });
    const closes = [10, 10, 10, 9, 8, 9, 11, 13, 12, 9, 7];
    const signals = await firstValueFrom(from(closes.map(bar)).pipe(smaCrossover(2, 4), toArray()), { defaultValue: [] });
    expect(signals.map((s) => [s.side, s.price])).to.deep.equal([['buy', 11], ['sell', 9]]);
  });

  it('sma-warm-start warms its averages up from historicalBars and goes on with the bars bars$ closes, without a gap', async function () {
    this.timeout(30_000);
    const { result, output } = await quietly(() => smaWarmStart('AAPL', 8, '600 S', { marketTime: '20251201-15:00:00', historical: { updateIntervalMs: 250 } }));
    expect(result.warmUpBars).to.be.within(110, 120);
    expect(result.liveStarts.length).to.be.at.least(1);
    expect(result.liveStarts[0]).to.equal(result.lastWarmUpStart! + 5000);
    result.liveStarts.forEach((start, i) => { if (i > 0) expect(start).to.equal(result.liveStarts[i - 1]! + 5000); });
    expect(result.signals.filter((s) => !s.live).length).to.be.greaterThan(0);
    expect(output).to.match(/^warm-up: \d+ bars of AAPL up to \d\d:\d\d:\d\d UTC$/m).and.match(/^bar \d\d:\d\d:\d\d O /m);
  });

  it('ib-client-original-style connects, gets market data, and gets null for an unknown symbol', async () => {
    const { result, output } = await quietly(() => ibClientOriginalStyle(['AAPL', 'NOPE']));
    expect(result.AAPL?.symbol).to.equal('AAPL');
    expect(result.NOPE).to.be.null;
    expect(output).to.match(/AAPL: last price \d/).and.include('NOPE: no data (no security definition');
  });

  it('resilience: after a simulator drop the same stream continues with fresh updates', async () => {
    const { result } = await quietly(() => resilience('AAPL', 3, 3));
    expect(result.updatesBeforeDrop).to.equal(3);
    expect(result.updatesAfterReconnect).to.equal(3);
    expect(result.connectionStates).to.include('reconnecting');
    expect(result.connectionStates.filter((s) => s === 'connected').length).to.be.at.least(2);
  });

  it('record-and-replay: the replayed stream ends on the recorded last trade', async () => {
    const { result } = await quietly(() => recordAndReplay('AAPL', 1, 4));
    expect(result.recordedTicks).to.be.greaterThan(5);
    expect(result.recordedLast).to.be.a('number');
    expect(result.replayedLast).to.equal(result.recordedLast);
  });
});
