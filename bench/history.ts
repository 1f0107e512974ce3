// In-process benchmarks of historical data (issue #15): how fast an answer of 100 000 bars becomes
// `readonly Bar[]` (ib-rx's part alone, and with @stoqey/ib's real decoder in front), and how many
// keepUpToDate updates per second bars$ folds into BarSeries (history 100 vs 100 000: O(1) per update).
// Run directly: node --import tsx bench/history.ts [--quick]
import { IBApi } from '@stoqey/ib';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { asyncScheduler, BehaviorSubject, EMPTY, firstValueFrom, NEVER, Subject, type Subscription } from 'rxjs';
import type { IbEvent } from '../lib/connection/ib-event.js';
import { ibEvents$ } from '../lib/connection/ib-events.js';
import { HistoricalGovernor } from '../lib/history/historical-governor.js';
import type { HistoryContext } from '../lib/history/history-context.js';
import { HistoryService } from '../lib/history/history-service.js';
import { historicalPacingRules } from '../lib/history/pacing-rules.js';
import type { ReadySignal } from '../lib/requests/request-context.js';
import { RequestIds } from '../lib/requests/request-ids.js';
import { RequestRouter } from '../lib/requests/request-router.js';
import { exposeGc } from './gc.js';
import { median } from './stats.js';

/** What bench/history.ts measured (medians of the rounds). */
export interface HistoryBenchResult {
  /** Bars in one historical answer. */
  readonly bars: number;
  /** ib-rx alone: `historicalData` IbEvents → the `historicalBars` answer (parse, end cut, freeze), bars per second. */
  readonly parseBarsPerS: number;
  /**
   * @stoqey/ib's decoder + `ibEvents$` + ib-rx, from the wire fields of one message of 10 000 bars,
   * bars per second. The decoder's cost grows with the square of the message's size (it takes each
   * field with `Array.prototype.shift` from one array), hence the separate figure for 100 000.
   */
  readonly decodeAndParseBarsPerS10k: number;
  /** The same for one message of 100 000 bars (one run; `null` with `--quick`: it takes minutes). */
  readonly decodeAndParseBarsPerS100k: number | null;
  /** `historicalDataUpdate` IbEvents → `bars$` BarSeries (one bar closes every 12 updates), history 10 000, updates per second. */
  readonly updatesPerS: number;
  /** ns per update with history 100 and with history 100 000 (both full, evicting). */
  readonly nsPerUpdateHistory100: number;
  readonly nsPerUpdateHistory100k: number;
  /** history 100 000 / history 100: 1 means the cost per update does not depend on history. */
  readonly historyCostRatio: number;
  readonly updates: number;
  readonly rounds: number;
}

/** Options of {@link runHistoryBench}. */
export interface HistoryBenchOptions {
  readonly quick?: boolean;
  readonly log?: (line: string) => void;
}

const READY: ReadySignal = { generation: 1, reason: 'connected' };
const BAR_SECONDS = 5;
const FIRST_BAR_S = 1_764_601_200;
/** Updates per bar: TWS repeats the forming bar's time, then a new time closes it. */
const UPDATES_PER_BAR = 12;

/** A HistoryService on a hand-driven event stream (sends are no-ops; nothing is paced away). */
function benchService(events$: Subject<IbEvent>, history: number): HistoryService {
  const router = new RequestRouter<IbEvent>(events$, (event) => ('reqId' in event ? event.reqId : undefined));
  const ids = new RequestIds();
  const rules = historicalPacingRules(60, { marginMs: 0 });
  const context: HistoryContext = {
    ready$: new BehaviorSubject(READY),
    connectionDeadline$: EMPTY,
    route$: (reqId) => router.route$(reqId),
    nextReqId: () => ids.next(),
    send: (command) => { command({ reqHistoricalData: () => undefined, cancelHistoricalData: () => undefined } as unknown as IBApi); },
    scheduler: asyncScheduler,
    timeoutMs: 3_600_000,
    report: () => undefined,
    interrupted$: new BehaviorSubject(false),
    isAlive: () => true,
    governor: new HistoricalGovernor(rules, asyncScheduler),
    rules,
  };
  return new HistoryService({ context, closed$: NEVER, open: () => true, history });
}

const row = (reqId: number, i: number): IbEvent => {
  const p = 100 + ((i * 7) % 50) / 100;
  return { type: 'historicalData', reqId, date: String(FIRST_BAR_S + i * BAR_SECONDS), open: p, high: p + 0.05, low: p - 0.05, close: p + 0.01, volume: 100 + (i % 9), count: 3, wap: p, time: 0 };
};

/** Seconds to turn `bars` answer rows into the `historicalBars` answer, ib-rx's part only. */
async function parseRound(bars: number, reqId: number): Promise<number> {
  const events$ = new Subject<IbEvent>();
  const service = benchService(events$, 100);
  const rows = Array.from({ length: bars }, (_, i) => row(1, i));
  const answer = service.historicalBars('AAPL', { barSize: '5 secs', duration: '3600 S', end: (FIRST_BAR_S + reqId * 7) * 1000 });
  const started = performance.now();
  for (const event of rows) events$.next(event);
  events$.next({ type: 'historicalDataEnd', reqId: 1, start: '', end: '', time: 0 });
  const result = await answer;
  const seconds = (performance.now() - started) / 1000;
  if (result.length !== bars) throw new Error(`expected ${bars} bars, got ${result.length}`);
  return seconds;
}

/** The parts of @stoqey/ib 1.6.10's private controller used to push wire messages through its real decoder. */
interface ControllerInternals {
  onMessage(tokens: string[]): void;
  processIngressQueue(): void;
  socket: { _serverVersion: number };
}

/** Seconds from one `historicalData` message of `bars` bars (wire fields) to the answer. */
async function decodeRound(bars: number): Promise<number> {
  const api = new IBApi({ port: 0 });
  const controller = (api as unknown as { controller: ControllerInternals }).controller;
  controller.socket._serverVersion = 193;
  const events$ = new Subject<IbEvent>();
  const sub: Subscription = ibEvents$(api).subscribe({ next: (e) => { events$.next(e); }, error: () => undefined });
  const service = benchService(events$, 100);
  const tokens = ['17', '1', '20251201 09:30:00 US/Eastern', '20251201 16:00:00 US/Eastern', String(bars)];
  for (let i = 0; i < bars; i++) {
    const p = 100 + ((i * 7) % 50) / 100;
    tokens.push(String(FIRST_BAR_S + i * BAR_SECONDS), p.toFixed(2), (p + 0.05).toFixed(2), (p - 0.05).toFixed(2), (p + 0.01).toFixed(2), String(100 + (i % 9)), p.toFixed(3), '3');
  }
  const answer = service.historicalBars('AAPL', { barSize: '5 secs', duration: '3600 S' });
  const started = performance.now();
  controller.onMessage(tokens);
  controller.processIngressQueue();
  const result = await answer;
  const seconds = (performance.now() - started) / 1000;
  sub.unsubscribe();
  if (result.length !== bars) throw new Error(`expected ${bars} bars, got ${result.length}`);
  return seconds;
}

/** Seconds to fold `updates` keepUpToDate updates into BarSeries with `history` closed bars kept (already full). */
async function updatesRound(updates: number, history: number): Promise<number> {
  const events$ = new Subject<IbEvent>();
  const service = benchService(events$, history);
  let seen = 0;
  const sub = service.bars$('AAPL', { barSize: '5 secs', duration: '3600 S', history }).subscribe({ next: () => { seen += 1; }, error: (e: unknown) => { throw e; } });
  events$.next({ type: 'historicalDataEnd', reqId: 1, start: '', end: '', time: 0 });
  const update = (i: number): IbEvent => {
    const bar = Math.floor(i / UPDATES_PER_BAR);
    const p = 100 + (i % 50) / 100;
    return { type: 'historicalDataUpdate', reqId: 1, date: String(FIRST_BAR_S + bar * BAR_SECONDS), open: 100, high: 101, low: 99, close: p, volume: i % UPDATES_PER_BAR, count: 1, wap: p, time: 0 };
  };
  // Fill the history first, so every measured close also evicts.
  const fill = (history + 1) * UPDATES_PER_BAR;
  for (let i = 0; i < fill; i++) events$.next(update(i));
  const events = Array.from({ length: updates }, (_, i) => update(fill + i));
  const before = seen;
  const started = performance.now();
  for (const event of events) events$.next(event);
  const seconds = (performance.now() - started) / 1000;
  sub.unsubscribe();
  await firstValueFrom(EMPTY, { defaultValue: undefined });
  if (seen - before !== updates) throw new Error(`expected ${updates} series, got ${seen - before}`);
  return seconds;
}

/** Runs every part (`quick`: fewer rounds and updates) and returns the medians. */
export async function runHistoryBench(options: HistoryBenchOptions = {}): Promise<HistoryBenchResult> {
  const log = options.log ?? (() => undefined);
  const gc = exposeGc();
  const quick = options.quick === true;
  const rounds = quick ? 1 : 5;
  const bars = 100_000;
  const updates = quick ? 50_000 : 1_000_000;
  const parse: number[] = [];
  const decode: number[] = [];
  const decodeBars = 10_000;
  const tenK: number[] = [];
  const small: number[] = [];
  const large: number[] = [];
  await parseRound(10_000, 0); // warm-up
  await updatesRound(10_000, 100);
  for (let r = 0; r < rounds; r++) {
    gc();
    parse.push(bars / (await parseRound(bars, r + 1)));
    gc();
    decode.push(decodeBars / (await decodeRound(decodeBars)));
    gc();
    tenK.push(updates / (await updatesRound(updates, 10_000)));
    gc();
    small.push((1e9 * (await updatesRound(updates, 100))) / updates);
    gc();
    large.push((1e9 * (await updatesRound(updates, 100_000))) / updates);
    log(`history round ${r + 1}: parse ${Math.round(parse.at(-1) ?? 0)} bars/s, decode+parse (10 000) ${Math.round(decode.at(-1) ?? 0)} bars/s, bars$ ${Math.round(tenK.at(-1) ?? 0)} updates/s`);
  }
  gc();
  const decode100k = quick ? null : bars / (await decodeRound(bars));
  const ns100 = median(small);
  const ns100k = median(large);
  return {
    bars,
    parseBarsPerS: Math.round(median(parse)),
    decodeAndParseBarsPerS10k: Math.round(median(decode)),
    decodeAndParseBarsPerS100k: decode100k === null ? null : Math.round(decode100k),
    updatesPerS: Math.round(median(tenK)),
    nsPerUpdateHistory100: Math.round(ns100),
    nsPerUpdateHistory100k: Math.round(ns100k),
    historyCostRatio: Math.round((ns100k / ns100) * 100) / 100,
    updates,
    rounds,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runHistoryBench({ quick: process.argv.includes('--quick'), log: (line) => { process.stdout.write(`${line}\n`); } });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
