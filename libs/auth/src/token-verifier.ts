import { readFileSync } from 'node:fs';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  type FlattenedJWSInput,
  type JSONWebKeySet,
  type JWSAlgorithm,
  type JWTHeaderParameters,
  type JWTPayload,
  jwtVerify,
} from 'jose';
import { type Person } from '@provision/domain';
import { type Clock } from '@provision/util';
import { AuthError } from './auth.errors.js';

/** What a verified access token says about its caller; nothing here is trusted until `verify` returns. */
export interface AccessTokenClaims {
  /** `client_id`, else `sub` (RFC 9068 §2.2). */
  clientId: string;
  /** The space-separated `scope` claim, split; empty when absent. */
  scopes: string[];
  /** `jti`, recorded in the provision ledger; null when the issuer sets none. */
  tokenId: string | null;
  expiresAt: Date;
  /**
   * The person the token was issued to (authorization code flow): `sub` when it names someone other
   * than the client, with the `name` claim if the issuer added one. Null for client credentials,
   * where `sub` is the client itself.
   */
  person: Person | null;
}

/** Where the issuer's public keys come from: exactly one of these. */
export type JwksSource = { jwksUrl: string } | { jwksFile: string } | { jwks: JSONWebKeySet };

export type TokenVerifierOptions = {
  issuer: string;
  audience: string;
  clock: Clock;
} & JwksSource;

/** Verifies access tokens; `verify` resolves with the claims or rejects with {@link AuthError}. */
export interface TokenVerifier {
  verify(token: string): Promise<AccessTokenClaims>;
}

/**
 * Asymmetric algorithms only: `none` and HMAC are refused, so a public key can never be used as a
 * shared secret (the classic RS256→HS256 confusion).
 */
export const ALLOWED_ALGORITHMS: readonly JWSAlgorithm[] = ['RS256', 'ES256', 'EdDSA'];

/** RFC 9068 access-token media type; plain `JWT` (e.g. an ID token) is refused. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

/** Upper bound the issue allows for clock skew between issuer and gateway. */
export const CLOCK_TOLERANCE_SECONDS = 30;

type KeyResolver = ReturnType<typeof createLocalJWKSet> | ReturnType<typeof createRemoteJWKSet>;

/**
 * Header parameters that carry a key or say where to fetch one. The keys come from the configured
 * JWKS only (RFC 8725 §3.10): a token naming its own key is an attack, refused outright, and its
 * URL is never fetched.
 */
export const REFUSED_KEY_HEADERS = ['jku', 'jwk', 'x5u', 'x5c'] as const;

/**
 * What a `kid` may look like: key ids as issuers make them (thumbprints, UUIDs, dates, names). Any
 * other text — paths, quotes, spaces, long blobs — is refused before the key set is consulted, so
 * it can neither reach a lookup nor trigger a JWKS refetch.
 */
const KEY_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

function keyResolver(source: JwksSource): KeyResolver {
  if ('jwksUrl' in source) {
    // jose caches the set and refetches on an unknown kid at most once per cooldown, so a flood of
    // tokens with random kids cannot turn the gateway into a JWKS-fetching amplifier.
    return createRemoteJWKSet(new URL(source.jwksUrl), {
      cooldownDuration: 30_000,
      cacheMaxAge: 10 * 60_000,
      timeoutDuration: 5_000,
    });
  }
  if ('jwksFile' in source) {
    return createLocalJWKSet(JSON.parse(readFileSync(source.jwksFile, 'utf8')) as JSONWebKeySet);
  }
  return createLocalJWKSet(source.jwks);
}

/** Longest `name` claim kept; a longer one is cut (it is a label in records, not an identifier). */
const MAX_NAME_LENGTH = 200;

function personOf(payload: JWTPayload, clientId: string): Person | null {
  const { sub, name } = payload;
  if (typeof sub !== 'string' || sub === '' || sub === clientId) return null;
  return { sub, name: typeof name === 'string' && name !== '' ? name.slice(0, MAX_NAME_LENGTH) : null };
}

function claimsOf(payload: JWTPayload): AccessTokenClaims {
  const clientId = typeof payload['client_id'] === 'string' ? payload['client_id'] : payload.sub;
  if (typeof clientId !== 'string' || clientId === '') throw new AuthError();
  const scope = payload['scope'];
  if (scope !== undefined && typeof scope !== 'string') throw new AuthError();
  if (typeof payload.exp !== 'number') throw new AuthError();
  return {
    clientId,
    scopes: scope === undefined ? [] : scope.split(' ').filter((s) => s !== ''),
    tokenId: typeof payload.jti === 'string' ? payload.jti : null,
    expiresAt: new Date(payload.exp * 1000),
    person: personOf(payload, clientId),
  };
}

/**
 * Builds the verifier for one issuer.
 *
 * @example
 * const verifier = createTokenVerifier({ issuer, audience, jwksUrl, clock: systemClock });
 * const claims = await verifier.verify(bearerToken);
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const resolve = keyResolver(options);
  // jose calls this after its own header checks (algorithm allow-list, crit) and before any key use.
  const keys = (header: JWTHeaderParameters, token: FlattenedJWSInput) => {
    if (REFUSED_KEY_HEADERS.some((name) => name in header)) throw new AuthError();
    if (header.kid !== undefined && !KEY_ID.test(header.kid)) throw new AuthError();
    return resolve(header, token);
  };
  const { issuer, audience, clock } = options;
  return {
    async verify(token: string): Promise<AccessTokenClaims> {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          algorithms: [...ALLOWED_ALGORITHMS],
          typ: ACCESS_TOKEN_TYPE,
          issuer,
          audience,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          currentDate: clock.now(),
          requiredClaims: ['exp'],
        }));
      } catch {
        // Every jose failure (bad signature, alg, typ, iss, aud, exp, nbf, kid, malformed, JWKS
        // fetch) is one outcome for the caller; the cause is not worth leaking.
        throw new AuthError();
      }
      return claimsOf(payload);
    },
  };
}
