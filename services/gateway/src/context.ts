import { HeaderMap } from '@apollo/server';
import { type ExpressContextFunctionArgument } from '@as-integrations/express5';
import { type MikroORM } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { AuthError, type Principal, type RegisteredClient, resolvePrincipal, type TokenVerifier } from '@provision/auth';
import { type RequestContext } from '@provision/api-core';
import { RequestLedger } from '@provision/audit';
import { Client, PartnerStatusChange } from '@provision/db';
import { type PartnerStatus, statusAt } from '@provision/domain';
import { type Clock } from '@provision/util';
import { type Logger } from '@provision/runtime';
import { requestIdOf } from './request-id.js';

export interface ContextDependencies {
  orm: MikroORM;
  verifier: TokenVerifier;
  clock: Clock;
  logger: Logger;
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

async function registrationOf(
  em: RequestContext['em'],
  clientId: string,
  now: Date,
): Promise<RegisteredClient | null> {
  const client = await em.findOne(Client, { clientId });
  if (!client) return null;
  let partnerStatus: PartnerStatus | null = null;
  if (client.partner) {
    const history = await em.find(
      PartnerStatusChange,
      { partner: client.partner.id },
      { orderBy: { effectiveAt: 'asc', recordedAt: 'asc' } },
    );
    try {
      partnerStatus = statusAt(history, now);
    } catch (err) {
      // No status in force (not registered yet at this instant): nothing to act for.
      if (err instanceof RangeError) throw new AuthError();
      throw err;
    }
  }
  return {
    clientId: client.clientId,
    kind: client.kind,
    partnerId: client.partner?.id ?? null,
    allowedScopes: client.allowedScopes,
    revokedAt: client.revokedAt,
    partnerStatus,
  };
}

/**
 * The one place a request's principal is made (STYLE.md §3): bearer token → signature and claims →
 * the client's registration now → principal. Throws AuthError when any of them refuses. GraphQL
 * requests and the admin's report pages both come through here.
 */
export async function authenticate(
  em: RequestContext['em'],
  { verifier, clock }: Pick<ContextDependencies, 'verifier' | 'clock'>,
  bearer: string,
): Promise<Principal> {
  const claims = await verifier.verify(bearer);
  return resolvePrincipal(claims, await registrationOf(em, claims.clientId, clock.now()));
}

/** GraphQL's request context: the principal from {@link authenticate}, and the entity manager forked once per request. */
export function createContextFunction({ orm, verifier, clock, logger }: ContextDependencies) {
  return async ({ req, res }: ExpressContextFunctionArgument): Promise<RequestContext> => {
    const requestId = requestIdOf(res);
    const bearer = bearerOf(req.headers.authorization);
    if (bearer === undefined) throw unauthenticated();
    const em = orm.em.fork();
    try {
      const principal = await authenticate(em, { verifier, clock }, bearer);
      const ledger = new RequestLedger(
        principal.partnerId === null
          ? null
          : { partnerId: principal.partnerId, clientId: principal.clientId, tokenId: principal.tokenId, requestId },
      );
      return { requestId, principal, em, clock, purpose: null, ledger };
    } catch (err) {
      if (err instanceof AuthError) {
        logger.info({ requestId }, 'access token refused');
        throw unauthenticated();
      }
      logger.error({ requestId, errorType: (err as Error)?.name }, 'could not authenticate the request');
      throw new GraphQLError('Internal server error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    }
  };
}
