export {
  DecryptionError,
  generateKeyringConfig,
  Keyring,
  type KeyringConfig,
  keyringConfigFromEnv,
  KeyringError,
  type KeyringVariable,
  type SealContext,
  type Sealed,
  SEALED_PATTERN,
} from './keyring.js';
export { loadOrCreateDevKeyring } from './dev-keyring.js';
