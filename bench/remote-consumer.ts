// A consumer process for bench/remote.ts: `node --import tsx bench/remote-consumer.ts URL SYMBOL`.
// Counts the ticks of SYMBOL it receives over NATS and their latency (receive time − the server's
// arrival stamp `tick.time`, one machine clock). stdin: `reset` zeroes the counters (and stops keeping latencies), `count`
// prints { count, first, last }, `report` adds the latency p50 / p99, `join` times a late join
// (a fresh connectRemote, then subscribe → the first complete state: { ms }), each as one JSON
// line (`count` and `report` also give the CPU time used since `reset`, µs); `latency` starts keeping latencies (off until then);
// `pause` unsubscribes (the consumer leaves the stream at the server), `resume` subscribes again and prints `ready` at the
// first state; `exit` closes and exits.
import { createInterface } from 'node:readline';
import { filter, firstValueFrom, type Subscription } from 'rxjs';
import { connectRemote } from '../lib/remote/index.js';
import { percentile } from './stats.js';

const [url = '', symbol = 'AAPL'] = process.argv.slice(2);
const remote = await connectRemote({ servers: url });
let count = 0;
let first = 0;
let last = 0;
let latencies: number[] = [];
/** Latencies are kept only after `latency` (the paced phase): bursts count ticks as the local subscriber does. */
let timing = false;
/** CPU time since the last `reset` (µs, user + system): `count` reports it. */
let cpu = process.cpuUsage();
const cpuUs = (): number => { const used = process.cpuUsage(cpu); return used.user + used.system; };
let stampQueued = false;
const stamp = (): void => {
  stampQueued = false;
  last = Date.now();
};
let ready = false;
let states: Subscription | undefined;
let ticks: Subscription | undefined;
/** Subscribes `marketData$` and `ticks$` (a join at the server); prints `ready` at the first state. */
const subscribe = (): void => {
  ready = false;
  states = remote.marketData$(symbol).subscribe({
    next: () => {
      if (!ready) {
        ready = true;
        process.stdout.write(`${JSON.stringify({ type: 'ready' })}\n`);
      }
    },
    error: (error: unknown) => { process.stderr.write(`${String(error)}\n`); },
  });
  ticks = remote.ticks$(symbol).subscribe({
    next: (tick) => {
      if (count === 0) first = Date.now();
      count += 1;
      if (timing) latencies.push(Date.now() - tick.time);
      // The receipt time of the last tick: one clock read after each delivery (a NATS message), not one per tick.
      if (!stampQueued) {
        stampQueued = true;
        queueMicrotask(stamp);
      }
    },
    error: () => undefined,
  });
};
const unsubscribe = (): void => {
  ticks?.unsubscribe();
  states?.unsubscribe();
};
subscribe();
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'latency') {
    timing = true;
    process.stdout.write(`${JSON.stringify({ type: 'latency' })}\n`);
  } else if (line === 'reset') {
    timing = false;
    count = 0;
    cpu = process.cpuUsage();
    latencies = [];
    process.stdout.write(`${JSON.stringify({ type: 'reset' })}\n`);
  } else if (line === 'count') {
    process.stdout.write(`${JSON.stringify({ type: 'count', count, first, last, cpuUs: cpuUs() })}\n`);
  } else if (line === 'join') {
    const fresh = await connectRemote({ servers: url });
    const t0 = performance.now();
    await firstValueFrom(fresh.marketData$(symbol).pipe(filter((s) => s.bid !== undefined && s.ask !== undefined && s.last !== undefined)), { defaultValue: undefined });
    const ms = performance.now() - t0;
    await fresh.close();
    process.stdout.write(`${JSON.stringify({ type: 'join', ms })}\n`);
  } else if (line === 'report') {
    process.stdout.write(`${JSON.stringify({ type: 'report', count, first, last, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) })}\n`);
  } else if (line === 'pause') {
    unsubscribe();
    process.stdout.write(`${JSON.stringify({ type: 'pause' })}\n`);
  } else if (line === 'resume') {
    subscribe();
  } else if (line === 'exit') {
    break;
  }
}
unsubscribe();
await remote.close();
process.stdin.destroy();
