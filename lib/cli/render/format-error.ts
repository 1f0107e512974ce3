import { ClientIdInUseError, ConfigError, ConnectionError, formatConfigProblem } from '../../errors.js';
import { gatewayChecklist } from '../../gateway-help.js';
import { FileFlagError } from '../file-flag.js';

/**
 * What to tell a user whose gateway at `host:port` could not be reached: which address was tried,
 * why it failed, and what to check.
 */
export function unreachableGatewayMessage(host: string, port: number, reason: string): string {
  return [
    `ib-rx: cannot connect to TWS / IB Gateway at ${host}:${port} (${reason}).`,
    gatewayChecklist(),
    'No IB account at hand? Add --sim to use the built-in simulator.',
  ].join('\n');
}

/**
 * An invalid config for stderr, every bad field by path: one line for one problem
 * (`ib-rx: invalid config in FILE: api.port: …`), else a header line and one indented line per problem.
 */
export function configErrorMessage(error: ConfigError): string {
  const where = error.file === undefined ? '' : ` in ${error.file}`;
  const problems = error.problems.map(formatConfigProblem);
  const [only] = problems;
  return problems.length === 1 && only !== undefined
    ? `ib-rx: invalid config${where}: ${only}`
    : [`ib-rx: invalid config${where}: ${problems.length} problems`, ...problems.map((p) => `  ${p}`)].join('\n');
}

/** The message for an error that ends a command (connection, config, a file flag, client id …); never a stack trace. */
export function describeFatal(error: unknown): string {
  if (error instanceof ConnectionError) return unreachableGatewayMessage(error.host, error.port, error.reason);
  if (error instanceof ConfigError) return configErrorMessage(error);
  if (error instanceof FileFlagError) return `ib-rx: ${error.message}`;
  if (error instanceof ClientIdInUseError) {
    return `ib-rx: ${error.message}\nAnother API client uses this client id: pick a different one with --client-id N.`;
  }
  return `ib-rx: ${describeUnexpected(error)}`;
}

/** `Name: message` of any thrown value (no stack). */
export function describeUnexpected(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
