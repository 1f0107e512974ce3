import { expect } from 'chai';
import { Counter, Registry } from 'prom-client';
import { serveMetrics } from '../../lib/monitoring/metrics-server.js';
import { httpGet } from './support/http-get.js';
import { parsePromText, samplesOf } from './support/prom-text.js';

describe('serveMetrics', () => {
  it('serves the registry at /metrics on 127.0.0.1 in Prometheus text format', async () => {
    const registry = new Registry();
    new Counter({ name: 'ib_rx_spec_total', help: 'a spec counter', registers: [registry] }).inc(3);
    const server = await serveMetrics({ port: 0, registry });
    try {
      expect(server.host).to.equal('127.0.0.1');
      expect(server.url).to.equal(`http://127.0.0.1:${server.port}/metrics`);
      const response = await httpGet(server.url);
      expect(response.status).to.equal(200);
      expect(response.contentType).to.match(/^text\/plain; version=0\.0\.4/);
      expect(samplesOf(parsePromText(response.body), 'ib_rx_spec_total')).to.deep.equal([{ name: 'ib_rx_spec_total', labels: {}, value: 3 }]);
    } finally {
      await server.close();
    }
  });

  it('answers 404 for other paths and 405 for other methods', async () => {
    const server = await serveMetrics({ port: 0, registry: new Registry() });
    try {
      expect((await httpGet(`http://127.0.0.1:${server.port}/`)).status).to.equal(404);
      expect((await httpGet(server.url, 'POST')).status).to.equal(405);
      expect((await httpGet(`${server.url}?x=1`, 'HEAD')).status).to.equal(200);
    } finally {
      await server.close();
    }
  });

  it('rejects when the port is taken, and leaves no server behind after close()', async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
    const first = await serveMetrics({ port: 0, registry: new Registry() });
    let error: unknown;
    try {
      await serveMetrics({ port: first.port, registry: new Registry() });
    } catch (caught: unknown) {
      error = caught;
    }
    expect(error).to.have.property('code', 'EADDRINUSE');
    await Promise.all([first.close(), first.close()]);
    await new Promise((resolve) => { setImmediate(resolve); });
    expect(process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length).to.equal(before);
  });
});
