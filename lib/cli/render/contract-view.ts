import type { ContractDetails } from '../../contracts/contract-details.js';
import type { ContractCandidate } from '../../errors.js';
import { NONE } from './format.js';
import { renderTextTable, type TextColumn } from './text-table.js';

/** Valid exchanges shown before "…" in the details. */
const MAX_EXCHANGES = 8;

const or = (value: string | number | undefined): string => (value === undefined ? NONE : String(value));

/**
 * `ib-rx contract`'s view of one contract: `label  value` lines (conId, symbol, type, local
 * symbol, exchanges, currency, name, expiry / strike / right / multiplier where they apply, tick,
 * trading class, time zone, sector, security ids).
 */
export function renderContractDetails(d: ContractDetails): string[] {
  const exchanges = d.validExchanges.length > MAX_EXCHANGES ? `${d.validExchanges.slice(0, MAX_EXCHANGES).join(',')},…` : d.validExchanges.join(',');
  const rows: [string, string][] = [
    ['conId', String(d.conId)],
    ['symbol', d.symbol],
    ['secType', d.secType],
    ['localSymbol', or(d.localSymbol)],
    ['name', or(d.longName)],
    ['exchange', d.exchange],
    ['primaryExchange', or(d.primaryExchange)],
    ['currency', d.currency],
    ...(d.expiry === undefined ? [] : [['expiry', d.expiry] as [string, string]]),
    ...(d.strike === undefined ? [] : [['strike', String(d.strike)] as [string, string]]),
    ...(d.right === undefined ? [] : [['right', d.right === 'C' ? 'C (call)' : 'P (put)'] as [string, string]]),
    ...(d.multiplier === undefined ? [] : [['multiplier', String(d.multiplier)] as [string, string]]),
    ...(d.underSymbol === undefined ? [] : [['underlying', `${d.underSymbol} ${or(d.underSecType)} (conId ${or(d.underConId)})`] as [string, string]]),
    ['minTick', or(d.minTick)],
    ['tradingClass', or(d.tradingClass)],
    ['validExchanges', exchanges === '' ? NONE : exchanges],
    ['timeZone', or(d.timeZoneId)],
    ['industry', [d.industry, d.category, d.subcategory].filter((s) => s !== undefined).join(' / ') || NONE],
    ...Object.entries(d.secIds).map(([tag, value]): [string, string] => [tag, value]),
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`);
}

const CANDIDATE_COLUMNS: readonly TextColumn<ContractCandidate>[] = [
  { title: 'CONID', align: 'right', cell: (c) => String(c.conId) },
  { title: 'SYMBOL', align: 'left', cell: (c) => c.localSymbol ?? c.symbol },
  { title: 'TYPE', align: 'left', cell: (c) => c.secType },
  { title: 'PRIMARY', align: 'left', cell: (c) => or(c.primaryExchange) },
  { title: 'CUR', align: 'left', cell: (c) => c.currency },
  { title: 'EXPIRY', align: 'left', cell: (c) => or(c.expiry) },
  { title: 'STRIKE', align: 'right', cell: (c) => or(c.strike) },
  { title: 'RIGHT', align: 'left', cell: (c) => or(c.right) },
  { title: 'NAME', align: 'left', cell: (c) => or(c.longName) },
];

/** The candidates of an ambiguous contract as a table (one row each). */
export function renderCandidates(candidates: readonly ContractCandidate[], maxWidth?: number): string[] {
  return renderTextTable(CANDIDATE_COLUMNS, candidates, maxWidth);
}

/** JSON text of a value with every absent (`undefined`) field written as `null`. */
export function jsonWithNulls(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v === undefined ? null : v));
}
