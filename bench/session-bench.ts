// In-process cost of the session per tick message, without socket, decoder or feed: the stock mix
// (tick-mix.ts) decoded once by ib-rx's tick decoder, then handed to an IbSession's connection as
// the socket edge would, with marketData$ subscribed for 100 symbols, with and without health$.
// CPU time, alternating rounds: steadier on a shared machine than the socket figures.
// Run directly: node --import tsx bench/session-bench.ts [--quick]
import { pathToFileURL } from 'node:url';
import type { Subscription } from 'rxjs';
import type { IbEvent } from '../lib/connection/ib-event.js';
import { TickFrameDecoder } from '../lib/connection/tick-frames.js';
import { IbSession } from '../lib/session/ib-session.js';
import { BenchConnection } from './bench-connection.js';
import { exposeGc } from './gc.js';
import { median, ratio, round, sleep } from './stats.js';
import { STOCK_MIX_CYCLE, stockMixBlock } from './tick-mix.js';

/** Figures of {@link runSessionBench}. */
export interface SessionBenchResult {
  /** CPU ns per tick message with marketData$ subscribed (median of rounds). */
  readonly stateNsPerMsg: number | null;
  /** The same with health$ subscribed too. */
  readonly stateHealthNsPerMsg: number | null;
  /** Median over rounds of (throughput with health$) / (without): health$ costs 1 − this. */
  readonly healthRatio: number | null;
  readonly stateRuns: readonly number[];
  readonly stateHealthRuns: readonly number[];
  readonly messagesPerRound: number;
  readonly symbols: number;
}

const SYMBOLS = Array.from({ length: 100 }, (_, i) => `SIM${String(i).padStart(3, '0')}`);
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** The events ib-rx's socket edge makes of one stock-mix cycle for `reqId`. */
const cycleEvents = (reqId: number): IbEvent[] => {
  const block = stockMixBlock(reqId);
  const decoder = new TickFrameDecoder();
  const events: IbEvent[] = [];
  for (let at = 0; at < block.length; ) {
    const end = at + 4 + block.readUInt32BE(at);
    if (!decoder.decode(block, at + 4, end, 0, (e) => events.push(e))) throw new Error('stock mix frame declined by the fast path');
    at = end;
  }
  return events;
};

/** One session with marketData$ (and health$) for every symbol; resolves once every request went out. */
const openSession = async (health: boolean): Promise<{ push: (cycles: number) => void; states: () => number; close: () => Promise<void> }> => {
  const connection = new BenchConnection();
  const session = new IbSession(
    { market_data: { data_type: 'realtime', history: 10_000, timeout: 60 }, limits: { market_data_lines: 1000 } },
    { createConnection: () => connection },
  );
  let states = 0;
  const subscriptions: Subscription[] = health ? [session.health$.subscribe({ error: () => undefined })] : [];
  for (const symbol of SYMBOLS) subscriptions.push(session.marketData$(symbol).subscribe({ next: () => { states += 1; }, error: () => undefined }));
  connection.ready();
  for (let waited = 0; connection.reqIds.size < SYMBOLS.length; waited += 5) {
    if (waited > 5000) throw new Error(`only ${connection.reqIds.size} of ${SYMBOLS.length} requests sent`);
    await sleep(5);
  }
  const perSymbol = SYMBOLS.map((symbol) => cycleEvents(connection.reqIds.get(symbol) ?? 0));
  return {
    push: (cycles) => {
      for (let c = 0; c < cycles; c++) for (const event of perSymbol[c % perSymbol.length] ?? []) connection.emit(event);
    },
    states: () => states,
    close: async () => {
      for (const s of subscriptions) s.unsubscribe();
      await session.close();
    },
  };
};

/** CPU ms for `cycles` cycles after a warm-up of `warmCycles`. */
const measure = async (health: boolean, warmCycles: number, cycles: number, gc: () => void): Promise<number> => {
  const run = await openSession(health);
  try {
    run.push(warmCycles);
    gc();
    const started = cpuMs();
    run.push(cycles);
    return cpuMs() - started;
  } finally {
    await run.close();
  }
};

/** Alternating rounds of marketData$ alone and with health$; CPU ns per tick message. */
export const runSessionBench = async (options: { readonly quick?: boolean; readonly log?: (line: string) => void } = {}): Promise<SessionBenchResult> => {
  const quick = options.quick === true;
  const cycles = Math.ceil((quick ? 10_000 : 200_000) / STOCK_MIX_CYCLE);
  const rounds = quick ? 1 : 7;
  const gc = exposeGc();
  const messages = cycles * STOCK_MIX_CYCLE;
  const state: number[] = [];
  const withHealth: number[] = [];
  if (!quick) await measure(true, 200, cycles, gc); // JIT
  for (let r = 0; r < rounds; r++) {
    const healthFirst = r % 2 === 1;
    const a = await measure(healthFirst, 200, cycles, gc);
    const b = await measure(!healthFirst, 200, cycles, gc);
    const [h, s] = healthFirst ? [a, b] : [b, a];
    state.push((s * 1e6) / messages);
    withHealth.push((h * 1e6) / messages);
    options.log?.(`  session round ${r + 1}: marketData$ ${((s * 1e6) / messages).toFixed(0)} ns/msg, + health$ ${((h * 1e6) / messages).toFixed(0)} ns/msg`);
  }
  const ratios = state.map((s, i) => ratio(s, withHealth[i] ?? Number.NaN)).filter((v): v is number => v !== null);
  return {
    stateNsPerMsg: round(median(state), 4),
    stateHealthNsPerMsg: round(median(withHealth), 4),
    healthRatio: round(median(ratios), 3),
    stateRuns: state.map((v) => Math.round(v)),
    stateHealthRuns: withHealth.map((v) => Math.round(v)),
    messagesPerRound: messages,
    symbols: SYMBOLS.length,
  };
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runSessionBench({ quick: process.argv.includes('--quick'), log: (line) => { process.stdout.write(`${line}\n`); } });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
