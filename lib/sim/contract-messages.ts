import type { SimOptionParams } from './contract-universe.js';
import { escapeAscii7, type Field } from './frame.js';
import { ServerMsg } from './protocol-ids.js';
import { ServerVersion } from './server-version.js';
import type { SimContract } from './sim-contract.js';

/** One symbolSamples entry: a contract and the derivative secTypes listed on it. */
export interface SymbolSample {
  readonly contract: SimContract;
  readonly derivativeSecTypes: readonly string[];
}

/**
 * symbolSamples `79|reqId|n|(conId|symbol|secType|primaryExch|currency|nDerivatives|derivative…|
 * [description|issuerId ≥176])×n` (no version field). The description is the long name, as TWS
 * fills it; the issuer id is empty (bonds only).
 */
export const symbolSamplesMsg = (v: number, reqId: number, samples: readonly SymbolSample[]): Field[] => {
  const f: Field[] = [ServerMsg.SYMBOL_SAMPLES, reqId, samples.length];
  for (const { contract: c, derivativeSecTypes } of samples) {
    f.push(c.conId, c.symbol, c.secType, c.primaryExch, c.currency, derivativeSecTypes.length, ...derivativeSecTypes);
    if (v >= ServerVersion.BOND_ISSUERID) f.push(v >= ServerVersion.ENCODE_MSG_ASCII7 ? escapeAscii7(c.longName) : c.longName, '');
  }
  return f;
};

/**
 * securityDefinitionOptionParameter `75|reqId|exchange|underlyingConId|tradingClass|multiplier|
 * nExpirations|expiration…|nStrikes|strike…` (no version field).
 */
export const secDefOptParamMsg = (reqId: number, p: SimOptionParams): Field[] => [
  ServerMsg.SECURITY_DEFINITION_OPTION_PARAMETER, reqId, p.exchange, p.underlyingConId, p.tradingClass, p.multiplier,
  p.expirations.length, ...p.expirations, p.strikes.length, ...p.strikes,
];

/** securityDefinitionOptionParameterEnd `76|reqId` (no version field). */
export const secDefOptParamEndMsg = (reqId: number): Field[] => [ServerMsg.SECURITY_DEFINITION_OPTION_PARAMETER_END, reqId];
