// The keyring of a command-line tool: DATA_KEYS and DATA_INDEX_KEY when set; outside production,
// the development keyring that `npm start` keeps in .data/data-keys.json.
import { fileURLToPath } from 'node:url';
import { Keyring, keyringConfigFromEnv, loadOrCreateDevKeyring } from '@provision/crypto';

const DEV_DATA_DIR = fileURLToPath(new URL('../.data', import.meta.url));

/** Throws `KeyringError` (naming the variable, never a key) or an Error when production has no keys. */
export async function keyringFromEnvironment(env: Record<string, string | undefined> = process.env): Promise<Keyring> {
  const blank = (value: string | undefined) => (value?.trim() ? value : undefined);
  const configured = keyringConfigFromEnv(blank(env['DATA_KEYS']), blank(env['DATA_INDEX_KEY']));
  if (configured) return Keyring.parse(configured);
  if (env['NODE_ENV'] === 'production') throw new Error('DATA_KEYS is required in production');
  return Keyring.parse(await loadOrCreateDevKeyring(DEV_DATA_DIR));
}
