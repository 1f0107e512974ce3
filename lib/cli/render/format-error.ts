import { ClientIdInUseError, ConfigError, ConnectionError, formatConfigProblem } from '../../errors.js';

/** The ports TWS and IB Gateway listen on by default. */
export const IB_PORTS_HELP = '7497 TWS paper, 7496 TWS live, 4002 IB Gateway paper, 4001 IB Gateway live';

/**
 * What to tell a user whose gateway at `host:port` could not be reached: which address was tried,
 * why it failed, and what to check.
 */
export function unreachableGatewayMessage(host: string, port: number, reason: string): string {
  return [
    `ib-rx: cannot connect to TWS / IB Gateway at ${host}:${port} (${reason}).`,
    'Check that:',
    '  - TWS or IB Gateway is running and logged in on that host;',
    '  - its API accepts socket clients: Configure > Settings > API > Settings > "Enable ActiveX and Socket Clients";',
    `  - the port matches its "Socket port" (${IB_PORTS_HELP}): use --port N or IB_PORT;`,
    '  - this machine is allowed: connect from 127.0.0.1 or add the IP to "Trusted IPs";',
    '  - another program does not use the same client id (--client-id N).',
    'No IB account at hand? Add --sim to use the built-in simulator.',
  ].join('\n');
}

/** One-line summary of an invalid config (every bad field by path), for stderr. */
export function configErrorMessage(error: ConfigError): string {
  const where = error.file === undefined ? '' : ` in ${error.file}`;
  return `ib-rx: invalid config${where}: ${error.problems.map(formatConfigProblem).join('; ')}`;
}

/** The message for an error that ends a command (connection, config, client id …); never a stack trace. */
export function describeFatal(error: unknown): string {
  if (error instanceof ConnectionError) return unreachableGatewayMessage(error.host, error.port, error.reason);
  if (error instanceof ConfigError) return configErrorMessage(error);
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
