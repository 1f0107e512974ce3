import { DATA_TYPE_IDS, type DataType } from '../config/index.js';

const DELAYED_TYPES: readonly DataType[] = ['delayed', 'delayed-frozen'];

/**
 * The market data types a subscription tries in order when TWS answers "not subscribed"
 * (354 / 10168): the requested type, then delayed (3), then delayed-frozen (4) — only types with
 * a higher id than the requested one.
 *
 * @example
 * fallbackChain('realtime'); // ['realtime', 'delayed', 'delayed-frozen']
 * fallbackChain('delayed');  // ['delayed', 'delayed-frozen']
 */
export function fallbackChain(requested: DataType): readonly [DataType, ...DataType[]] {
  return [requested, ...DELAYED_TYPES.filter((type) => DATA_TYPE_IDS[type] > DATA_TYPE_IDS[requested])];
}
