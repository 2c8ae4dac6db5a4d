import type { EntityManager } from '@mikro-orm/postgresql';
import {
  calculateJwkThumbprint,
  CompactSign,
  compactVerify,
  type CryptoKey,
  decodeProtectedHeader,
  errors,
  importJWK,
  type JWK,
} from 'jose';
import type { Clock } from '@provision/util';
import type { PinnedLink } from './ledger-verify.js';

/** `typ` of a checkpoint's protected header. */
export const CHECKPOINT_TYPE = 'provision-ledger-checkpoint+jws';
const ALGORITHM = 'EdDSA';

/** The heads of every ledger chain at one instant: what a signed checkpoint states. */
export interface LedgerCheckpoint {
  /** When the heads were read (ISO 8601). */
  takenAt: string;
  /** Each chain's last position and its hash (hex). */
  chains: { chainKey: string; seq: string; hash: string }[];
}

/** An Ed25519 key that signs checkpoints, and its id. */
export interface CheckpointSigningKey {
  kid: string;
  privateKey: CryptoKey;
  /** The public half as a JWK (with kid), to publish and to verify with. */
  publicJwk: JWK;
}

/** The checkpoint does not verify: bad signature, another key, or not a checkpoint. Carries no ledger data. */
export class CheckpointError extends Error {
  override name = 'CheckpointError';
}

/**
 * The public key of an Ed25519 JWK, private or public: its `kty`, `crv` and `x` only (and `kid`), so
 * that usage fields of the private key (WebCrypto exports `key_ops: ["sign"]`) do not travel along.
 */
export function publicJwkOf(jwk: JWK): JWK {
  const { kty, crv, x, kid } = jwk;
  return kid === undefined ? { kty, crv, x } : { kty, crv, x, kid };
}

/** Reads an Ed25519 private JWK (`{"kty":"OKP","crv":"Ed25519","x":…,"d":…}`); the key id is its `kid` or its thumbprint. */
export async function checkpointSigningKey(privateJwk: JWK): Promise<CheckpointSigningKey> {
  if (privateJwk.kty !== 'OKP' || privateJwk.crv !== 'Ed25519' || typeof privateJwk.d !== 'string') {
    throw new CheckpointError('the checkpoint signing key must be an Ed25519 private JWK');
  }
  const publicJwk = publicJwkOf(privateJwk);
  const kid = privateJwk.kid ?? (await calculateJwkThumbprint(publicJwk));
  const privateKey = (await importJWK({ ...publicJwk, d: privateJwk.d }, ALGORITHM)) as CryptoKey;
  return { kid, privateKey, publicJwk: { ...publicJwk, kid, alg: ALGORITHM, use: 'sig' } };
}

/** Reads every chain head in one statement (one consistent instant). */
export async function takeCheckpoint(em: EntityManager, clock: Clock): Promise<LedgerCheckpoint> {
  const heads = await em.execute<{ chainKey: string; lastSeq: string; lastHash: Buffer }[]>(
    `select chain_key as "chainKey", last_seq::text as "lastSeq", last_hash as "lastHash"
       from ledger_chain_heads where last_hash is not null order by chain_key`,
  );
  return {
    takenAt: clock.now().toISOString(),
    chains: heads.map((head) => ({ chainKey: head.chainKey, seq: head.lastSeq, hash: head.lastHash.toString('hex') })),
  };
}

/** The checkpoint as a compact JWS (EdDSA, `kid` and `typ` in the protected header). */
export async function signCheckpoint(checkpoint: LedgerCheckpoint, key: CheckpointSigningKey): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(checkpoint)))
    .setProtectedHeader({ alg: ALGORITHM, kid: key.kid, typ: CHECKPOINT_TYPE })
    .sign(key.privateKey);
}

function isCheckpoint(value: unknown): value is LedgerCheckpoint {
  if (typeof value !== 'object' || value === null) return false;
  const { takenAt, chains } = value as Partial<LedgerCheckpoint>;
  return (
    typeof takenAt === 'string' &&
    Array.isArray(chains) &&
    chains.every(
      (chain) =>
        typeof chain?.chainKey === 'string' && /^\d+$/.test(String(chain.seq)) && /^[0-9a-f]{64}$/.test(String(chain.hash)),
    )
  );
}

/**
 * Checks a checkpoint's signature with the given public key (only EdDSA, only this key's id) and
 * returns what it states. Throws {@link CheckpointError} otherwise.
 */
export async function verifyCheckpoint(jws: string, publicJwk: JWK): Promise<LedgerCheckpoint> {
  const publicOnly = publicJwkOf(publicJwk);
  if (publicOnly.kty !== 'OKP' || publicOnly.crv !== 'Ed25519' || typeof publicOnly.x !== 'string') {
    throw new CheckpointError('the public key must be an Ed25519 JWK');
  }
  // The thumbprint covers kty, crv and x only; importJWK ignores kid.
  const kid = publicOnly.kid ?? (await calculateJwkThumbprint(publicOnly));
  const key = await importJWK(publicOnly, ALGORITHM);
  try {
    const header = decodeProtectedHeader(jws.trim());
    if (header.typ !== CHECKPOINT_TYPE) throw new CheckpointError('not a ledger checkpoint');
    if (header.kid !== kid) throw new CheckpointError(`signed with key ${String(header.kid)}, not ${kid}`);
    const { payload } = await compactVerify(jws.trim(), key, { algorithms: [ALGORITHM] });
    const checkpoint: unknown = JSON.parse(new TextDecoder().decode(payload));
    if (!isCheckpoint(checkpoint)) throw new CheckpointError('the checkpoint payload is malformed');
    return checkpoint;
  } catch (err) {
    if (err instanceof CheckpointError) throw err;
    if (err instanceof errors.JOSEError) throw new CheckpointError(`the checkpoint signature does not verify (${err.code})`);
    throw new CheckpointError('the checkpoint is not a compact JWS');
  }
}

/** The links a verified checkpoint pins, for `verifyLedger`. */
export function pinnedLinks(checkpoint: LedgerCheckpoint): PinnedLink[] {
  return checkpoint.chains.map((chain) => ({ chainKey: chain.chainKey, seq: BigInt(chain.seq), hash: Buffer.from(chain.hash, 'hex') }));
}
