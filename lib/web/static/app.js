// The ib-rx browser view: one EventSource on /events (see docs/web.md for its messages), a quote
// table with the terminal view's columns, a chart per symbol (candles from `bars`, else a line of
// trades from the quotes), the status lines and depth ladders. No build step: plain browser JS.
// `window.ibRx` exposes counters for tests (updates per row, points per chart, chart kind).
'use strict';

(() => {
  const charts = window.LightweightCharts;
  const MAX_TRADES = 600;
  const $ = (id) => document.getElementById(id);
  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  /** What tests read: counts only, never used by the page itself. */
  const probe = { hello: 0, events: 0, quotes: {}, chartPoints: {}, chartKind: {}, depthUpdates: {}, errors: [] };
  window.ibRx = probe;

  let view; // from `hello`: { title, simulated, symbols, columns, barSize, depth }
  let ageColumn = -1;
  const rows = new Map(); // symbol → { tr, cells[], quote }
  const cards = new Map(); // symbol → { chart, series, kind, note, trades[], candleCount }

  // -- time: the charts show local time, as the terminal does --
  const chartTime = (epochMs) => Math.floor(epochMs / 1000) - new Date(epochMs).getTimezoneOffset() * 60;

  // AGE as the terminal formats it (lib/cli/render/format.ts formatAge).
  const formatAge = (then, now) => {
    if (then === undefined || then === null) return '-';
    const ms = Math.max(0, now - then);
    if (ms < 10000) return `${(ms / 1000).toFixed(1)}s`;
    const s = Math.floor(ms / 1000);
    if (s < 60) return `${s}s`;
    if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
    return `${Math.floor(s / 3600)}h${String(Math.floor(s / 60) % 60).padStart(2, '0')}m`;
  };

  function layout(hello) {
    view = hello;
    probe.hello += 1;
    ageColumn = hello.columns.indexOf('AGE');
    $('title').textContent = hello.title;
    document.title = `${hello.simulated ? 'SIMULATED · ' : ''}ib-rx watch ${hello.symbols.join(' ')}`;
    $('simulated').hidden = !hello.simulated;
    const head = document.querySelector('#quotes thead tr');
    head.replaceChildren(...hello.columns.map((title, i) => el('th', i === 0 || title === 'TYPE' || title === 'TREND' || title.startsWith('BAR') ? 'left' : '', title)));
    const body = document.querySelector('#quotes tbody');
    body.replaceChildren();
    rows.clear();
    for (const symbol of hello.symbols) {
      const tr = el('tr');
      tr.dataset.symbol = symbol;
      tr.dataset.updates = '0';
      const cells = hello.columns.map((title, i) => el('td', head.children[i].className, i === 0 ? symbol : '-'));
      tr.replaceChildren(...cells);
      body.append(tr);
      rows.set(symbol, { tr, cells, quote: undefined });
      probe.quotes[symbol] = 0;
    }
    for (const card of cards.values()) card.chart.remove();
    cards.clear();
    $('charts').replaceChildren(...hello.symbols.map(chartCard));
    $('depth').replaceChildren(...hello.depth.map(ladderCard));
  }

  function chartCard(symbol) {
    const card = el('div', 'card');
    card.dataset.symbol = symbol;
    const title = el('h2', '', symbol);
    const note = el('span', 'note', 'waiting for bars…');
    title.append(note);
    const box = el('div', 'chart');
    card.append(title, box);
    const chart = charts.createChart(box, {
      autoSize: true,
      layout: { background: { color: '#1a1f25' }, textColor: '#d8dee6' },
      grid: { vertLines: { color: '#222a33' }, horzLines: { color: '#222a33' } },
      timeScale: { timeVisible: true, secondsVisible: false },
    });
    cards.set(symbol, { chart, series: undefined, kind: undefined, note, trades: [], candleCount: 0 });
    probe.chartPoints[symbol] = 0;
    return card;
  }

  function useSeries(card, symbol, kind) {
    if (card.kind === kind) return card.series;
    if (card.series) card.chart.removeSeries(card.series);
    card.series = kind === 'candles'
      ? card.chart.addSeries(charts.CandlestickSeries, { upColor: '#26a69a', downColor: '#ef5350', borderVisible: false, wickUpColor: '#26a69a', wickDownColor: '#ef5350' })
      : card.chart.addSeries(charts.LineSeries, { color: '#4aa3ff', lineWidth: 2 });
    card.kind = kind;
    card.candleCount = 0;
    probe.chartKind[symbol] = kind;
    if (kind === 'line') card.series.setData(card.trades);
    return card.series;
  }

  function onQuote(quote) {
    const row = rows.get(quote.symbol);
    if (!row) return;
    row.quote = quote;
    row.tr.dataset.updates = String(Number(row.tr.dataset.updates) + 1);
    probe.quotes[quote.symbol] += 1;
    row.tr.classList.toggle('stale', quote.stale);
    if (quote.error) {
      const cell = el('td', 'error', `error: ${quote.error}`);
      cell.colSpan = view.columns.length - 1;
      row.tr.replaceChildren(row.cells[0], cell);
    } else {
      if (row.tr.children.length !== row.cells.length) row.tr.replaceChildren(...row.cells);
      quote.cells.forEach((text, i) => { row.cells[i].textContent = text; });
      const change = row.cells[view.columns.indexOf('CHANGE')];
      if (change) change.className = quote.cells[view.columns.indexOf('CHANGE')].startsWith('+') ? 'up' : quote.cells[view.columns.indexOf('CHANGE')].startsWith('-') ? 'down' : '';
      if (ageColumn >= 0) row.cells[ageColumn].textContent = formatAge(quote.lastUpdate, Date.now()) + (quote.stale ? ' STALE' : '');
    }
    addTrade(quote);
  }

  function addTrade(quote) {
    const card = cards.get(quote.symbol);
    if (!card || quote.last === undefined || quote.lastUpdate === undefined) return;
    const point = { time: chartTime(quote.lastUpdate), value: quote.last };
    const previous = card.trades[card.trades.length - 1];
    if (previous && point.time < previous.time) return;
    if (previous && point.time === previous.time) card.trades[card.trades.length - 1] = point;
    else card.trades.push(point);
    if (card.trades.length > MAX_TRADES) card.trades.shift();
    if (card.kind === 'line') {
      card.series.update(point);
      probe.chartPoints[quote.symbol] = card.trades.length;
    }
  }

  function onBars(message) {
    const card = cards.get(message.symbol);
    if (!card) return;
    if (message.error) {
      card.note.textContent = `no bars (${message.error}): a line of trades`;
      useSeries(card, message.symbol, 'line');
      probe.chartPoints[message.symbol] = card.trades.length;
      return;
    }
    if (message.bars.length === 0) return;
    card.note.textContent = `${message.barSize} bars${message.stale ? ' · STALE' : ''}`;
    const series = useSeries(card, message.symbol, 'candles');
    const candles = message.bars.map((b) => ({ time: chartTime(b.time), open: b.open, high: b.high, low: b.low, close: b.close }));
    const known = series.data();
    const sameStart = known.length > 0 && known[0].time === candles[0].time;
    if (sameStart && candles.length >= known.length && candles.length - known.length <= 1) {
      for (let i = known.length - 1; i < candles.length; i++) series.update(candles[i]);
    } else {
      series.setData(candles);
    }
    card.candleCount = candles.length;
    probe.chartPoints[message.symbol] = series.data().length;
  }

  function ladderCard(symbol) {
    const card = el('div', 'card');
    card.dataset.depth = symbol;
    const table = el('table', 'ladder');
    const head = el('tr');
    head.append(...['MM', 'BID SIZE', 'BID', 'ASK', 'ASK SIZE', 'MM'].map((t) => el('th', '', t)));
    table.append(el('thead'), el('tbody'));
    table.tHead.append(head);
    card.append(el('h2', '', `${symbol} depth`), table);
    probe.depthUpdates[symbol] = 0;
    return card;
  }

  function onDepth(message) {
    const card = document.querySelector(`[data-depth="${CSS.escape(message.symbol)}"]`);
    if (!card) return;
    probe.depthUpdates[message.symbol] += 1;
    const body = card.querySelector('tbody');
    if (message.error) {
      const cell = el('td', 'error', `error: ${message.error}`);
      cell.colSpan = 6;
      const tr = el('tr');
      tr.append(cell);
      body.replaceChildren(tr);
      return;
    }
    const depth = Math.max(message.bids.length, message.asks.length);
    const lines = [];
    for (let i = 0; i < depth; i++) {
      const bid = message.bids[i];
      const ask = message.asks[i];
      const tr = el('tr');
      tr.append(
        el('td', 'mm', bid?.marketMaker ?? ''), el('td', 'bid', bid ? String(bid.size) : ''), el('td', 'bid', bid ? bid.price.toFixed(2) : ''),
        el('td', 'ask', ask ? ask.price.toFixed(2) : ''), el('td', 'ask', ask ? String(ask.size) : ''), el('td', 'mm', ask?.marketMaker ?? ''),
      );
      lines.push(tr);
    }
    body.replaceChildren(...lines);
    card.classList.toggle('stale', message.stale === true);
  }

  function onHealth(message) {
    $('status').replaceChildren(...message.lines.map((line) => {
      const warn = /reconnecting|link-lost|lost|broken|closed|stale: (?!none)/.test(line);
      return el('div', warn ? 'warn' : '', line);
    }));
  }

  const handlers = { hello: layout, quote: onQuote, bars: onBars, depth: onDepth, health: onHealth };
  const source = new EventSource('/events');
  for (const [name, handle] of Object.entries(handlers)) {
    source.addEventListener(name, (event) => {
      probe.events += 1;
      try {
        if (name === 'hello' || view) handle(JSON.parse(event.data));
      } catch (error) {
        probe.errors.push(String(error));
        console.error(`ib-rx: bad ${name} message`, error);
      }
    });
  }
  source.addEventListener('open', () => { $('stream').textContent = 'live'; $('stream').className = 'stream live'; });
  source.addEventListener('error', () => { $('stream').textContent = 'disconnected: retrying…'; $('stream').className = 'stream lost'; });

  // Ages keep moving between quotes, as in the terminal.
  setInterval(() => {
    if (ageColumn < 0) return;
    const now = Date.now();
    for (const row of rows.values()) {
      if (row.quote && !row.quote.error) row.cells[ageColumn].textContent = formatAge(row.quote.lastUpdate, now) + (row.quote.stale ? ' STALE' : '');
    }
  }, 500);
})();
