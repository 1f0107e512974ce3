import { Argument, InvalidArgumentError } from 'commander';

const SYMBOL = /^[A-Z0-9][A-Z0-9.\- ]{0,11}$/;

/** Upper-cases a stock symbol and checks its shape (letters, digits, `.`, `-`; at most 12 characters). */
export function parseSymbol(value: string): string {
  const symbol = value.trim().toUpperCase();
  if (!SYMBOL.test(symbol)) {
    throw new InvalidArgumentError(`"${value}" is not a stock symbol (letters, digits, "." or "-", up to 12).`);
  }
  return symbol;
}

/** The `<symbols...>` argument: one or more US stock symbols (STK, SMART, USD), upper-cased, no duplicates. */
export function symbolsArgument(): Argument {
  return new Argument('<symbols...>', 'US stock symbols, e.g. AAPL MSFT (STK on SMART in USD)').argParser(
    (value: string, previous: string[] | undefined): string[] => {
      const symbol = parseSymbol(value);
      const list = previous ?? [];
      return list.includes(symbol) ? list : [...list, symbol];
    },
  );
}
