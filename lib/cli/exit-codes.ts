/**
 * The exit codes of `ib-rx`: 0 everything worked, 1 some symbol failed (the others were printed),
 * 2 a usage, config or connection problem (nothing useful could be done).
 */
export const ExitCode = {
  OK: 0,
  SOME_FAILED: 1,
  USAGE_OR_CONNECTION: 2,
} as const;

/** One of the values of {@link ExitCode}. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
