import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MetricsRegistry } from './collect-metrics.js';
import { log } from '../log.js';

/** Options of {@link serveMetrics}. */
export interface ServeMetricsOptions {
  /** TCP port; 0 picks a free one (see `MetricsServer.port`). */
  readonly port: number;
  /** Interface to listen on; default `127.0.0.1` (metrics are not published beyond this machine unless asked). */
  readonly host?: string;
  /** The registry to expose (e.g. `collectMetrics(…).registry`). */
  readonly registry: Pick<MetricsRegistry, 'metrics' | 'contentType'>;
}

/** A running `/metrics` endpoint. */
export interface MetricsServer {
  readonly host: string;
  /** The port it listens on (the real one when asked for 0). */
  readonly port: number;
  /** `http://host:port/metrics`. */
  readonly url: string;
  /** Stops listening and ends open connections; resolves when the socket is closed. Idempotent. */
  close(): Promise<void>;
}

/**
 * Serves `GET /metrics` (Prometheus text format, from `registry.metrics()`) on `host:port`; any
 * other path is 404, any other method 405. Resolves once listening; rejects when the port cannot
 * be bound (e.g. `EADDRINUSE`).
 *
 * @example
 * const server = await serveMetrics({ port: 9464, registry: collectMetrics(session).registry });
 * // curl http://127.0.0.1:9464/metrics … await server.close();
 */
export async function serveMetrics(options: ServeMetricsOptions): Promise<MetricsServer> {
  const { registry } = options;
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /metrics\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n');
      return;
    }
    registry.metrics().then(
      (text) => { response.writeHead(200, { 'content-type': registry.contentType }).end(request.method === 'HEAD' ? undefined : text); },
      (error: unknown) => {
        log.cli('metrics: collecting failed %O', error);
        response.writeHead(500, { 'content-type': 'text/plain' }).end('collecting metrics failed\n');
      },
    );
  });
  await listen(server, options.port, host);
  const port = (server.address() as AddressInfo).port;
  log.cli('metrics: serving http://%s:%d/metrics', host, port);
  let closing: Promise<void> | undefined;
  return {
    host,
    port,
    url: `http://${host}:${port}/metrics`,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => { resolve(); });
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      server.close();
      reject(error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}
