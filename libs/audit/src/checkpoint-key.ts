import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { createFileExclusively, writeFileAtomically } from '@provision/util';
import { CheckpointError, checkpointSigningKey, publicJwkOf, type CheckpointSigningKey } from './ledger-checkpoint.js';

/** The variable holding the checkpoint signing key: an Ed25519 private JWK as JSON. */
export const SIGNING_KEY_ENV = 'AUDIT_SIGNING_KEY';
const PRIVATE_KEY_FILE = 'private.jwk.json';
/** The public half, written beside the development key (the file `--public-key` takes). */
export const PUBLIC_KEY_FILE = 'public.jwk.json';

async function newPrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(publicJwkOf(jwk)) };
}

/**
 * The development signing key in `dir` (e.g. `.data/audit-signing`), made on first use (mode 0600;
 * concurrent first users agree on one key). Its public half is (re)written as `public.jwk.json`.
 */
export async function loadOrCreateDevCheckpointKey(dir: string): Promise<CheckpointSigningKey> {
  const privatePath = join(dir, PRIVATE_KEY_FILE);
  let text: string;
  try {
    text = await readFile(privatePath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    // Only the key's own directory is private: `.data/` above it must stay searchable by the
    // embedded PostgreSQL's system user when this runs before the first `npm start`.
    await mkdir(dirname(dir), { recursive: true });
    await mkdir(dir, { recursive: true, mode: 0o700 });
    text = await createFileExclusively(privatePath, `${JSON.stringify(await newPrivateJwk(), null, 2)}\n`, 0o600);
  }
  const key = await checkpointSigningKey(JSON.parse(text) as JWK);
  await writeFileAtomically(join(dir, PUBLIC_KEY_FILE), `${JSON.stringify(key.publicJwk, null, 2)}\n`, 0o644);
  return key;
}

/**
 * The checkpoint signing key: `AUDIT_SIGNING_KEY` when set; in production nothing else (throws);
 * otherwise the development key under `devDir`.
 */
export async function resolveCheckpointKey(env: Record<string, string | undefined>, devDir: string): Promise<CheckpointSigningKey> {
  const given = env[SIGNING_KEY_ENV]?.trim();
  if (given) {
    let jwk: unknown;
    try {
      jwk = JSON.parse(given);
    } catch {
      throw new CheckpointError(`${SIGNING_KEY_ENV} must be an Ed25519 private JWK as JSON`);
    }
    return checkpointSigningKey(jwk as JWK);
  }
  if (env['NODE_ENV'] === 'production') throw new CheckpointError(`${SIGNING_KEY_ENV} is required in production`);
  return loadOrCreateDevCheckpointKey(devDir);
}
