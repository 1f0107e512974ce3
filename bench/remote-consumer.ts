// A consumer process for bench/remote.ts: `node --import tsx bench/remote-consumer.ts URL SYMBOL`.
// Counts the ticks of SYMBOL it receives over NATS and their latency (receive time − the server's
// arrival stamp `tick.time`, one machine clock). stdin: `reset` zeroes the counters, `report`
// prints { count, first, last, p50, p99 } as one JSON line, `exit` closes and exits.
import { createInterface } from 'node:readline';
import { connectRemote } from '../lib/remote/index.js';
import { percentile } from './stats.js';

const [url = '', symbol = 'AAPL'] = process.argv.slice(2);
const remote = await connectRemote({ servers: url });
let count = 0;
let first = 0;
let last = 0;
let latencies: number[] = [];
let ready = false;
const states = remote.marketData$(symbol).subscribe({
  next: () => {
    if (!ready) {
      ready = true;
      process.stdout.write(`${JSON.stringify({ type: 'ready' })}\n`);
    }
  },
  error: (error: unknown) => { process.stderr.write(`${String(error)}\n`); },
});
const ticks = remote.ticks$(symbol).subscribe({
  next: (tick) => {
    const now = Date.now();
    if (count === 0) first = now;
    count += 1;
    last = now;
    latencies.push(now - tick.time);
  },
  error: () => undefined,
});
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'reset') {
    count = 0;
    latencies = [];
    process.stdout.write(`${JSON.stringify({ type: 'reset' })}\n`);
  } else if (line === 'report') {
    process.stdout.write(`${JSON.stringify({ type: 'report', count, first, last, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) })}\n`);
  } else if (line === 'exit') {
    break;
  }
}
ticks.unsubscribe();
states.unsubscribe();
await remote.close();
process.stdin.destroy();
