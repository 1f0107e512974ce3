import { SecType } from '@stoqey/ib';
import type { Contract as IbContract } from '@stoqey/ib';

/**
 * IB security types (`SecType.STK`, `SecType.OPT`, `SecType.FUT`, `SecType.CASH`, `SecType.IND` …),
 * re-exported from `@stoqey/ib` so that no ib-rx user has to import it to build a contract.
 */
export { SecType };

/**
 * An IB contract as `reqMktData` / `reqContractDetails` take it (`@stoqey/ib`'s `Contract`). Build
 * one with `stock`, `forex`, `future`, `option` or `index`, or get a full one (with `conId`) from
 * `session.qualify`.
 */
export type Contract = IbContract;

export type { OptionRight } from '../requests/contract-fields.js';
