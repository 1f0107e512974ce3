import createDebug from 'debug';

/**
 * The simulator's own `debug` logger (`DEBUG=ib-rx:sim`). lib/sim keeps its own instead of
 * lib/log.ts so that it imports nothing else from ib-rx. Typed here so that its declaration needs
 * no `@types/debug`.
 */
export const simLog: (formatter: string, ...args: unknown[]) => void = createDebug('ib-rx:sim');
