// `ib-rx watch --metrics-port N` end to end: the real CLI in a child process against its built-in
// simulator (--sim); /metrics is scraped over HTTP while it watches.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { freePort } from '../support/free-port.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { NEVER } from 'rxjs';
import { processIo } from '../../lib/cli/cli-io.js';
import { createWatchCommand } from '../../lib/cli/commands/watch.js';
import { METRIC_NAMES } from '../../lib/monitoring/metric-names.js';
import { httpGet } from './support/http-get.js';
import { parsePromText, samplesOf, type PromText } from './support/prom-text.js';

const MAIN = fileURLToPath(new URL('../../lib/cli/main.ts', import.meta.url));

/** Whether the CLI's `watch` command has the flag (only its options are read; nothing runs). */
const hasMetricsFlag = (): boolean =>
  createWatchCommand({ io: processIo(), stop$: NEVER, setExitCode: () => undefined }).options.some((option) => option.long === '--metrics-port');

describe('ib-rx watch --metrics-port', function () {
  this.timeout(20_000);

  it('serves /metrics on 127.0.0.1 in the Prometheus text format with every ib-rx metric while watching', async function () {
    expect(hasMetricsFlag(), 'watch has --metrics-port').to.equal(true);
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'watch', 'AAPL', 'MSFT', '--sim', '--metrics-port', String(port), '--duration', '60'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DEBUG: '' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    const exited = new Promise<number | null>((resolve) => { child.on('exit', (code) => { resolve(code); }); });
    try {
      const url = `http://127.0.0.1:${port}/metrics`;
      let text: PromText | undefined;
      for (let i = 0; i < 100 && text === undefined; i++) {
        await sleep(100);
        const response = await httpGet(url).catch(() => undefined);
        if (response?.status !== 200) continue;
        const parsed = parsePromText(response.body);
        if (samplesOf(parsed, 'ib_rx_ticks_total').some((s) => s.labels.symbol === 'MSFT')) text = parsed;
      }
      expect(text, `no ticks in /metrics; CLI output:\n${output}`).not.to.equal(undefined);
      expect([...(text?.types.keys() ?? [])]).to.include.members(Object.values(METRIC_NAMES));
      expect(samplesOf(text!, 'ib_rx_market_data_lines')[0]?.value).to.equal(2);
      expect(samplesOf(text!, 'ib_rx_connection_state')[0]?.value).to.equal(4);
      expect(output).to.match(/health: ready · reconnects 0 · lines 2\/100/);
    } finally {
      // Ctrl-C once scraped (exit 0 too): no waiting out a --duration that a slow start could also cut short.
      child.kill('SIGINT');
      const code = await exited;
      expect(code).to.equal(0, output);
    }
    expect((await httpGet(`http://127.0.0.1:${port}/metrics`).catch((error: unknown) => error))).to.have.property('code', 'ECONNREFUSED');
  });
});
