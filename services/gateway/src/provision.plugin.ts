import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type pg from 'pg';
import { operationPurpose } from '@provision/api-core';
import { endProvisionSession, PURPOSE_FREE_QUERIES } from '@provision/api-partner';
import { type Logger } from '@provision/runtime';
import { type GatewayContext } from './context.js';
import { failResponse } from './failure.plugin.js';
import { type GatewayMetrics } from './metrics.js';
import { type ResolvedOperation } from './query-limits.js';

/** RATE_LIMITED with HTTP 429 and `Retry-After`, so Apollo answers before executing anything and with no `data`. */
function rateLimited(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`Rate limit reached: retry after ${retryAfterSeconds} s`, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfter: retryAfterSeconds,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}

/** Sent on every GraphQL response (docs/partners.md, "Caching"). */
export const PERSONAL_DATA_CACHE_CONTROL = 'no-store, private';

const typeOf = (error: unknown) => (error instanceof Error ? error.name : typeof error);

/**
 * Caller and purpose in, ledger out. Once the operation has passed parsing, validation and the
 * query limits (the cost again with the page sizes its variables give), the request is admitted — the caller's registration read, and for a partner one
 * token of its rate-limit bucket taken, in one statement (401 if refused) — not earlier, so a
 * refused operation costs no statement. Then, before anything executes, the operation's `@purpose`
 * is checked and put on the context (a partner operation without exactly one known purpose gets no
 * data at all, unless it asks only for discovery: `PURPOSE_FREE_QUERIES`), and a partner whose
 * bucket held no token is refused with RATE_LIMITED.
 *
 * A partner request writes its releases and denials to the ledger as it decides them (see the
 * partner API's provision session); an admin's reads are written here, after execution, in one
 * statement. Either way, before the response leaves: if a ledger write failed, the response
 * becomes an error with no data, so no personal data is ever released without its record.
 */
export function provisionPlugin(
  logger: Logger,
  pool: () => Promise<pg.Pool>,
  metrics: GatewayMetrics,
  assertCostWithVariables: (resolved: ResolvedOperation) => void,
): ApolloServerPlugin<GatewayContext> {
  /** The admin's ledger write (a partner's are written, and counted, as its batches are decided). */
  const flushAdminLedger = async (contextValue: GatewayContext) => {
    const started = performance.now();
    let rows: number;
    try {
      rows = await contextValue.ledger.flush(await pool(), contextValue.clock.now());
    } catch (error) {
      metrics.ledgerWriteFailures.inc({ actor: 'admin' });
      throw error;
    }
    // Only an admin's ledger holds rows here; every other caller's flush is a no-op, not a write.
    if (rows > 0) metrics.ledgerWriteDuration.observe({ actor: 'admin' }, (performance.now() - started) / 1000);
  };

  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, request, schema, document }) {
          // Apollo has resolved the operation by this hook; its absence would be a bug, so fail closed.
          if (!operation) throw new Error('operation not resolved');
          // The query limits that depend on variables, before admission: a refused operation costs no statement.
          assertCostWithVariables({ schema, document, operation, variables: request.variables ?? {} });
          await contextValue.authenticate();
          contextValue.purpose = operationPurpose(contextValue.principal, operation, request.variables ?? {}, PURPOSE_FREE_QUERIES);
          const verdict = contextValue.rateVerdict;
          if (verdict !== null && !verdict.admitted) {
            metrics.rateLimited.inc({ partner: contextValue.partnerCode ?? 'none' });
            logger.info({ requestId: contextValue.requestId, retryAfter: verdict.retryAfterSeconds }, 'partner request rate limited');
            throw rateLimited(verdict.retryAfterSeconds);
          }
        },
        async willSendResponse({ contextValue, response }) {
          // Any answer may carry personal data (a partner's released fields, an admin's subject
          // read) and every one is the caller's own: no shared or browser cache may keep it.
          // Apollo's cache-control plugin leaves a header it cannot parse as it is.
          response.http.headers.set('cache-control', PERSONAL_DATA_CACHE_CONTROL);
          try {
            const partner = await endProvisionSession(contextValue);
            if (partner.ledgerFailure !== null) throw partner.ledgerFailure;
            await flushAdminLedger(contextValue);
          } catch (error) {
            logger.error({ requestId: contextValue.requestId, errorType: typeOf(error) }, 'provision ledger write failed: response withheld');
            failResponse(response);
          }
        },
      };
    },
  };
}
