import { HeaderMap } from '@apollo/server';
import { type ExpressContextFunctionArgument } from '@as-integrations/express5';
import { type MikroORM } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import type pg from 'pg';
import {
  type AccessTokenClaims,
  AuthError,
  type Principal,
  type RegisteredClient,
  resolvePrincipal,
  type TokenVerifier,
} from '@provision/auth';
import { type RequestContext } from '@provision/api-core';
import { type Admission, factsAt, openProvisionSession, type PartnerFactsNow, type PartnerRegistry } from '@provision/api-partner';
import { type LedgerCaller, RequestLedger } from '@provision/audit';
import { type Keyring } from '@provision/crypto';
import { type RateVerdict } from '@provision/quotas';
import { type Clock } from '@provision/util';
import { type Logger } from '@provision/runtime';
import { CONSOLE_CLAIMS } from './console/console.routes.js';
import { requestIdOf } from './request-id.js';

export interface ContextDependencies {
  orm: MikroORM;
  /** The pool under the ORM (`nativePool`), for the admission statement and the partner API. */
  pool: () => Promise<pg.Pool>;
  registry: PartnerRegistry;
  verifier: TokenVerifier;
  clock: Clock;
  logger: Logger;
  keyring: Keyring;
  fourEyesPublishing: boolean;
}

const BEARER = /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)$/i;

/** The token of an `Authorization: Bearer …` header, or undefined when there is none. */
export function bearerOf(authorization: string | undefined): string | undefined {
  return BEARER.exec(authorization ?? '')?.[1];
}

/** UNAUTHENTICATED with HTTP 401, so Apollo answers before executing anything and with no `data`. */
function unauthenticated(): GraphQLError {
  return new GraphQLError('Invalid or missing access token', {
    extensions: {
      code: 'UNAUTHENTICATED',
      http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer']]) },
    },
  });
}

/**
 * The client's registration as authentication needs it, and its partner as of `now`. A client
 * whose partner has no status in force yet (not registered at this instant), or whose partner row
 * is missing, acts for nobody.
 */
function registrationOf({ client, partner }: Admission, now: Date): { registration: RegisteredClient | null; partner: PartnerFactsNow | null } {
  if (client === null) return { registration: null, partner: null };
  let partnerNow: PartnerFactsNow | null = null;
  if (client.partnerId !== null) {
    if (partner === null) throw new AuthError();
    try {
      partnerNow = factsAt(partner, now);
    } catch (err) {
      if (err instanceof RangeError) throw new AuthError();
      throw err;
    }
  }
  return { registration: { ...client, partnerStatus: partnerNow?.status ?? null }, partner: partnerNow };
}

/** Whose ledger chain the request's reads go to: a partner's, an admin client's, or none (the shop backend reads no personal data). */
function ledgerCallerOf(principal: Principal, requestId: string): LedgerCaller | null {
  const { clientId, tokenId } = principal;
  if (principal.kind === 'PARTNER' && principal.partnerId !== null) {
    return { actorKind: 'PARTNER', partnerId: principal.partnerId, clientId, tokenId, requestId };
  }
  return principal.kind === 'ADMIN' ? { actorKind: 'ADMIN', clientId, tokenId, requestId, person: principal.person } : null;
}

/**
 * The gateway's request context: a {@link RequestContext} whose principal is settled in two steps.
 * The token's signature and claims are checked when the request arrives (no database); the client's
 * registration is read by `authenticate()`, which the provision plugin calls once the operation has
 * been parsed and validated, so an operation refused for its shape or limits costs no statement.
 */
export interface GatewayContext extends RequestContext {
  /**
   * Reads the client's registration and settles `principal` and `ledger`; 401 when refused. Once per
   * request however often it is called, so any plugin that needs the principal in
   * `didResolveOperation` (whose hooks Apollo runs side by side) may await it first.
   */
  authenticate(): Promise<void>;
  /** The rate-limit verdict taken with the admission; null for callers without a bucket. Set by `authenticate()`. */
  readonly rateVerdict: RateVerdict | null;
  /** The code of the client's partner, for metrics; null for callers without one. Set by `authenticate()`. */
  readonly partnerCode: string | null;
}

class VerifiedTokenContext implements GatewayContext {
  purpose: string | null = null;
  /** Empty and callerless until `authenticate()`: nothing can be released before it. */
  ledger = new RequestLedger(null);
  rateVerdict: RateVerdict | null = null;
  partnerCode: string | null = null;
  private settledPrincipal: Principal | null = null;
  private authenticating: Promise<void> | null = null;
  // Not a #private field: Apollo copies the context per operation (own properties), which #fields do not survive.
  private forkedEm: RequestContext['em'] | null = null;

  constructor(
    readonly requestId: string,
    private readonly orm: MikroORM,
    readonly clock: Clock,
    readonly keyring: Keyring,
    private readonly claims: AccessTokenClaims,
    private readonly logger: Logger,
    readonly fourEyesPublishing: boolean,
    private readonly pool: () => Promise<pg.Pool>,
    private readonly registry: PartnerRegistry,
  ) {}

  /** The request's entity manager, forked on first use: the partner API, which reads plain rows, never forks one. */
  get em(): RequestContext['em'] {
    this.forkedEm ??= this.orm.em.fork();
    return this.forkedEm;
  }

  /** Fails closed: reading the principal before authentication is a bug, never an anonymous caller. */
  get principal(): Principal {
    if (this.settledPrincipal === null) throw new Error('principal read before authentication');
    return this.settledPrincipal;
  }

  authenticate(): Promise<void> {
    this.authenticating ??= this.settle();
    return this.authenticating;
  }

  private async settle(): Promise<void> {
    const { requestId, claims } = this;
    try {
      const now = this.clock.now();
      const pool = await this.pool();
      const admission = await this.registry.admit(pool, claims.clientId, now);
      const { registration, partner } = registrationOf(admission, now);
      const principal = resolvePrincipal(claims, registration);
      const caller = ledgerCallerOf(principal, requestId);
      this.ledger = new RequestLedger(caller);
      this.rateVerdict = admission.rate;
      this.partnerCode = partner?.facts.code ?? null;
      this.settledPrincipal = principal;
      if (partner !== null && caller?.actorKind === 'PARTNER') openProvisionSession(this, pool, partner, caller, this.registry);
    } catch (err) {
      throw refusal(err, requestId, this.logger);
    }
  }
}

/**
 * The 401 for an AuthError (logged at info with the request id only), else an opaque 500 carrying
 * its cause, which the failure plugin logs once with the request.
 */
function refusal(err: unknown, requestId: string, logger: Logger): GraphQLError {
  if (err instanceof AuthError) {
    logger.info({ requestId }, 'access token refused');
    return unauthenticated();
  }
  return new GraphQLError('Internal server error', {
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
    originalError: err instanceof Error ? err : undefined,
  });
}

/**
 * The one place a request's context is made (STYLE.md §3): bearer token → signature and claims,
 * refused at once with 401 when they fail; the client's registration follows in `authenticate()`.
 * The entity manager is forked once per request, on first use (a fork issues no statement); the shop
 * and admin APIs work through it, the partner API through its provision session (plain SQL).
 */
export function createContextFunction({ orm, pool, registry, verifier, clock, logger, keyring, fourEyesPublishing }: ContextDependencies) {
  return async ({ req, res }: ExpressContextFunctionArgument): Promise<GatewayContext> => {
    const requestId = requestIdOf(res);
    // A console call: the BFF has verified the session's access token and put its claims here.
    const consoleClaims = res.locals[CONSOLE_CLAIMS] as AccessTokenClaims | undefined;
    if (consoleClaims !== undefined) {
      return new VerifiedTokenContext(requestId, orm, clock, keyring, consoleClaims, logger, fourEyesPublishing, pool, registry);
    }
    const bearer = bearerOf(req.headers.authorization);
    if (bearer === undefined) throw unauthenticated();
    let claims: AccessTokenClaims;
    try {
      claims = await verifier.verify(bearer);
    } catch (err) {
      // Before any request listener exists, so the failure plugin cannot log this one.
      if (!(err instanceof AuthError)) logger.error({ requestId, errorType: (err as Error)?.name }, 'could not verify the access token');
      throw refusal(err, requestId, logger);
    }
    return new VerifiedTokenContext(requestId, orm, clock, keyring, claims, logger, fourEyesPublishing, pool, registry);
  };
}
