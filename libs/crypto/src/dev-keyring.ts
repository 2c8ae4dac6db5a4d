import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateKeyringConfig, Keyring, type KeyringConfig } from './keyring.js';

const FILE = 'data-keys.json';

/**
 * Loads the development keyring from `dir` (e.g. `.data`), creating it on first use: a file of mode
 * 0600 holding `DATA_KEYS` and `DATA_INDEX_KEY`, written under a temporary name and linked into
 * place, so concurrent first starts agree on one keyring. Development only: production refuses to
 * start without configured keys. Losing the file loses every value sealed with it.
 */
export async function loadOrCreateDevKeyring(dir: string): Promise<KeyringConfig> {
  const path = join(dir, FILE);
  try {
    return checked(JSON.parse(await readFile(path, 'utf8')) as Partial<Record<string, string>>);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const fresh = generateKeyringConfig();
  const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
  const text = JSON.stringify({ DATA_KEYS: fresh.dataKeys, DATA_INDEX_KEY: fresh.indexKey }, null, 2);
  await writeFile(temporary, `${text}\n`, { mode: 0o600, flag: 'wx' });
  try {
    // link() fails when the target exists, unlike rename(): the first writer wins.
    await link(temporary, path);
    return fresh;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return checked(JSON.parse(await readFile(path, 'utf8')) as Partial<Record<string, string>>);
  } finally {
    await unlink(temporary);
  }
}

function checked(file: Partial<Record<string, string>>): KeyringConfig {
  const config = { dataKeys: file['DATA_KEYS'] ?? '', indexKey: file['DATA_INDEX_KEY'] ?? '' };
  Keyring.parse(config);
  return config;
}
