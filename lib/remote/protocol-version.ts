/** The version of every payload this side writes and the only one it reads (docs/remote.md): the binary batches' first byte, the JSON payloads' first element. */
export const REMOTE_PROTOCOL_VERSION = 3;
