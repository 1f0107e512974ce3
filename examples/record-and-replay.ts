// Record and replay: write a few seconds of ticks as NDJSON (the format `ib-rx record` writes),
// then start a simulator that replays the file and stream it back like live data.
//   node --import tsx examples/record-and-replay.ts
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filter, firstValueFrom, lastValueFrom, map, takeUntil, timer, toArray } from 'rxjs';
import { IbSession, parseConfig, startSimulator } from 'ib-rx';
import type { ReplayTickRecord } from 'ib-rx/sim';
import { exampleTarget, isMain } from './support/example-target.js';

/** Counts and final prices of the recording and of its replay. */
export interface RecordReplayResult {
  readonly file: string;
  readonly recordedTicks: number;
  readonly recordedLast: number | undefined;
  readonly replayedLast: number | undefined;
}

/** Records `symbol` for `seconds`, replays the file at `speed`×, and returns both final last prices. */
export async function main(symbol = 'AAPL', seconds = 2, speed = 4): Promise<RecordReplayResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ib-rx-example-'));
  const file = join(dir, `${symbol}.ndjson`);
  try {
    // 1. Record: every tick as {"t","symbol","field","value","delayed"} on its own line.
    const target = await exampleTarget(process.env, { rateHz: 20 });
    const session = new IbSession(target.config);
    const records = await firstValueFrom(
      session.ticks$(symbol).pipe(
        filter((tick) => tick.field !== 'lastTimestamp' && tick.field !== 'halted' && tick.field !== 'greeks'),
        map((tick): ReplayTickRecord => ({ t: tick.time, symbol, field: tick.field, value: tick.value, delayed: tick.delayed })),
        takeUntil(timer(seconds * 1000)),
        toArray(),
      ),
      { defaultValue: [] },
    );
    await session.close();
    await target.close();
    writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const recordedLast = records.filter((r) => r.field === 'last').at(-1)?.value;
    console.log(`recorded ${records.length} ticks of ${symbol} to ${file} (last trade ${recordedLast ?? '-'})`);

    // 2. Replay: a simulator that plays the file back (same as `ib-rx sim --replay FILE`).
    const replay = await startSimulator({ port: 0, replay: file, speed });
    const replaySession = new IbSession(parseConfig({ api: { tws_endpoint: replay.host, port: replay.port, client_id: 2 } }));
    try {
      const replayTime = ((records.at(-1)?.t ?? 0) - (records[0]?.t ?? 0)) / speed;
      const final = await lastValueFrom(replaySession.marketData$(symbol).pipe(takeUntil(timer(replayTime + 1500))), { defaultValue: undefined });
      console.log(`replayed: last trade ${final?.last ?? '-'}, ${final?.close.length ?? 0} trades in the history (SIMULATED replay)`);
      return { file, recordedTicks: records.length, recordedLast, replayedLast: final?.last };
    } finally {
      await replaySession.close();
      await replay.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  main().then((r) => { console.log(r); }, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
