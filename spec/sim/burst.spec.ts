import { once } from 'node:events';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { expect } from 'chai';
import { burstTo } from '../../lib/sim/burst.js';
import type { SimConnection } from '../../lib/sim/connection.js';
import type { Subscription } from '../../lib/sim/sim-context.js';

/** The parts of a connection and a subscription `burstTo` reads, over a real loopback socket. */
const target = (socket: Socket): { conn: SimConnection; sub: Subscription } => ({
  conn: { socket, outbox: { flush: () => undefined }, counters: { messages: 0, ticksSent: 0, bytes: 0 } } as unknown as SimConnection,
  sub: { reqId: 7, feed: { book: new Map([['bid', 100]]) }, delayed: false, started: true } as unknown as Subscription,
});

describe('Simulator burst (burstTo) over a real socket', () => {
  let server: Server | undefined;
  const sockets: Socket[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    if (server !== undefined) await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  /** A connected pair: the side the burst writes to, and a reader that starts paused. */
  const pair = async (): Promise<{ writer: Socket; reader: Socket }> => {
    const accepted = new Promise<Socket>((resolve) => {
      server = createServer(resolve);
    });
    server?.listen(0, '127.0.0.1');
    if (server === undefined) throw new Error('no server');
    await once(server, 'listening');
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const reader = connect({ port: address.port, host: '127.0.0.1' });
    reader.pause();
    const writer = await accepted;
    sockets.push(reader, writer);
    return { writer, reader };
  };

  it('waits for drain under backpressure, delivers every byte, and leaves no listener behind', async () => {
    const { writer, reader } = await pair();
    const listeners = (): number => writer.listenerCount('close') + writer.listenerCount('error') + writer.listenerCount('drain');
    const before = listeners();
    let received = 0;
    reader.on('data', (chunk: Buffer) => { received += chunk.length; });
    // The reader stays paused until the writer has to wait for drain: the burst must hit backpressure.
    let backpressure = false;
    const poll = setInterval(() => {
      if (!writer.writableNeedDrain) return;
      backpressure = true;
      clearInterval(poll);
      reader.resume();
    }, 2);
    const result = await burstTo([target(writer)], 400_000, () => false);
    clearInterval(poll);
    expect(backpressure).to.equal(true, 'the burst waited for drain');
    expect(result.messages).to.equal(400_000);
    // Every wait for drain ended its listeners: one per wait would be left otherwise (hundreds here).
    expect(listeners()).to.equal(before);
    const deadline = Date.now() + 10_000;
    while (received < result.bytes && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(received).to.equal(result.bytes);
  });
});
