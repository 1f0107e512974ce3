// IBClient in the original design's style: connect_and_run → connectAndRun, get_market_data →
// getMarketData, the same config keys and the same market data structure.
//   node --import tsx examples/ib-client-original-style.ts
import { IBClient } from 'ib-rx';
import type { MarketData } from 'ib-rx';
import { exampleTarget, isMain } from './support/example-target.js';

/** Connects, fetches each symbol once, prints its last price, disconnects. */
export async function main(symbols: readonly string[] = ['AAPL', 'MSFT', 'NOPE']): Promise<Record<string, MarketData | null>> {
  const target = await exampleTarget();
  const config = {
    api: { tws_endpoint: target.config.api.tws_endpoint, port: target.config.api.port },
    market_data: { timeout: 5, retry_attempts: 3, data_type: 'delayed' as const },
  };
  const client = new IBClient(config);
  const results: Record<string, MarketData | null> = {};
  try {
    if (!(await client.connectAndRun())) {
      console.log(`could not connect: ${client.lastError?.message ?? 'unknown reason'}`);
      return results;
    }
    for (const symbol of symbols) {
      const marketData = await client.getMarketData(symbol);
      results[symbol] = marketData;
      if (marketData) {
        console.log(`${symbol}: last price ${marketData.close.at(-1) ?? marketData.last ?? '-'}, ` +
          `day high ${marketData.current_high ?? '-'}, low ${marketData.current_low ?? '-'} (${marketData.market_data_type ?? '?'})`);
      } else {
        console.log(`${symbol}: no data (${client.lastError?.message ?? 'unknown reason'})`);
      }
    }
    return results;
  } finally {
    await client.disconnect();
    await target.close();
  }
}

if (isMain(import.meta.url)) {
  main().then(() => undefined, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
