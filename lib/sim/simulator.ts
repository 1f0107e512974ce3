import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { burstTo } from './burst.js';
import { SimCode, simCodeText } from './codes.js';
import { SimConnection } from './connection.js';
import type { SimDepthOperation, SimDepthSnapshot } from './depth-book.js';
import { DepthService } from './depth-service.js';
import type { DepthBurstResult } from './depth-stats.js';
import { FaultDelays } from './fault-delays.js';
import { garbageBytes, type GarbageMode } from './garbage.js';
import type { HmdsState } from './historical-options.js';
import { HistoricalService } from './historical-service.js';
import { simLog } from './log.js';
import { removeSubscription, sendNotice, startSubscription } from './market-data.js';
import type { OptionComputationMode } from './option-computation.js';
import { resolveSimOptions, type ResolvedSimOptions, type SimulatorOptions } from './options.js';
import { playRecords, readReplayFile } from './replay.js';
import { isTickRecord, type ReplayDepthRecord, type ReplayRecord } from './replay-format.js';
import { depthOperationsTo } from './replay-depth.js';
import type { Permission, SimContext } from './sim-context.js';
import type { SimContract } from './sim-contract.js';
import { SimMarket } from './sim-market.js';
import { StreamService } from './stream-service.js';
import type { TickByTickBurstResult } from './stream-stats.js';
import type { BurstOptions, BurstResult, ConnectivityLossOptions, Simulator } from './simulator-api.js';
import { aggregateStats, type SimStats } from './stats.js';

const MAX_KEPT_CONNECTIONS = 1000;

class SimServer implements Simulator {
  readonly host: string;
  port: number;
  private readonly servers = new Set<Server>();
  private readonly connections: SimConnection[] = [];
  private readonly market: SimMarket;
  private readonly delays = new FaultDelays();
  private readonly replayAbort = new AbortController();
  private readonly faults: string[] = [];
  private connectionCount = 0;
  private orderId = 1;
  private garbageCount = 0;
  private linkDown = false;
  private farmDown = false;
  private stalled = false;
  private closed = false;
  private replayStarted = false;
  readonly ctx: SimContext;
  private readonly streams: StreamService;
  private readonly depth: DepthService;

  constructor(
    private readonly options: ResolvedSimOptions,
    private readonly replayRecords: readonly ReplayRecord[] | undefined,
  ) {
    this.host = options.host;
    this.port = options.port;
    this.market = new SimMarket(options, replayRecords, () => this.flowing());
    this.streams = new StreamService(options, {
      replaying: replayRecords !== undefined,
      now: () => Date.now(),
      marketNow: () => this.market.marketNow(),
      lookup: (contract) => this.market.universe.find(contract),
      feed: (contract) => this.market.feeds.get(contract),
      permission: (symbol) => this.permission(symbol),
      dataFlowing: () => this.flowing(),
      linesInUse: () => this.ctx.linesInUse(),
    });
    this.depth = new DepthService({
      depthRequests: options.depthRequests,
      // A replay with depth books moves the books by them alone.
      rateHz: replayRecords?.some((r) => r.kind === 'depth') === true ? 0 : options.depthRateHz,
      seed: options.seed,
      now: () => Date.now(),
      lookup: (contract) => this.market.universe.find(contract),
      feed: (contract) => this.market.feeds.get(contract),
      permission: (symbol) => this.permission(symbol),
      dataFlowing: () => this.flowing(),
    });
    this.ctx = this.createContext();
  }

  private createContext(): SimContext {
    const historical = new HistoricalService(this.options.historical, {
      now: () => Date.now(),
      marketNow: () => this.market.marketNow(),
      lookup: (contract) => this.market.universe.find(contract),
      feed: (contract) => this.market.feeds.get(contract),
      linkUp: () => !this.linkDown && !this.stalled,
      dataFlowing: () => this.flowing(),
      notify: (code, text) => {
        for (const conn of this.startedConnections()) sendNotice(this.ctx, conn, code, text);
      },
    });
    return {
      historical,
      streams: this.streams,
      depth: this.depth,
      options: this.options,
      universe: this.market.universe,
      now: () => Date.now(),
      marketNow: () => this.market.marketNow(),
      lookup: (contract) => this.market.universe.find(contract),
      feed: (contract) => this.market.feeds.get(contract),
      permission: (symbol) => this.permission(symbol),
      linesInUse: () => this.openConnections().reduce((n, c) => n + c.subscriptions.size, 0) + this.streams.linesInUse(),
      dataFlowing: () => this.flowing(),
      clientIdTaken: (clientId, self) =>
        this.openConnections().some((c) => c !== self && c.started && c.clientId === clientId),
      nextOrderId: () => {
        this.startReplay();
        return this.orderId++;
      },
    };
  }

  private permission(symbol: string): Permission {
    const { unsubscribed, delayedOnly } = this.options;
    if (unsubscribed.has(symbol)) return 'unsubscribed';
    return delayedOnly === 'ALL' || delayedOnly.has(symbol) ? 'delayed-only' : 'live';
  }

  private flowing(): boolean {
    return !this.linkDown && !this.farmDown && !this.stalled;
  }

  private openConnections(): SimConnection[] {
    return this.connections.filter((c) => c.open);
  }

  private startedConnections(): SimConnection[] {
    return this.openConnections().filter((c) => c.started);
  }

  /** Sends the opening ticks of subscriptions made while data was not flowing. */
  private dataBack(): void {
    if (!this.flowing()) return;
    for (const conn of this.startedConnections()) for (const sub of conn.subscriptions.values()) startSubscription(this.ctx, sub);
    this.depth.flush();
  }

  private startReplay(): void {
    if (this.replayStarted || !this.replayRecords) return;
    this.replayStarted = true;
    const deliver = (record: ReplayRecord): void => {
      if (isTickRecord(record)) this.market.deliver(record);
      else if (record.kind === 'depth') this.replayDepth(record);
      else this.streams.deliver(record);
    };
    playRecords(this.replayRecords, this.options.speed, deliver, this.replayAbort.signal, () => Date.now()).catch((err: unknown) => {
      simLog('replay failed: %O', err);
    });
  }

  /** Plays a recorded depth book as the operations that make the symbol's book equal to it (skipped while nobody asked for its depth, or data does not flow). */
  private replayDepth(record: ReplayDepthRecord): void {
    if (!this.flowing()) return;
    try {
      this.depth.push(record.symbol, depthOperationsTo(this.depth.book(record.symbol), record));
    } catch (error: unknown) {
      if (!(error instanceof RangeError)) throw error;
      simLog('replay: depth book of %s skipped (%s)', record.symbol, error.message);
    }
  }

  /** Resolves true after `ms`, or false as soon as the simulator closes. */
  private delay(ms: number): Promise<boolean> {
    return this.delays.wait(ms);
  }

  async listen(): Promise<void> {
    const server = createServer({ noDelay: true }, (socket) => {
      this.accept(socket);
    });
    this.servers.add(server);
    server.once('close', () => this.servers.delete(server));
    server.listen(this.port, this.host);
    try {
      await once(server, 'listening');
    } catch (err) {
      this.servers.delete(server);
      throw err;
    }
    const address = server.address();
    if (address && typeof address === 'object') this.port = address.port;
    simLog('listening on %s:%d', this.host, this.port);
  }

  private accept(socket: Socket): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    const conn = new SimConnection(++this.connectionCount, socket, this.ctx, () => {
      simLog('connection %d closed', conn.id);
    });
    this.connections.push(conn);
    if (this.connections.length > MAX_KEPT_CONNECTIONS) {
      const index = this.connections.findIndex((c) => !c.open);
      if (index >= 0) this.connections.splice(index, 1);
    }
    if (this.stalled) conn.setStalled(true);
    simLog('connection %d from %s:%d', conn.id, socket.remoteAddress, socket.remotePort);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.market.engine.stop();
    this.ctx.historical.close();
    this.streams.close();
    this.depth.close();
    this.replayAbort.abort();
    this.delays.cancelAll();
    const closing = [...this.servers].map((server) => new Promise<void>((resolve) => server.close(() => { resolve(); })));
    for (const conn of this.connections) {
      conn.outbox.close();
      conn.socket.destroy();
    }
    const sockets = this.connections.filter((c) => !c.socket.closed).map((c) => once(c.socket, 'close'));
    await Promise.all([...closing, ...sockets]);
    simLog('closed');
  }

  drop(): void {
    this.faults.push('drop');
    simLog('fault: drop %d connections', this.openConnections().length);
    for (const conn of this.openConnections()) conn.socket.destroy();
  }

  async connectivityLoss({ restore, gapMs }: ConnectivityLossOptions): Promise<void> {
    this.faults.push(`connectivityLoss:${restore}`);
    simLog('fault: connectivity lost for %d ms, then %d', gapMs, restore);
    this.linkDown = true;
    for (const conn of this.startedConnections()) sendNotice(this.ctx, conn, SimCode.CONNECTIVITY_LOST, simCodeText.connectivityLost);
    if (!(await this.delay(gapMs))) return;
    this.linkDown = false;
    const dataLost = restore === SimCode.CONNECTIVITY_RESTORED_DATA_LOST;
    for (const conn of this.startedConnections()) {
      if (dataLost) {
        for (const sub of [...conn.subscriptions.values()]) removeSubscription(sub);
        this.ctx.historical.forget(conn);
        this.streams.forget(conn);
        this.depth.forget(conn);
      }
      sendNotice(this.ctx, conn, restore, dataLost ? simCodeText.restoredDataLost : simCodeText.restoredDataMaintained);
    }
    this.dataBack();
    this.ctx.historical.flush();
  }

  async farmBlip(gapMs: number = this.options.farmBlipMs): Promise<void> {
    this.faults.push('farmBlip');
    simLog('fault: market data farm broken for %d ms', gapMs);
    this.farmDown = true;
    for (const conn of this.startedConnections()) sendNotice(this.ctx, conn, SimCode.MARKET_DATA_FARM_BROKEN, simCodeText.farmBroken);
    if (!(await this.delay(gapMs))) return;
    this.farmDown = false;
    for (const conn of this.startedConnections()) sendNotice(this.ctx, conn, SimCode.MARKET_DATA_FARM_OK, simCodeText.farmOk);
    this.dataBack();
  }

  stall(ms?: number): void {
    this.faults.push('stall');
    simLog('fault: stall%s', ms === undefined ? '' : ` for ${ms} ms`);
    this.stalled = true;
    for (const conn of this.openConnections()) conn.setStalled(true);
    if (ms !== undefined) {
      void this.delay(ms).then((elapsed) => {
        if (elapsed && this.stalled) this.resume();
      });
    }
  }

  resume(): void {
    if (!this.stalled) return;
    simLog('resume');
    this.stalled = false;
    for (const conn of this.openConnections()) conn.setStalled(false);
    this.dataBack();
    this.ctx.historical.flush();
  }

  hmdsFarm(state: HmdsState): void {
    this.faults.push(`hmds:${state}`);
    simLog('fault: HMDS farm %s', state);
    this.ctx.historical.setHmds(state);
  }

  async hmdsBlip(gapMs: number = this.options.farmBlipMs): Promise<void> {
    this.hmdsFarm('broken');
    if (!(await this.delay(gapMs))) return;
    this.hmdsFarm('ok');
  }

  garbage(mode: GarbageMode): void {
    this.faults.push(`garbage:${mode}`);
    simLog('fault: garbage %s', mode);
    for (const conn of this.openConnections()) {
      if (conn.serverVersion === 0) continue;
      const reqId = conn.subscriptions.keys().next().value ?? 1;
      conn.outbox.writeRaw(garbageBytes(mode, this.options.seed + ++this.garbageCount, reqId));
    }
  }

  async refuse(ms: number): Promise<void> {
    this.faults.push('refuse');
    simLog('fault: refuse connections for %d ms', ms);
    for (const server of this.servers) server.close();
    if (!(await this.delay(ms)) || this.closed) return;
    await this.listen();
  }

  async burst(n: number, opts: BurstOptions = {}): Promise<BurstResult> {
    const subs = this.startedConnections().flatMap((conn) =>
      [...conn.subscriptions.values()].filter((sub) => opts.reqId === undefined || sub.reqId === opts.reqId).map((sub) => ({ conn, sub })),
    );
    return burstTo(subs, n, () => this.closed);
  }

  optionComputation(mode: OptionComputationMode): void {
    this.faults.push(`optionComputation:${mode}`);
    simLog('fault: option computations %s', mode);
    this.market.computationMode = mode;
  }

  depthBook(symbol: string): SimDepthSnapshot {
    return this.depth.book(symbol);
  }

  depthOperations(symbol: string, ops: readonly SimDepthOperation[]): void {
    this.depth.push(symbol, ops);
  }

  depthReset(symbol: string, code: typeof SimCode.DEPTH_HALTED | typeof SimCode.DEPTH_RESET = SimCode.DEPTH_RESET): number {
    this.faults.push(`depthReset:${code}`);
    simLog('fault: depth %d for %s', code, symbol);
    return this.depth.reset(symbol, code);
  }

  depthBurst(symbol: string, n: number): Promise<DepthBurstResult> {
    return this.depth.burst(symbol, n);
  }

  tickByTickBurst(symbol: string, n: number): Promise<TickByTickBurstResult> {
    return this.streams.burst(symbol, n);
  }

  contracts(): readonly SimContract[] {
    return this.market.universe.contracts;
  }

  stats(): SimStats {
    return aggregateStats(this.connectionCount, this.connections.map((c) => c.stats()), this.faults, this.ctx.historical.hmds);
  }

  startEngine(): void {
    this.market.engine.start();
  }
}

/**
 * Starts a TWS / IB Gateway simulator on `host:port` that speaks the real TWS API socket protocol
 * (market data, contract details, symbol search, option chains) to any client, e.g. `@stoqey/ib`'s
 * IBApi. Resolves once listening.
 *
 * ```ts
 * const sim = await startSimulator({ port: 0, seed: 7, delayedOnly: ['TSLA'] });
 * const api = new IBApi({ host: sim.host, port: sim.port });
 * // … sim.farmBlip(); sim.stats().clients[0]?.subscriptions …
 * await sim.close();
 * ```
 */
export const startSimulator = async (opts: SimulatorOptions = {}): Promise<Simulator> => {
  const options = resolveSimOptions(opts);
  const records = typeof options.replay === 'string' ? await readReplayFile(options.replay) : options.replay;
  const sim = new SimServer(options, records);
  await sim.listen();
  sim.startEngine();
  return sim;
};
