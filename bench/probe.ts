/**
 * Latency probe: the feed process writes its send time into the price of every BID (and LAST)
 * tick it puts on the socket, and a client decodes it from the price it finally sees (in a raw
 * `tickPrice` event, an IBApiNext update, a `Tick` or a `MarketState`).
 *
 * Clock: `process.hrtime` = CLOCK_MONOTONIC on Linux, one system-wide clock shared by both
 * processes, nanosecond resolution; the probe keeps microseconds modulo one second, so a price
 * reads `100.uuuuuu` and a latency up to 1 s is recovered exactly.
 */

/** Integer part of every probe price. */
export const PROBE_BASE_PRICE = 100;
const WINDOW_US = 1_000_000;

/** The price text that carries send time `us` (microseconds, monotonic clock). */
export const encodeProbePrice = (us: number): string =>
  `${PROBE_BASE_PRICE}.${String(us % WINDOW_US).padStart(6, '0')}`;

/** Microseconds between the send time carried by `price` and `nowUs`; undefined for a non-probe price. */
export const probeLatencyUs = (price: number, nowUs: number): number | undefined => {
  const fraction = price - PROBE_BASE_PRICE;
  if (!(fraction >= 0 && fraction < 1)) return undefined;
  const sent = Math.round(fraction * WINDOW_US);
  return (((nowUs % WINDOW_US) - sent) % WINDOW_US + WINDOW_US) % WINDOW_US;
};
