import type { SymbolMatch } from '../../contracts/symbol-match.js';
import { NONE } from './format.js';
import { renderTextTable, type TextColumn } from './text-table.js';

const COLUMNS: readonly TextColumn<SymbolMatch>[] = [
  { title: 'SYMBOL', align: 'left', cell: (m) => m.symbol },
  { title: 'TYPE', align: 'left', cell: (m) => m.secType },
  { title: 'PRIMARY', align: 'left', cell: (m) => m.primaryExchange ?? NONE },
  { title: 'CUR', align: 'left', cell: (m) => m.currency },
  { title: 'CONID', align: 'right', cell: (m) => String(m.conId) },
  { title: 'DERIVATIVES', align: 'left', cell: (m) => (m.derivativeSecTypes.length === 0 ? NONE : m.derivativeSecTypes.join(',')) },
  { title: 'DESCRIPTION', align: 'left', cell: (m) => m.description ?? NONE },
];

/** `ib-rx search`'s table: one aligned row per match, cut to `maxWidth` characters. */
export function renderSymbolMatches(matches: readonly SymbolMatch[], maxWidth?: number): string[] {
  return renderTextTable(COLUMNS, matches, maxWidth);
}
