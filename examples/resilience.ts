// Resilience: the simulator drops the connection (like a gateway restart); ib-rx reconnects with
// backoff, requests the subscription again, and the same marketData$ stream goes on — the
// subscriber sees `stale: true` meanwhile, never an error or completion.
// Always uses its own simulator (it needs to pull the plug):
//   node --import tsx examples/resilience.ts
import { filter, firstValueFrom, map, scan, startWith, tap, withLatestFrom } from 'rxjs';
import { IbSession, parseConfig, startSimulator } from 'ib-rx';
import { isMain } from './support/example-target.js';

/** What the stream did around the drop. */
export interface ResilienceResult {
  readonly updatesBeforeDrop: number;
  readonly updatesAfterReconnect: number;
  readonly sawStale: boolean;
  readonly connectionStates: readonly string[];
}

/** Streams `symbol`, drops the connection after `before` updates, and waits for `after` fresh updates. */
export async function main(symbol = 'AAPL', before = 5, after = 5): Promise<ResilienceResult> {
  const simulator = await startSimulator({ port: 0, rateHz: 20 });
  console.log(`SIMULATED data from a built-in simulator on ${simulator.host}:${simulator.port}`);
  const session = new IbSession(parseConfig({
    api: { tws_endpoint: simulator.host, port: simulator.port, client_id: 7 },
    reconnect: { initial_delay_ms: 100, max_delay_ms: 500 },
  }));
  const connectionStates: string[] = [];
  const stateLog = session.connectionState$
    .pipe(map((s) => s.socket.status), filter((status) => status !== connectionStates.at(-1)))
    .subscribe({
      next: (status) => {
        connectionStates.push(status);
        console.log(`connection: ${status}`);
      },
      error: (error: unknown) => { console.error('connection state failed:', error); },
    });
  // The socket generation in use: 1 for the first connection, 2 after the first reconnect …
  const generation$ = session.connectionState$.pipe(
    map((s) => (s.socket.status === 'connected' ? s.socket.generation : 0)),
    filter((generation) => generation > 0),
    startWith(0),
  );
  try {
    const result = await firstValueFrom(
      session.marketData$(symbol).pipe(
        withLatestFrom(generation$),
        scan(
          (acc, [state, generation]) => {
            if (acc.droppedAt === undefined) {
              const count = acc.before + 1;
              return { ...acc, before: count, droppedAt: count >= before ? generation : undefined, dropNow: count >= before };
            }
            const fresh = generation > acc.droppedAt && !state.stale;
            return { ...acc, dropNow: false, sawStale: acc.sawStale || state.stale, after: fresh ? acc.after + 1 : acc.after };
          },
          { before: 0, after: 0, droppedAt: undefined as number | undefined, dropNow: false, sawStale: false },
        ),
        tap((acc) => {
          if (acc.dropNow) {
            console.log(`-- ${acc.before} updates; dropping the connection now --`);
            simulator.drop();
          } else if (acc.after > 0) {
            console.log(`update ${acc.after} after the reconnect`);
          }
        }),
        filter((acc) => acc.after >= after),
      ),
      { defaultValue: undefined },
    );
    if (result === undefined) throw new Error('the stream ended before the reconnect');
    return { updatesBeforeDrop: result.before, updatesAfterReconnect: result.after, sawStale: result.sawStale, connectionStates };
  } finally {
    stateLog.unsubscribe();
    await session.close();
    await simulator.close();
  }
}

if (isMain(import.meta.url)) {
  main().then((r) => { console.log(r); }, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
