import { IbRxError } from '../errors.js';

/** Data of a {@link RemoteConnectionError}. */
export interface RemoteConnectionInfo {
  /** The NATS server URL(s) tried. */
  readonly servers: string;
  /** The subject prefix. */
  readonly prefix: string;
  /** What went wrong (`connection refused`, `no ib-rx server answered on ibrx.ctl.hello` …). */
  readonly reason: string;
}

/** The NATS server could not be reached, or no ib-rx server answered on the prefix (`connectRemote`, `serveRemote`). */
export class RemoteConnectionError extends IbRxError {
  static {
    this.prototype.name = 'RemoteConnectionError';
  }
  readonly servers: string;
  readonly prefix: string;
  readonly reason: string;

  constructor(info: RemoteConnectionInfo, options?: ErrorOptions) {
    super(`ib-rx over NATS ${info.servers} (prefix ${info.prefix}): ${info.reason}`, options);
    this.servers = info.servers;
    this.prefix = info.prefix;
    this.reason = info.reason;
  }
}

/** Data of a {@link RemoteServerConflictError}. */
export interface RemoteServerConflictInfo {
  readonly prefix: string;
  /** The id of the server already serving the prefix. */
  readonly serverId: string;
  /** Where it runs (`host pid 1234`). */
  readonly where: string;
}

/** Another ib-rx server already serves this prefix: `serveRemote` refuses to start a second one. */
export class RemoteServerConflictError extends IbRxError {
  static {
    this.prototype.name = 'RemoteServerConflictError';
  }
  readonly prefix: string;
  readonly serverId: string;
  readonly where: string;

  constructor(info: RemoteServerConflictInfo, options?: ErrorOptions) {
    super(
      `another ib-rx server (${info.serverId}, ${info.where}) already serves prefix ${info.prefix}: ` +
        'one server per IB connection; stop it or choose another --prefix',
      options,
    );
    this.prefix = info.prefix;
    this.serverId = info.serverId;
    this.where = info.where;
  }
}

/** A NATS message that is not ib-rx's remote protocol, or of a version this side does not speak. */
export class RemoteProtocolError extends IbRxError {
  static {
    this.prototype.name = 'RemoteProtocolError';
  }
  readonly subject: string;
  readonly reason: string;

  constructor(subject: string, reason: string, options?: ErrorOptions) {
    super(`ib-rx remote protocol error on ${subject}: ${reason}`, options);
    this.subject = subject;
    this.reason = reason;
  }
}
