// A depth consumer process for the remote specs: `node --import tsx spec/remote/support/depth-consumer.ts
// URL PREFIX SYM1,SYM2`. It subscribes depth$ (5 rows) for each symbol and answers on stdin:
// `dump` → one JSON line { type: 'dump', states: { SYM: OrderBook } }; `exit` → closes the remote
// session and exits 0. It prints { type: 'ready' } once every symbol has a book.
import { createInterface } from 'node:readline';
import { connectRemote } from '../../../lib/remote/index.js';
import type { OrderBook } from '../../../lib/streams/depth/order-book.js';

/** Rows per side (spec/remote/streams.nats.spec.ts compares with books of as many rows). */
const ROWS = 5;

const [url = '', prefix = 'ibrx', list = ''] = process.argv.slice(2);
const symbols = list.split(',').filter((s) => s !== '');
const print = (value: object): void => { process.stdout.write(`${JSON.stringify(value)}\n`); };

const remote = await connectRemote({ servers: url, prefix, reconnectWaitMs: 100 });
const books = new Map<string, OrderBook>();
let ready = false;
const subscriptions = symbols.map((symbol) =>
  remote.depth$(symbol, { rows: ROWS }).subscribe({
    next: (book) => {
      books.set(symbol, book);
      if (!ready && books.size === symbols.length) {
        ready = true;
        print({ type: 'ready', consumer: remote.consumerId, simulated: remote.simulated });
      }
    },
    error: (error: unknown) => { print({ type: 'error', symbol, name: (error as Error).name, message: (error as Error).message }); },
  }),
);

for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'dump') {
    print({ type: 'dump', states: Object.fromEntries(books) });
  } else if (line === 'exit') {
    for (const subscription of subscriptions) subscription.unsubscribe();
    await remote.close();
    print({ type: 'closed' });
    break;
  }
}
process.stdin.destroy();
