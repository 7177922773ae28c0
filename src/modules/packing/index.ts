/** The packing module's door for other modules. */
export { orderLedger } from './order-ledger.js';
export type { PackingStatus } from './ledger.js';
