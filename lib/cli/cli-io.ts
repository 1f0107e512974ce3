/**
 * Where the CLI writes: stdout for results, stderr for problems. Injected so that commands can be
 * run in-process by specs; `processIo()` is the real terminal.
 */
export interface CliIo {
  /** Writes to standard output (no newline added). */
  readonly out: (text: string) => void;
  /** Writes to standard error (no newline added). */
  readonly err: (text: string) => void;
  /** True when stdout is an interactive terminal (the watch table is then redrawn in place). */
  readonly isTty: boolean;
  /** Terminal width in columns (80 when unknown; unlimited when stdout is not a terminal). */
  readonly columns: number;
  /** The environment used for config overrides (IB_HOST, IB_PORT, …). */
  readonly env: NodeJS.ProcessEnv;
}

/** The process's own stdout/stderr. */
export function processIo(): CliIo {
  // Typed as always present, but undefined at runtime when stdout is a pipe or a file.
  const { isTTY, columns } = process.stdout as Partial<Pick<NodeJS.WriteStream, 'isTTY' | 'columns'>>;
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    isTty: isTTY ?? false,
    columns: isTTY !== true ? Number.POSITIVE_INFINITY : columns !== undefined && columns > 0 ? columns : 80,
    env: process.env,
  };
}
