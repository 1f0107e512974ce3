// A consumer process for the remote specs: `node --import tsx spec/remote/support/consumer.ts URL
// PREFIX SYM1,SYM2 [md|depth]`. It subscribes marketData$ (or depth$, 5 rows) for each symbol and
// answers on stdin: `dump` → one JSON line { type: 'dump', states: { SYM: MarketStateRecord |
// OrderBook } }; `exit` → closes the remote session and exits 0. It prints { type: 'ready' } once
// every symbol has a state (a book).
import { createInterface } from 'node:readline';
import type { Observable } from 'rxjs';
import { connectRemote, toMarketStateRecord } from '../../../lib/remote/index.js';

/** Rows per side of the depth books (spec/remote/streams.nats.spec.ts compares with books of as many rows). */
const DEPTH_ROWS = 5;

const [url = '', prefix = 'ibrx', list = '', kind = 'md'] = process.argv.slice(2);
const symbols = list.split(',').filter((s) => s !== '');
const print = (value: object): void => { process.stdout.write(`${JSON.stringify(value)}\n`); };

const remote = await connectRemote({ servers: url, prefix, reconnectWaitMs: 100 });
/** Each symbol's stream, as plain data. */
const stream$ = (symbol: string): Observable<unknown> => (kind === 'depth' ? remote.depth$(symbol, { rows: DEPTH_ROWS }) : remote.marketData$(symbol));
const plain = (value: unknown): unknown => (kind === 'depth' ? value : toMarketStateRecord(value as Parameters<typeof toMarketStateRecord>[0]));
const states = new Map<string, unknown>();
let ready = false;
const subscriptions = symbols.map((symbol) =>
  stream$(symbol).subscribe({
    next: (state) => {
      states.set(symbol, state);
      if (!ready && states.size === symbols.length) {
        ready = true;
        print({ type: 'ready', consumer: remote.consumerId, simulated: remote.simulated });
      }
    },
    error: (error: unknown) => { print({ type: 'error', symbol, name: (error as Error).name, message: (error as Error).message }); },
  }),
);

for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'dump') {
    print({ type: 'dump', states: Object.fromEntries([...states].map(([symbol, state]) => [symbol, plain(state)])) });
  } else if (line === 'exit') {
    for (const subscription of subscriptions) subscription.unsubscribe();
    await remote.close();
    print({ type: 'closed' });
    break;
  }
}
// Nothing but stdin may keep this process alive now: it exits by itself only if the remote
// session left no socket or timer behind (the specs wait for that exit).
process.stdin.destroy();
