import { ConfigError } from '../errors.js';

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function failsAt(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return errorMessage(error);
  }
}

/**
 * The offset JSON.parse stopped at. Node 20 says `at position N` for most errors; for
 * `Unexpected token 'x', "…" is not valid JSON` it does not, so find the shortest prefix that
 * fails with the same complaint (parsing is left to right: shorter prefixes end cleanly at EOF).
 */
function errorOffset(text: string, message: string): number {
  const position = /at position (\d+)/.exec(message);
  if (position?.[1] !== undefined) return Number(position[1]);
  const token = /^(Unexpected token '[^]*?'),/.exec(message)?.[1];
  if (token === undefined) return text.length;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (failsAt(text.slice(0, middle + 1))?.startsWith(token) === true) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { readonly line: number; readonly column: number } {
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/** Parses config JSON; invalid JSON throws a `ConfigError` with the line and column. */
export function parseJsonText(text: string, file?: string): unknown {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(source) as unknown;
  } catch (error) {
    const message = errorMessage(error);
    const { line, column } = lineAndColumn(source, errorOffset(source, message));
    const reason = message.replace(/ in JSON at position \d+[^]*$/, '').replace(/, (\.\.\.)?"[^]*$/, '');
    const problem = { path: '', message: `invalid JSON at line ${line}, column ${column}: ${reason}` };
    throw new ConfigError([problem], { file, line, column, cause: error });
  }
}
