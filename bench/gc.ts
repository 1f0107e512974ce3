import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * A full garbage collection, also when node was started without `--expose-gc`: the flag can be
 * turned on at run time and `gc` read from a fresh context.
 */
export const exposeGc = (): (() => void) => {
  const existing = (globalThis as { gc?: unknown }).gc;
  if (typeof existing === 'function') return existing as () => void;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
};
