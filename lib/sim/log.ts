import createDebug from 'debug';

/**
 * The simulator's own `debug` logger (`DEBUG=ib-rx:sim`). lib/sim keeps its own instead of
 * lib/log.ts so that it imports nothing else from ib-rx.
 */
export const simLog = createDebug('ib-rx:sim');
