export { type LedgerCaller, type ProvisionEvent, RequestLedger } from './request-ledger.js';
