// A consumer process for the remote specs: `node --import tsx spec/remote/support/consumer.ts URL
// PREFIX SYM1,SYM2`. It subscribes marketData$ for each symbol and answers on stdin:
// `dump` → one JSON line { type: 'dump', states: { SYM: MarketStateRecord } }; `exit` → closes
// the remote session and exits 0. It prints { type: 'ready' } once every symbol has a state.
import { createInterface } from 'node:readline';
import { connectRemote, toMarketStateRecord } from '../../../lib/remote/index.js';
import type { MarketState } from '../../../lib/state/index.js';

const [url = '', prefix = 'ibrx', list = ''] = process.argv.slice(2);
const symbols = list.split(',').filter((s) => s !== '');
const print = (value: object): void => { process.stdout.write(`${JSON.stringify(value)}\n`); };

const remote = await connectRemote({ servers: url, prefix, reconnectWaitMs: 100 });
const states = new Map<string, MarketState>();
let ready = false;
const subscriptions = symbols.map((symbol) =>
  remote.marketData$(symbol).subscribe({
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
    print({ type: 'dump', states: Object.fromEntries([...states].map(([symbol, state]) => [symbol, toMarketStateRecord(state)])) });
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
