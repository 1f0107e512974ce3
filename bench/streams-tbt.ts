// Tick-by-tick (issue #16): messages per second through `session.tickByTick$` side by side with
// @stoqey/ib's IBApiNext `getTickByTickAllLastDataUpdates` on the same simulator feed (the
// simulator in its own process, so generating the feed never competes with the client under test).
//
//   node --import tsx bench/streams-tbt.ts [--quick]
//
// Per round and client: a fresh simulator (rateHz 0: no market events of its own), one Last
// request for AAPL, then `tickByTickBurst(N)`: N synthetic trades written as fast as the event loop
// allows. The rate is the trades the client delivered to its subscriber divided by the time from the
// burst command to the last delivery (bounded by how fast the feed writes), and per second of this
// process' CPU time (what the client itself costs). Each run also checks what was delivered: the
// last trade equals the feed's last one, and whether every delivery was a new object (IBApiNext
// re-emits one mutated object).
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { median, sleep } from './stats.js';
import {
  FEED_SYMBOL as SYMBOL, alternateClients, cpuUs, feedContract, noDeliveries, openIbApiNext, openIbRx, serveStreamFeed,
  settle, stampDelivery, startStreamFeed, streamBenchMain, type DeliveryStamps,
} from './stream-feed.js';

/** One client's figures (medians of the rounds). */
export interface TickByTickBenchRow {
  readonly client: 'ib-rx tickByTick$' | 'IBApiNext getTickByTickAllLastDataUpdates';
  readonly messagesPerS: number;
  /** Trades delivered per second of this process' CPU time during the burst (the feed runs in its own process). */
  readonly messagesPerCpuS: number;
  /** Tick-by-tick messages the simulator sent per round. */
  readonly messages: number;
  /** Trades delivered to the subscriber per round. */
  readonly delivered: number;
  /** Distinct objects among the deliveries of a round (ib-rx: one per trade; IBApiNext: one mutated object). */
  readonly distinctObjects: number;
  /** The feed's own time for the burst, ms. */
  readonly feedMs: number;
  /** In how many rounds every trade was delivered and the last one equalled the feed's last trade. */
  readonly correctRounds: number;
  readonly rounds: number;
}

// ---------------------------------------------------------------------------------------------
// The feed: this file run with --feed (the simulator and a JSON-lines command loop on stdin).

function runFeed(): Promise<void> {
  return serveStreamFeed({ port: 0, rateHz: 0, streams: { tickByTickSpacingMs: 0 } }, async (sim, command) => {
    if (command.cmd === 'burst') {
      const result = await sim.tickByTickBurst(SYMBOL, command.n ?? 0);
      await sleep(50);
      return { ...result, sent: sim.stats().tickByTickSent };
    }
    if (command.cmd === 'subscribed') return { subscribed: sim.stats().tickByTickSubscriptions, sent: sim.stats().tickByTickSent };
    return undefined;
  });
}

// ---------------------------------------------------------------------------------------------
// The runner.

/** A client under test: counts deliveries, stamps the last one, keeps the last price and the objects seen. */
interface TradeClient extends DeliveryStamps {
  lastPrice: number | undefined;
  readonly objects: Set<object>;
  readonly close: () => Promise<void>;
}

/** Counts one delivery and stamps it (see `stampDelivery`); keeps its price and (the first 1000) its object. */
function delivered(client: TradeClient, trade: object, price: number | undefined): void {
  client.lastPrice = price;
  if (client.objects.size < 2 || client.count < 1000) client.objects.add(trade);
  stampDelivery(client);
}

function newClient(close: () => Promise<void>): TradeClient {
  return { ...noDeliveries(), lastPrice: undefined, objects: new Set(), close };
}

function ibRxClient(port: number): TradeClient {
  const client = newClient(() => close());
  const close = openIbRx(port, (session) => session.tickByTick$(SYMBOL, 'Last').subscribe({
    next: (trade) => { delivered(client, trade, trade.price); },
    error: (error: unknown) => { console.error('ib-rx tickByTick$ failed:', error); },
  }));
  return client;
}

function nextClient(port: number): TradeClient {
  const client = newClient(() => close());
  const close = openIbApiNext(port, (api) => api.getTickByTickAllLastDataUpdates(feedContract).subscribe({
    next: (trade) => { delivered(client, trade, trade.price); },
    error: (error: unknown) => { console.error('IBApiNext getTickByTickAllLastDataUpdates failed:', error); },
  }));
  return client;
}

interface Round { rate: number; cpuRate: number; messages: number; delivered: number; distinct: number; feedMs: number; correct: boolean }

async function oneRound(kind: TickByTickBenchRow['client'], n: number): Promise<Round> {
  const feed = await startStreamFeed(import.meta.url);
  const client = kind === 'ib-rx tickByTick$' ? ibRxClient(feed.port) : nextClient(feed.port);
  try {
    for (let i = 0; i < 500; i++) {
      const { subscribed } = await feed.ask<{ subscribed: number }>({ cmd: 'subscribed' });
      if (subscribed > 0) break;
      await sleep(10);
    }
    const { sent: before } = await feed.ask<{ sent: number }>({ cmd: 'subscribed' });
    const started = performance.now();
    const cpuStarted = cpuUs();
    const burst = await feed.ask<{ messages: number; ms: number; sent: number; lastPrice?: number }>({ cmd: 'burst', n });
    const messages = burst.sent - before;
    await settle(() => client.count, messages);
    const cpuRate = client.count / ((client.lastCpuUs - cpuStarted) / 1e6);
    const rate = client.count / ((client.lastMs - started) / 1000);
    const correct = client.count === messages && client.lastPrice === burst.lastPrice;
    return { rate, cpuRate, messages, delivered: client.count, distinct: client.objects.size, feedMs: burst.ms, correct };
  } finally {
    await client.close();
    await feed.close();
  }
}

/** Runs both clients, alternating per round. */
export async function runTickByTickBench(options: { readonly quick?: boolean; readonly log?: (line: string) => void } = {}): Promise<readonly TickByTickBenchRow[]> {
  const log = options.log ?? ((line: string) => { console.log(line); });
  const rounds = options.quick === true ? 1 : 3;
  const n = options.quick === true ? 20_000 : 200_000;
  const results = await alternateClients(['ib-rx tickByTick$', 'IBApiNext getTickByTickAllLastDataUpdates'] as const, rounds, async (kind, round) => {
    const r = await oneRound(kind, n);
    log(`round ${round + 1} ${kind}: ${Math.round(r.rate)} trades/s, ${Math.round(r.cpuRate)} per CPU-s (${r.delivered} of ${r.messages} delivered, ${r.distinct} distinct objects in the first 1000, feed ${Math.round(r.feedMs)} ms, last trade ${r.correct ? 'equal to' : 'DIFFERENT from'} the feed's)`);
    return r;
  });
  return [...results].map(([client, rs]) => ({
    client, rounds,
    messagesPerS: Math.round(median(rs.map((r) => r.rate))),
    messagesPerCpuS: Math.round(median(rs.map((r) => r.cpuRate))),
    messages: Math.round(median(rs.map((r) => r.messages))),
    delivered: Math.round(median(rs.map((r) => r.delivered))),
    distinctObjects: Math.round(median(rs.map((r) => r.distinct))),
    feedMs: Math.round(median(rs.map((r) => r.feedMs))),
    correctRounds: rs.filter((r) => r.correct).length,
  }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await streamBenchMain('tickByTick', runFeed, runTickByTickBench);
