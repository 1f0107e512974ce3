import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { asyncScheduler, interval, map, merge, type Observable, type SchedulerLike } from 'rxjs';
import { log } from '../log.js';
import { LatestWhileBlocked } from './latest-while-blocked.js';
import { sseComment, sseFrame, sseOpening } from './sse-frame.js';
import { loadStaticFiles, type StaticFile } from './static-files.js';
import type { WebEvent } from './web-event.js';
import { WebServerError } from './web-server-error.js';

/** Options of {@link serveWeb}. */
export interface ServeWebOptions {
  /** TCP port; 0 picks a free one (see `WebServer.port`). */
  readonly port: number;
  /** Interface to listen on; default `127.0.0.1` (the page is not published beyond this machine). */
  readonly host?: string;
  /** One browser's messages: subscribed when it opens `/events`, unsubscribed when it goes. */
  readonly events$: () => Observable<WebEvent>;
  /** A comment is sent this often so idle proxies and browsers keep the stream open. Default 15 000 ms. */
  readonly keepAliveMs?: number;
  readonly scheduler?: SchedulerLike;
}

/** A running browser view. */
export interface WebServer {
  readonly host: string;
  /** The port it listens on (the real one when asked for 0). */
  readonly port: number;
  /** `http://host:port/`. */
  readonly url: string;
  /** Browsers connected to `/events` now. */
  clientCount(): number;
  /** Each connected browser's write side now (a slow reader shows `blocked`, with at most one waiting message per key). */
  clients(): readonly WebClientStatus[];
  /** Ends every event stream (releasing its subscriptions) and stops listening. Idempotent. */
  close(): Promise<void>;
}

/** One `/events` client's write side. */
export interface WebClientStatus {
  /** Its socket buffer is full: messages wait (newest per key) until it drains. */
  readonly blocked: boolean;
  /** Messages waiting for a drain (at most one per key). */
  readonly waiting: number;
  /** Bytes written but not yet taken by its socket. */
  readonly buffered: number;
}

/** Reconnect delay the page's EventSource is told to use after a lost stream. */
const RETRY_MS = 2000;

/** Headers of every answer: nothing may be loaded from elsewhere, nothing cached, nothing sniffed. */
const COMMON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
} as const;

/**
 * Serves the browser view on `host:port`: the page (`/`, `/app.js`, `/style.css`), the chart
 * library, and `/events`, one Server-Sent Events stream per browser carrying `events$()`. A slow
 * reader never stalls anyone: while its socket buffer is full only the newest message per key
 * waits for it (see {@link LatestWhileBlocked}). A browser that leaves ends its subscription.
 * Only requests naming this server as `Host` (`127.0.0.1:PORT`, `localhost:PORT`) are answered (403
 * otherwise: a page elsewhere cannot read the stream by DNS rebinding). Rejects with
 * {@link WebServerError} when the port cannot be bound or the page files are missing.
 *
 * @example
 * const web = await serveWeb({ port: 0, events$: () => quotes$ });
 * console.log(web.url); // … await web.close();
 */
export async function serveWeb(options: ServeWebOptions): Promise<WebServer> {
  const host = options.host ?? '127.0.0.1';
  const files = await loadFiles(host, options.port);
  const streams = new Map<ServerResponse, LatestWhileBlocked>();
  const allowedHosts = new Set<string>();
  const server = createServer((request, response) => {
    if (!allowedHosts.has(request.headers.host ?? '')) {
      reply(response, 403, 'forbidden: this page answers on 127.0.0.1 only\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      reply(response, 405, 'method not allowed\n');
      return;
    }
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/events') {
      openStream(request, response, options, streams);
      return;
    }
    const file = files.get(path === '/index.html' ? '/' : path);
    if (file === undefined) reply(response, 404, 'not found\n');
    else response.writeHead(200, { ...COMMON_HEADERS, 'content-type': file.contentType, 'content-length': file.body.length }).end(request.method === 'HEAD' ? undefined : file.body);
  });
  await listen(server, options.port, host);
  const port = (server.address() as AddressInfo).port;
  for (const name of [host, '127.0.0.1', 'localhost', '[::1]']) allowedHosts.add(`${name}:${port}`);
  log.web('serving http://%s:%d/', host, port);
  let closing: Promise<void> | undefined;
  return {
    host,
    port,
    url: `http://${host}:${port}/`,
    clientCount: () => streams.size,
    clients: () => [...streams].map(([response, writer]) => ({ blocked: writer.blocked, waiting: writer.waiting, buffered: response.writableLength })),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        for (const stream of streams.keys()) stream.destroy();
        server.close(() => { resolve(); });
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function openStream(request: IncomingMessage, response: ServerResponse, options: ServeWebOptions, streams: Map<ServerResponse, LatestWhileBlocked>): void {
  response.writeHead(200, { ...COMMON_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  response.write(sseOpening(RETRY_MS));
  const writer = new LatestWhileBlocked((chunk) => response.write(chunk));
  const keepAlive$ = interval(options.keepAliveMs ?? 15_000, options.scheduler ?? asyncScheduler).pipe(map(() => ({ key: ':ping', chunk: sseComment('ping') })));
  const subscription = merge(options.events$().pipe(map((message) => ({ key: message.key, chunk: sseFrame(message) }))), keepAlive$).subscribe({
    next: ({ key, chunk }) => { writer.push(key, chunk); },
    error: (error: unknown) => {
      log.web('an event stream failed: %O', error);
      response.destroy();
    },
    complete: () => { response.end(); },
  });
  streams.set(response, writer);
  log.web('client joined (%d now)', streams.size);
  response.on('drain', () => { writer.drain(); });
  response.on('close', () => {
    subscription.unsubscribe();
    streams.delete(response);
    log.web('client left (%d now)', streams.size);
  });
}

function reply(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...COMMON_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).end(text);
}

async function loadFiles(host: string, port: number): Promise<ReadonlyMap<string, StaticFile>> {
  try {
    return await loadStaticFiles();
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new WebServerError(`the browser view's files are missing (${error instanceof Error ? error.message : String(error)}); in a checkout run \`npm run build\``, { host, port, code }, { cause: error });
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.close();
      const why = error.code === 'EADDRINUSE' ? 'the port is in use' : error.code === 'EACCES' ? 'the port is not allowed' : error.message;
      reject(new WebServerError(`cannot listen on ${host}:${port}: ${why}`, { host, port, code: error.code }, { cause: error }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}
