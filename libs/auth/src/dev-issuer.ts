import { randomUUID } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  SignJWT,
} from 'jose';
import { type Person } from '@provision/domain';
import { type Clock, createFileExclusively, writeFileAtomically } from '@provision/util';
import { ACCESS_TOKEN_TYPE } from './token-verifier.js';

/** Issuer URI of the development signing key; never accepted unless the gateway runs in dev mode. */
export const DEV_ISSUER = 'urn:provision-gateway:dev';
/**
 * Audience the dev issuer stamps on its tokens, and the gateway's default audience: an absolute
 * URI, as standard issuers need for a resource indicator (RFC 8707).
 */
export const DEV_AUDIENCE = 'urn:provision-gateway';

const DEV_ALGORITHM = 'ES256';
const PRIVATE_KEY_FILE = 'private.jwk.json';
const PUBLIC_JWKS_FILE = 'jwks.json';

/** A local token issuer for development and tests: an ES256 key pair plus its public JWKS. */
export interface DevIssuer {
  issuer: string;
  audience: string;
  kid: string;
  privateKey: CryptoKey;
  /** Hand this to `createTokenVerifier({ jwks })`. */
  jwks: JSONWebKeySet;
  /** Path of the public JWKS file (usable as AUTH_JWKS_FILE); null for in-memory issuers. */
  jwksFile: string | null;
}

/** The public half of an EC private JWK: everything but the private scalar `d`. */
function publicPart(privateJwk: JWK): JWK {
  return Object.fromEntries(Object.entries(privateJwk).filter(([key]) => key !== 'd')) as JWK;
}

async function issuerFromPrivateJwk(privateJwk: JWK, jwksFile: string | null): Promise<DevIssuer> {
  const publicJwk = publicPart(privateJwk);
  const kid = privateJwk.kid ?? (await calculateJwkThumbprint(publicJwk));
  const privateKey = (await importJWK({ ...privateJwk, kid }, DEV_ALGORITHM)) as CryptoKey;
  return {
    issuer: DEV_ISSUER,
    audience: DEV_AUDIENCE,
    kid,
    privateKey,
    jwks: { keys: [{ ...publicJwk, kid, alg: DEV_ALGORITHM, use: 'sig' }] },
    jwksFile,
  };
}

async function newPrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(DEV_ALGORITHM, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(publicPart(jwk)), alg: DEV_ALGORITHM, use: 'sig' };
}

/** A throw-away issuer held only in memory; for tests that mint their own tokens. */
export async function createEphemeralIssuer(
  options: { issuer?: string; audience?: string } = {},
): Promise<DevIssuer> {
  const issuer = await issuerFromPrivateJwk(await newPrivateJwk(), null);
  return { ...issuer, issuer: options.issuer ?? DEV_ISSUER, audience: options.audience ?? DEV_AUDIENCE };
}

/**
 * Loads the development key pair from `dir` (e.g. `.data/dev-issuer`), creating it on first use.
 * The private key file is mode 0600. Concurrent callers (the dev server and `npm run token`) agree
 * on one key: files are written under a temporary name and then linked or renamed into place, so
 * a reader never sees half a file and the first writer's key wins.
 */
export async function loadOrCreateDevIssuer(dir: string): Promise<DevIssuer> {
  const privatePath = join(dir, PRIVATE_KEY_FILE);
  const jwksPath = join(dir, PUBLIC_JWKS_FILE);
  try {
    const jwk = JSON.parse(await readFile(privatePath, 'utf8')) as JWK;
    const issuer = await issuerFromPrivateJwk(jwk, jwksPath);
    // The public file is derived; rewrite it if someone deleted or edited it.
    await writeFileAtomically(jwksPath, `${JSON.stringify(issuer.jwks, null, 2)}\n`, 0o644);
    return issuer;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const jwk = JSON.parse(
    await createFileExclusively(privatePath, `${JSON.stringify(await newPrivateJwk(), null, 2)}\n`, 0o600),
  ) as JWK;
  const issuer = await issuerFromPrivateJwk(jwk, jwksPath);
  await writeFileAtomically(jwksPath, `${JSON.stringify(issuer.jwks, null, 2)}\n`, 0o644);
  return issuer;
}

export interface MintOptions {
  clientId: string;
  scopes: readonly string[];
  ttlSeconds: number;
  clock: Clock;
  /** A token issued to a person through the client (`sub` and `name`), as an authorization code flow gives; else `sub` is the client. */
  person?: Person;
}

/** Signs an RFC 9068 access token (`typ: at+jwt`) the way a real client-credentials issuer would. */
export async function mintAccessToken(issuer: DevIssuer, options: MintOptions): Promise<string> {
  const issuedAt = Math.floor(options.clock.now().getTime() / 1000);
  const { person } = options;
  const name = person?.name ? { name: person.name } : {};
  return new SignJWT({ client_id: options.clientId, scope: options.scopes.join(' '), ...name })
    .setProtectedHeader({ alg: DEV_ALGORITHM, typ: ACCESS_TOKEN_TYPE, kid: issuer.kid })
    .setIssuer(issuer.issuer)
    .setAudience(issuer.audience)
    .setSubject(person?.sub ?? options.clientId)
    .setJti(randomUUID())
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + options.ttlSeconds)
    .sign(issuer.privateKey);
}
