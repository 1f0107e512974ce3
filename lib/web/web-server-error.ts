import { IbRxError } from '../errors.js';

/** Where a {@link WebServerError} happened: the address and the system error code (`EADDRINUSE` …). */
export interface WebServerErrorInfo {
  readonly host: string;
  readonly port: number;
  /** Node's system error code (`EADDRINUSE`, `EACCES`, `ENOENT` …), when there is one. */
  readonly code?: string | undefined;
}

/**
 * The browser view's server could not start: its port is in use or not allowed, or its page files
 * are missing. Carries the address and the system error code; `cause` is the original error.
 */
export class WebServerError extends IbRxError {
  static {
    this.prototype.name = 'WebServerError';
  }
  readonly host: string;
  readonly port: number;
  declare readonly code?: string;

  constructor(message: string, info: WebServerErrorInfo, options: ErrorOptions = {}) {
    super(message, options);
    this.host = info.host;
    this.port = info.port;
    if (info.code !== undefined) this.code = info.code;
  }
}
