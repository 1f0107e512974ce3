// `ib-rx/remote`: fan-out over NATS — one process owns the IB connection (`serveRemote`, `ib-rx
// serve`), many consume it (`connectRemote`, `ib-rx … --nats`). See docs/remote.md.
export { serveRemote, type RemoteServer, type ServeRemoteOptions } from './serve-remote.js';
export { connectRemote, RemoteSession, type ConnectRemoteOptions } from './connect-remote.js';
export { RemoteConnectionError, RemoteProtocolError, RemoteServerConflictError, type RemoteConnectionInfo, type RemoteServerConflictInfo } from './remote-errors.js';
export { DEFAULT_PREFIX, remoteSubjects, type NatsServers, type RemoteSubjects } from './subjects.js';
export { REMOTE_PROTOCOL_VERSION } from './wire.js';
export { fromMarketStateRecord, toMarketStateRecord, type HistoryRows, type MarketStateRecord } from './market-state-record.js';
