/** The ports TWS and IB Gateway listen on by default. */
export const IB_PORTS_HELP = '7497 TWS paper, 7496 TWS live, 4002 IB Gateway paper, 4001 IB Gateway live';

/**
 * What to check when TWS / IB Gateway at `host:port` cannot be reached, one item per line: the
 * words the CLI prints and a never-connected session's `ConnectionError` carries.
 */
export function gatewayChecklist(): string {
  return [
    'Check that:',
    '  - TWS or IB Gateway is running and logged in on that host;',
    '  - its API accepts socket clients: Configure > Settings > API > Settings > "Enable ActiveX and Socket Clients";',
    `  - the port matches its "Socket port" (${IB_PORTS_HELP}): use --port N or IB_PORT;`,
    '  - this machine is allowed: connect from 127.0.0.1 or add the IP to "Trusted IPs";',
    '  - another program does not use the same client id (--client-id N).',
  ].join('\n');
}
