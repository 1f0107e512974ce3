// The browser view in a real headless Chromium (Debian's, driven by playwright-core) against the
// simulator over real sockets: the same composition as `ib-rx watch --web` (watchWebView).
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { throwError, type Subscription } from 'rxjs';
import type { CliSession } from '../../lib/cli/cli-session.js';
import { openIbSession } from '../../lib/cli/ib-session-port.js';
import { sourceTitle } from '../../lib/cli/render/source-title.js';
import { watchWebView } from '../../lib/cli/watch/run-watch-web.js';
import { webEvents$ } from '../../lib/cli/watch/web-events.js';
import { parseConfig } from '../../lib/config/index.js';
import { HistoricalDataError } from '../../lib/errors.js';
import { startSimulator, type Simulator } from '../../lib/sim/index.js';
import { serveWeb, type WebServer } from '../../lib/web/web-server.js';
import { CHROMIUM, requireBinary } from '../support/require-binary.js';
import { waitUntil } from '../support/wait-until.js';

/** The flags that keep Chromium off the (closed) network. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SYMBOLS = ['AAPL', 'MSFT'];

/** What the page exposes for tests (`window.ibRx`). */
interface Probe {
  readonly hello: number;
  readonly quotes: Record<string, number>;
  readonly chartPoints: Record<string, number>;
  readonly chartKind: Record<string, string>;
  readonly depthUpdates: Record<string, number>;
  readonly errors: string[];
}

/** The little of the DOM these specs read inside the page (the specs are compiled without the DOM library). */
interface PageGlobals {
  readonly ibRx?: Probe;
  readonly document: {
    querySelectorAll(selector: string): Iterable<{
      readonly width: number;
      readonly height: number;
      getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { readonly data: Uint8ClampedArray } } | null;
    }>;
  };
}

/** Pixels of one of these RGB colours on a symbol's chart canvases (what lightweight-charts really drew). */
const colourPixels = (page: Page, symbol: string, colours: readonly (readonly [number, number, number])[]): Promise<number> => page.evaluate(([s, rgbs]) => {
  let n = 0;
  for (const canvas of (globalThis as unknown as PageGlobals).document.querySelectorAll(`.card[data-symbol="${s}"] canvas`)) {
    const ctx = canvas.getContext('2d');
    if (ctx === null || canvas.width === 0 || canvas.height === 0) continue;
    const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 0; i < d.length; i += 4) if (rgbs.some(([r, g, b]) => d[i] === r && d[i + 1] === g && d[i + 2] === b)) n++;
  }
  return n;
}, [symbol, colours] as const);

/** The page's candle colours (#26a69a up, #ef5350 down) and trade line colour (#4aa3ff). */
const CANDLE_COLOURS = [[0x26, 0xa6, 0x9a], [0xef, 0x53, 0x50]] as const;
const LINE_COLOUR = [[0x4a, 0xa3, 0xff]] as const;

describe('the browser view in headless Chromium (watch --web against the simulator)', function () {
  this.timeout(60_000);
  let userDataDir: string | undefined;
  let browser: BrowserContext | undefined;
  let sim: Simulator | undefined;
  let session: CliSession | undefined;
  let web: WebServer | undefined;
  let lines: Subscription | undefined;
  let liveLines = -1;
  const requests: string[] = [];
  const problems: string[] = [];

  before(async function () {
    const executablePath = requireBinary(this, CHROMIUM);
    sim = await startSimulator({ port: 0 });
    const config = parseConfig({ api: { tws_endpoint: sim.host, port: sim.port } });
    const s = openIbSession(config);
    session = s;
    lines = s.ibSession?.subscriptions$.subscribe({ next: (list) => { liveLines = list.length; }, error: (error: unknown) => { problems.push(`subscriptions$ failed: ${String(error)}`); } });
    const view = watchWebView(s, { title: sourceTitle('watch', { config, simulated: true }), simulated: true }, SYMBOLS, { interval: 100, depth: ['AAPL'] });
    web = await serveWeb({ port: 0, events$: () => webEvents$(s, view) });
    userDataDir = mkdtempSync(join(tmpdir(), 'ib-rx-chromium-'));
    browser = await chromium.launchPersistentContext(userDataDir, { executablePath, headless: true, args: CHROMIUM_ARGS });
    browser.on('request', (request) => { requests.push(request.url()); });
    browser.on('page', (page) => {
      page.on('console', (message) => { if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`); });
      page.on('pageerror', (error) => { problems.push(`page error: ${error.message}`); });
    });
  });

  after(async () => {
    await browser?.close();
    lines?.unsubscribe();
    await web?.close();
    await session?.close();
    await sim?.close();
    if (userDataDir !== undefined) rmSync(userDataDir, { recursive: true, force: true });
  });

  const pages: Page[] = [];
  afterEach(async () => {
    // A failed test leaves no tab open for the next one.
    for (const page of pages.splice(0)) if (!page.isClosed()) await page.close();
    problems.length = 0;
  });

  const open = async (): Promise<Page> => {
    const page = await browser!.newPage();
    pages.push(page);
    await page.goto(web!.url);
    return page;
  };
  const probe = (page: Page): Promise<Probe> => page.evaluate(() => (globalThis as unknown as PageGlobals).ibRx!);

  it('shows SIMULATED, updates every row, draws a chart of candles per symbol and the --depth ladder, logs no error and loads nothing from outside 127.0.0.1', async () => {
    const page = await open();
    await page.waitForFunction((symbols) => {
      const p = (globalThis as unknown as PageGlobals).ibRx;
      return p !== undefined && symbols.every((s) => (p.quotes[s] ?? 0) >= 3 && (p.chartPoints[s] ?? 0) >= 2);
    }, SYMBOLS, { timeout: 40_000, polling: 100 });
    expect(await page.locator('#simulated').isVisible()).to.equal(true);
    expect(await page.locator('#simulated').textContent()).to.equal('SIMULATED');
    expect(await page.locator('#title').textContent()).to.match(/^ib-rx watch · SIMULATED data \(not real prices\)/);
    expect(await page.title()).to.match(/^SIMULATED · /);
    const header = await page.locator('#quotes thead th').allTextContents();
    expect(header).to.deep.equal(['SYMBOL', 'BID', 'ASK', 'LAST', 'CHANGE', 'HIGH', 'LOW', 'VOLUME', 'TYPE', 'AGE', 'TREND']);
    for (const symbol of SYMBOLS) {
      const row = page.locator(`#quotes tbody tr[data-symbol="${symbol}"] td`);
      const cells = await row.allTextContents();
      expect(cells[0]).to.equal(symbol);
      expect(cells.slice(1, 4), `${symbol} bid/ask/last`).to.satisfy((c: string[]) => c.every((t) => /^\d+\.\d\d$/.test(t)));
      expect(cells[8]).to.match(/^(realtime|delayed)$/);
      expect(cells[9]).to.match(/^\d+\.\ds/);
      expect(Number(await page.locator(`#quotes tbody tr[data-symbol="${symbol}"]`).getAttribute('data-updates'))).to.be.at.least(3);
    }
    const state = await probe(page);
    for (const symbol of SYMBOLS) {
      expect(state.chartKind[symbol], symbol).to.equal('candles');
      expect(await colourPixels(page, symbol, CANDLE_COLOURS), `${symbol}: candle pixels drawn`).to.be.above(20);
    }
    await page.waitForFunction(() => ((globalThis as unknown as PageGlobals).ibRx?.depthUpdates.AAPL ?? 0) >= 2, undefined, { timeout: 20_000, polling: 100 });
    const ladder = await page.locator('[data-depth="AAPL"] tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as unknown as { innerText: string }).innerText.split('\t')));
    expect(ladder.length, 'ladder rows').to.be.at.least(3);
    // A side may be shorter than the other for a while (a row deleted, its refill not yet sent): its cells are empty.
    const bids = ladder.filter((cells) => (cells[2] ?? '') !== '').map(([, size, price]) => ({ size: Number(size), price: Number(price) }));
    const asks = ladder.filter((cells) => (cells[3] ?? '') !== '').map(([, , , price, size]) => ({ size: Number(size), price: Number(price) }));
    expect(bids.length, 'bid rows').to.be.at.least(2);
    expect(asks.length, 'ask rows').to.be.at.least(2);
    for (const level of [...bids, ...asks]) expect(level.size, 'sizes').to.be.above(0);
    expect(bids.map((b) => b.price), 'bids best (highest) first').to.deep.equal(bids.map((b) => b.price).sort((a, b) => b - a));
    expect(asks.map((a) => a.price), 'asks best (lowest) first').to.deep.equal(asks.map((a) => a.price).sort((a, b) => a - b));
    expect(bids[0]!.price, 'best bid below best ask').to.be.below(asks[0]!.price);
    expect(ladder.map((row) => Number(row[2])), 'bids best (highest) first').to.deep.equal(ladder.map((row) => Number(row[2])).sort((a, b) => b - a));
    expect(await page.locator('[data-depth="MSFT"]').count(), 'no ladder without --depth').to.equal(0);
    const status = await page.locator('#status').textContent();
    expect(status).to.match(/connection: connected \(server \d+\)/).and.to.match(/health: ready · reconnects 0 · lines 2\/100/);
    expect(state.errors).to.deep.equal([]);
    expect(problems).to.deep.equal([]);
    const origin = web!.url;
    expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).to.deep.equal([]);
    expect(requests).to.include.members([origin, `${origin}app.js`, `${origin}style.css`, `${origin}vendor/lightweight-charts.js`, `${origin}events`]);
    await page.close();
  });

  it('without bars (bars$ fails, e.g. no historical data permission) each chart draws a line of trades from the quotes instead', async () => {
    const real = session!;
    const noBars: CliSession = { ...real, bars$: () => throwError(() => new HistoricalDataError(162, 'No market data permissions for ISLAND STK')) };
    const config = parseConfig({ api: { tws_endpoint: sim!.host, port: sim!.port } });
    const view = watchWebView(noBars, { title: sourceTitle('watch', { config, simulated: true }), simulated: true }, SYMBOLS, { interval: 100 });
    const lineWeb = await serveWeb({ port: 0, events$: () => webEvents$(noBars, view) });
    try {
      const page = await browser!.newPage();
      pages.push(page);
      await page.goto(lineWeb.url);
      await page.waitForFunction((symbols) => {
        const p = (globalThis as unknown as PageGlobals).ibRx;
        return p !== undefined && symbols.every((s) => p.chartKind[s] === 'line' && (p.chartPoints[s] ?? 0) >= 2);
      }, SYMBOLS, { timeout: 40_000, polling: 100 });
      for (const symbol of SYMBOLS) {
        expect(await page.locator(`.card[data-symbol="${symbol}"] h2 .note`).textContent()).to.equal('no bars (HistoricalDataError: historical data request failed (IB 162): No market data permissions for ISLAND STK): a line of trades');
        expect(await colourPixels(page, symbol, LINE_COLOUR), `${symbol}: line pixels drawn`).to.be.above(5);
      }
      await page.close();
    } finally {
      await lineWeb.close();
    }
    expect(problems).to.deep.equal([]);
  });

  it('a closed tab ends its stream; the session keeps its lines while a tab is open and releases them when the last one goes', async () => {
    await waitUntil(() => web!.clientCount() === 0 && liveLines === 0, 20_000, 'no client and no line before the test');
    const first = await open();
    const second = await open();
    await waitUntil(() => web!.clientCount() === 2 && liveLines === SYMBOLS.length, 20_000, 'two clients sharing one line per symbol');
    await first.close();
    await waitUntil(() => web!.clientCount() === 1, 20_000, 'the server to count one client');
    expect(liveLines, 'lines stay while a tab is open').to.equal(SYMBOLS.length);
    const before = await probe(second);
    await second.waitForFunction((n) => ((globalThis as unknown as PageGlobals).ibRx!.quotes.AAPL ?? 0) > n, before.quotes.AAPL ?? 0, { timeout: 20_000, polling: 100 });
    await second.close();
    await waitUntil(() => web!.clientCount() === 0, 20_000, 'the server to count no client');
    await waitUntil(() => liveLines === 0, 20_000, "the session's lines to be released");
    await waitUntil(() => sim!.stats().barSubscriptions === 0 && sim!.stats().depthSubscriptions === 0, 20_000, 'the keepUpToDate bar and depth requests to end at the simulator');
    expect(problems).to.deep.equal([]);
  });
});
