#!/usr/bin/env node
// Takes docs/web-view.png: runs `ib-rx watch AAPL MSFT SPY TSLA --sim --web --depth AAPL` (the
// real CLI, built-in simulator), opens the page in Debian's headless Chromium (playwright-core),
// waits until every chart has candles and the ladder has rows, and saves a screenshot.
//   node scripts/web-screenshot.mjs [OUT.png]        (needs `apt-get install chromium`)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const repo = resolve(import.meta.dirname, '..');
const out = resolve(process.argv[2] ?? join(repo, 'docs', 'web-view.png'));
const symbols = ['AAPL', 'MSFT', 'SPY', 'TSLA'];
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

const cli = spawn(process.execPath, ['--import', 'tsx', 'lib/cli/main.ts', 'watch', ...symbols, '--sim', '--web', '--depth', 'AAPL', '--interval', '250'], {
  cwd: repo, stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise((ok, fail) => {
  let text = '';
  cli.stdout.setEncoding('utf8').on('data', (d) => {
    text += d;
    const match = /web view: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(text);
    if (match) ok(match[1]);
  });
  cli.on('exit', (code) => fail(new Error(`ib-rx watch --web ended (${code}) before printing its URL`)));
});
const userDataDir = mkdtempSync(join(tmpdir(), 'ib-rx-screenshot-'));
const browser = await chromium.launchPersistentContext(userDataDir, {
  executablePath: chromiumPath,
  headless: true,
  viewport: { width: 1400, height: 1000 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction((names) => {
    const probe = window.ibRx;
    return probe !== undefined && names.every((s) => probe.chartPoints[s] >= 20 && probe.quotes[s] >= 3) && probe.depthUpdates.AAPL >= 3;
  }, symbols, { timeout: 60_000, polling: 200 });
  await page.waitForTimeout(1500); // a few more quotes, so ages and trends look live
  await page.screenshot({ path: out, fullPage: true });
  console.log(`saved ${out}`);
} finally {
  await browser.close();
  rmSync(userDataDir, { recursive: true, force: true });
  cli.kill('SIGINT');
}
