import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { simLog } from './log.js';
import { parseReplayLine, type ReplayRecord } from './replay-format.js';

/** Reads and validates a whole NDJSON replay file (throws ReplayFormatError with the line). */
export const readReplayFile = async (path: string): Promise<ReplayRecord[]> => {
  const text = await readFile(path, 'utf8');
  const records: ReplayRecord[] = [];
  text.split('\n').forEach((line, i) => {
    const record = parseReplayLine(line, i + 1);
    if (record) records.push(record);
  });
  return records;
};

/** Waits shorter than this are not waited (records are delivered in the same turn). */
const MIN_WAIT_MS = 2;

/**
 * Plays records with their original spacing divided by `speed`, starting now. Resolves when all
 * were delivered or `signal` aborted (close()).
 */
export const playRecords = async (
  records: readonly ReplayRecord[],
  speed: number,
  deliver: (record: ReplayRecord) => void,
  signal: AbortSignal,
  now: () => number,
): Promise<void> => {
  const first = records[0];
  if (!first) return;
  const startWall = now();
  try {
    for (const record of records) {
      const wait = startWall + (record.t - first.t) / speed - now();
      if (wait >= MIN_WAIT_MS) await sleep(wait, undefined, { signal });
      if (signal.aborted) return;
      deliver(record);
    }
    simLog('replay finished: %d records', records.length);
  } catch (err) {
    if (!signal.aborted) throw err;
  }
};
