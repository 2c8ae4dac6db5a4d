export { ledgerEntriesOf, type ProvisionEvent, RequestLedger } from './request-ledger.js';
export {
  appendLedgerEntries,
  chainAppendCtes,
  chainKeyOf,
  ensureChainHead,
  type LedgerCaller,
  type LedgerEntry,
  LEDGER_ROW_COLUMNS,
  ledgerRowArrays,
  ledgerRowEncoder,
  ledgerSourceCte,
  ledgerSourceSelect,
} from './chain-append.js';
export { firstReleaseSql } from './first-release.js';
export { encodeLedgerRow, ledgerRowHash, type LedgerRowFields } from './ledger-hash.js';
export { type ChainBreak, type LedgerVerification, type LinkProblem, type PinnedLink, verifyLedger, type VerifyOptions } from './ledger-verify.js';
export {
  CHECKPOINT_TYPE,
  CheckpointError,
  checkpointSigningKey,
  type CheckpointSigningKey,
  type LedgerCheckpoint,
  pinnedLinks,
  publicJwkOf,
  signCheckpoint,
  takeCheckpoint,
  verifyCheckpoint,
} from './ledger-checkpoint.js';
export { loadOrCreateDevCheckpointKey, PUBLIC_KEY_FILE, resolveCheckpointKey, SIGNING_KEY_ENV } from './checkpoint-key.js';
export { type LedgerPurgeReport, MIN_RETENTION_MONTHS, purgeLedger, retentionCutoff } from './ledger-purge.js';
