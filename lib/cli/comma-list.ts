import { InvalidArgumentError } from 'commander';

/**
 * The entries of a comma-separated flag value (`Last,BidAsk`, `AAPL, MSFT`), trimmed. An empty
 * entry (`Last,,BidAsk`, a comma at the start or end, a value of blanks) is commander's
 * InvalidArgumentError naming it, which the CLI prints after the flag and its value (exit 2).
 */
export function commaList(value: string): string[] {
  const entries = value.split(',').map((entry) => entry.trim());
  const empty = entries.indexOf('');
  if (empty >= 0) {
    const where = entries.length === 1 ? 'the value is empty' : `entry ${empty + 1} of ${entries.length} is empty`;
    throw new InvalidArgumentError(`${where} (a comma too many?).`);
  }
  return entries;
}
