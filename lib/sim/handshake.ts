import { SIM_MAX_SERVER_VERSION, SIM_MIN_SERVER_VERSION } from './server-version.js';

/** The version range a client offered in its hello (`v100..193`, `v176`, optional `" options"`). */
export interface VersionRange {
  readonly min: number;
  readonly max: number;
  readonly options: string;
}

/** Parses the hello's version text; undefined when it is not `vMIN..MAX` / `vN`. */
export const parseVersionRange = (text: string): VersionRange | undefined => {
  const match = /^v(\d+)(?:\.\.(\d+))?(?:\s+(.*))?$/.exec(text.trim());
  if (!match?.[1]) return undefined;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  return min <= max ? { min, max, options: match[3] ?? '' } : undefined;
};

/**
 * The server version to announce: min(client max, simulator max), like a real gateway; undefined
 * when the ranges do not overlap (the server then closes the connection).
 */
export const negotiateVersion = (
  range: VersionRange,
  serverMax: number = SIM_MAX_SERVER_VERSION,
): number | undefined => {
  const version = Math.min(range.max, serverMax);
  return version >= range.min && version >= SIM_MIN_SERVER_VERSION ? version : undefined;
};

const pad = (n: number): string => String(n).padStart(2, '0');

/** The connection time as TWS writes it: `YYYYMMDD HH:MM:SS <tz>` (here always UTC). */
export const connectionTimeText = (date: Date): string =>
  `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())} ` +
  `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} UTC`;
