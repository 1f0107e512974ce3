// The browser view's server over real sockets on 127.0.0.1: the page and the chart library, the
// SSE stream, a browser that leaves, a reader that does not read, the Host check and a port in use.
import { expect } from 'chai';
import { get, request, type IncomingMessage } from 'node:http';
import { createServer, type Server } from 'node:net';
import { interval, map, merge, NEVER, Observable, of } from 'rxjs';
import { waitUntil } from '../support/wait-until.js';
import { serveWeb, type WebServer } from '../../lib/web/web-server.js';
import { WebServerError } from '../../lib/web/web-server-error.js';
import type { WebEvent } from '../../lib/web/web-event.js';

interface Answer {
  readonly status: number | undefined;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

function fetchText(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => { body += d; }).on('end', () => { resolve({ status: res.statusCode, headers: res.headers, body }); });
    });
    req.on('error', reject).end();
  });
}

/** An SSE reader that parses messages as they come; `close()` hangs up. */
function sseReader(url: string): { readonly messages: { event: string; data: unknown }[]; readonly response: Promise<IncomingMessage>; close(): void } {
  const messages: { event: string; data: unknown }[] = [];
  let buffer = '';
  const req = get(url);
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    req.on('response', (res) => {
      res.setEncoding('utf8').on('data', (d: string) => {
        buffer += d;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event !== undefined && data !== undefined) messages.push({ event, data: JSON.parse(data) as unknown });
        }
      });
      resolve(res);
    }).on('error', reject);
  });
  return { messages, response, close: () => { req.destroy(); } };
}

describe('serveWeb (real sockets on 127.0.0.1)', function () {
  this.timeout(30_000);
  let web: WebServer | undefined;
  const readers: { close(): void }[] = [];
  afterEach(async () => {
    for (const reader of readers.splice(0)) reader.close();
    await web?.close();
    web = undefined;
  });

  it('serves the page, its script and style, and the chart library from the package; 404 elsewhere, 405 for POST', async () => {
    web = await serveWeb({ port: 0, events$: () => NEVER });
    expect(web.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetchText(web.url);
    expect(page.status).to.equal(200);
    expect(page.headers['content-type']).to.equal('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).to.include("default-src 'self'");
    expect(page.body).to.include('<script src="/vendor/lightweight-charts.js" defer></script>').and.to.include('<script src="/app.js" defer></script>');
    const chartLib = await fetchText(`${web.url}vendor/lightweight-charts.js`);
    expect(chartLib.status).to.equal(200);
    expect(chartLib.body).to.include('LightweightCharts').and.to.match(/createChart/);
    expect((await fetchText(`${web.url}app.js`)).body).to.include("new EventSource('/events')");
    expect((await fetchText(`${web.url}style.css`)).status).to.equal(200);
    expect((await fetchText(`${web.url}../package.json`)).status).to.equal(404);
    expect((await fetchText(`${web.url}nothing`)).status).to.equal(404);
    expect((await fetchText(web.url, {}, 'POST')).status).to.equal(405);
  });

  it('answers only requests addressed to 127.0.0.1 or localhost (no DNS rebinding)', async () => {
    web = await serveWeb({ port: 0, events$: () => NEVER });
    expect((await fetchText(web.url, { host: 'evil.example:80' })).status).to.equal(403);
    expect((await fetchText(`${web.url}events`, { host: `attacker.test:${web.port}` })).status).to.equal(403);
    expect((await fetchText(web.url, { host: `localhost:${web.port}` })).status).to.equal(200);
  });

  it('streams each client its own messages as SSE; a client that hangs up is unsubscribed and no longer counted', async () => {
    let subscribed = 0;
    let unsubscribed = 0;
    const events$ = (): Observable<WebEvent> => new Observable<WebEvent>((subscriber) => {
      subscribed++;
      subscriber.next({ event: 'hello', key: 'hello', data: { n: subscribed } });
      return () => { unsubscribed++; };
    });
    web = await serveWeb({ port: 0, events$ });
    const first = sseReader(`${web.url}events`);
    const second = sseReader(`${web.url}events`);
    readers.push(first, second);
    const res = await first.response;
    expect(res.headers['content-type']).to.equal('text/event-stream; charset=utf-8');
    await waitUntil(() => first.messages.length === 1 && second.messages.length === 1, 10_000, 'a hello for each client');
    expect(web.clientCount()).to.equal(2);
    first.close();
    await waitUntil(() => web?.clientCount() === 1, 10_000, 'the server to notice the first client left');
    expect(unsubscribed).to.equal(1);
    second.close();
    await waitUntil(() => web?.clientCount() === 0, 10_000, 'the server to notice the second client left');
    expect(unsubscribed).to.equal(2);
  });

  it('a reader that does not read never stalls the others: it holds at most one message per key while a fast reader keeps getting every message', async () => {
    const KEYS = 4;
    const payload = 'x'.repeat(16_384);
    // Real traffic would take minutes to fill loopback buffers; 16 kB messages every millisecond take a moment.
    const events$ = (): Observable<WebEvent> => merge(
      of<WebEvent>({ event: 'hello', key: 'hello', data: null }),
      interval(1).pipe(map((n): WebEvent => ({ event: 'tick', key: `k${n % KEYS}`, data: { n, payload } }))),
    );
    web = await serveWeb({ port: 0, events$ });
    const slow = get(`${web.url}events`);
    readers.push({ close: () => slow.destroy() });
    const slowResponse = await new Promise<IncomingMessage>((resolve) => slow.on('response', resolve));
    slowResponse.pause(); // never reads again
    const server = web;
    await waitUntil(() => server.clients().some((c) => c.blocked), 20_000, 'the slow reader to fill its socket buffer');
    const fast = sseReader(`${web.url}events`);
    readers.push(fast);
    await waitUntil(() => fast.messages.length >= 200, 20_000, '200 messages to the fast reader');
    const ticks = fast.messages.filter((m) => m.event === 'tick').map((m) => (m.data as { n: number }).n);
    // The fast reader missed nothing: consecutive numbers (interval counts per subscription).
    expect(ticks.slice(1).every((n, i) => n === (ticks[i] ?? -2) + 1)).to.equal(true);
    const slowState = server.clients().find((c) => c.blocked);
    expect(slowState, 'the slow reader is still blocked').to.not.equal(undefined);
    expect(slowState!.waiting).to.be.at.most(KEYS + 1);
    // What its socket holds is bounded by one write past the high-water mark, not by time.
    expect(slowState!.buffered).to.be.below(1_000_000);
  });

  it('a port in use is a WebServerError naming the address and EADDRINUSE', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const error = await serveWeb({ port, events$: () => NEVER }).then(() => undefined, (e: unknown) => e);
      expect(error).to.be.instanceOf(WebServerError);
      expect(error).to.include({ host: '127.0.0.1', port, code: 'EADDRINUSE' });
      expect((error as Error).message).to.equal(`cannot listen on 127.0.0.1:${port}: the port is in use`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('close() ends open streams and frees the port', async () => {
    web = await serveWeb({ port: 0, events$: () => NEVER });
    const reader = sseReader(`${web.url}events`);
    readers.push(reader);
    const res = await reader.response;
    const ended = new Promise((resolve) => res.on('close', resolve));
    await web.close();
    await ended;
    const again = await serveWeb({ port: web.port, events$: () => NEVER });
    await again.close();
  });
});
