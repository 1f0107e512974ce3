// A NATS consumer's per-tick path in one process, without NATS: binary batches (as the server
// encodes them) fed to the consumer's stream core (remoteStream → remoteEntry → marketData$ and
// ticks$ subscribers), CPU µs per tick. The NATS connection is a stand-in that hands the batches
// over and answers the join: what is measured is ib-rx's decoding, sequencing, folding and fan-out.
//   node --import tsx bench/remote-consumer-path.ts [batches]
import { NEVER } from 'rxjs';
import { marketDataCodec } from '../lib/remote/codecs.js';
import type { ConsumerLink } from '../lib/remote/consumer-link.js';
import { encodeInputBatch } from '../lib/remote/input-batch.js';
import { remoteEntry } from '../lib/remote/remote-entry.js';
import { remoteStream } from '../lib/remote/remote-stream.js';
import { marketDataRequest } from '../lib/remote/stream-keys.js';
import { remoteSubjects } from '../lib/remote/subjects.js';
import { encodeControl } from '../lib/remote/wire.js';
import type { MarketStateInput } from '../lib/state/index.js';
import type { Tick } from '../lib/ticks/tick.js';

const BATCH = 830;
const batches = Number(process.argv[2] ?? 600);
const subjects = remoteSubjects('ibrx');
let deliver: ((error: null, msg: { data: Uint8Array }) => void) | undefined;
const link = {
  nc: {
    subscribe: (_subject: string, options: { callback: (error: null, msg: { data: Uint8Array }) => void }) => {
      deliver = options.callback;
      return { unsubscribe: () => undefined };
    },
    request: () => Promise.resolve({ string: () => encodeControl({ ok: true, stream: 's', instance: 'i-1', seq: 0, symbol: 'AAPL', history: 10_000, record: null }) }),
  },
  subjects,
  consumerId: 'c1',
  signals$: NEVER,
  hold: () => undefined,
  release: () => undefined,
  up: true,
} as unknown as ConsumerLink;
const entry = remoteEntry(remoteStream(link, marketDataRequest('AAPL', {}, 'realtime'), marketDataCodec(subjects, 'AAPL')), {
  pick: (input: MarketStateInput) => (input.type === 'tick' ? input : undefined),
  end$: NEVER,
  onEnd: () => undefined,
});
let ticks = 0;
let states = 0;
entry.inputs$.subscribe({ next: () => { ticks += 1; }, error: (error: unknown) => { throw error; } });
entry.value$.subscribe({ next: () => { states += 1; }, error: (error: unknown) => { throw error; } });
await new Promise((resolve) => setTimeout(resolve, 20));

let seq = 1;
const fields = ['bid', 'ask', 'bidSize', 'askSize'] as const;
const makeBatches = (): Uint8Array[] => Array.from({ length: batches }, () => {
  const time = Date.now();
  const inputs: MarketStateInput[] = Array.from({ length: BATCH }, (_, i): Tick => {
    const field = fields[i % 4] ?? 'bid';
    return { type: 'tick', field, value: field.endsWith('Size') ? 100 + (i % 7) : 150 + (i % 13) / 100, time, delayed: false, reqId: 5 };
  });
  const bytes = encodeInputBatch('i-1', seq, inputs);
  seq += BATCH;
  return bytes;
});
const results: number[] = [];
for (let round = 0; round < 8; round++) {
  const data = makeBatches();
  const before = ticks;
  const cpu0 = process.cpuUsage();
  for (const bytes of data) deliver?.(null, { data: bytes });
  const cpu = process.cpuUsage(cpu0);
  results.push((cpu.user + cpu.system) / (ticks - before));
}
const sorted = [...results].sort((a, b) => a - b);
console.log(JSON.stringify({ ticksPerRound: BATCH * batches, cpuUsPerTick: { best: Number(sorted[0]?.toFixed(3)), median: Number(sorted[4]?.toFixed(3)) }, ticks, states }));
