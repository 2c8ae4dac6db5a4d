import { type ClientKind, type PartnerStatus, type Person } from '@provision/domain';
import { AuthError } from './auth.errors.js';
import { type AccessTokenClaims } from './token-verifier.js';

/** Who is calling, as every resolver sees it. Built once per request, in the gateway's context. */
export interface Principal {
  clientId: string;
  kind: ClientKind;
  /** The partner the client belongs to; null for the shop backend and admins. */
  partnerId: string | null;
  /** What the token asked for, cut down to what the client's registration allows. */
  scopes: ReadonlySet<string>;
  /** `jti` of the token, for the provision ledger. */
  tokenId: string | null;
  /** The person acting through the client (console sign-in, or a token issued to a person); null for machine clients. */
  person: Person | null;
}

/** The registration of a client as the database holds it, reduced to what authentication needs. */
export interface RegisteredClient {
  clientId: string;
  kind: ClientKind;
  partnerId: string | null;
  allowedScopes: readonly string[];
  revokedAt: Date | null;
  /** Status of the client's partner now; null for clients without a partner. */
  partnerStatus: PartnerStatus | null;
}

/**
 * Turns verified claims plus the client's registration into the request's principal. A token is
 * only as good as the registration behind it: an unknown or revoked client, or a partner that is
 * no longer ACTIVE, is refused at once even though its token has not expired yet.
 */
export function resolvePrincipal(claims: AccessTokenClaims, client: RegisteredClient | null): Principal {
  if (client === null || client.clientId !== claims.clientId) throw new AuthError();
  if (client.revokedAt !== null) throw new AuthError();
  if (client.partnerStatus !== null && client.partnerStatus !== 'ACTIVE') throw new AuthError();
  const allowed = new Set(client.allowedScopes);
  return {
    clientId: client.clientId,
    kind: client.kind,
    partnerId: client.partnerId,
    scopes: new Set(claims.scopes.filter((scope) => allowed.has(scope))),
    tokenId: claims.tokenId,
    person: claims.person,
  };
}
