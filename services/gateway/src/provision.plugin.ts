import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type pg from 'pg';
import { operationPurpose } from '@provision/api-core';
import { endProvisionSession } from '@provision/api-partner';
import { type Logger } from '@provision/runtime';
import { type GatewayContext } from './context.js';
import { failResponse } from './failure.plugin.js';
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

const typeOf = (error: unknown) => (error instanceof Error ? error.name : typeof error);

/**
 * Caller and purpose in, ledger out. Once the operation has passed parsing, validation and the
 * query limits (the cost again with the page sizes its variables give), the request is admitted — the caller's registration read, and for a partner one
 * token of its rate-limit bucket taken, in one statement (401 if refused) — not earlier, so a
 * refused operation costs no statement. Then, before anything executes, the operation's `@purpose`
 * is checked and put on the context (a partner operation without exactly one known purpose gets no
 * data at all), and a partner whose bucket held no token is refused with RATE_LIMITED.
 *
 * A partner request writes its releases and denials to the ledger as it decides them (see the
 * partner API's provision session); an admin's reads are written here, after execution, in one
 * statement. Either way, before the response leaves: if a ledger write failed, the response
 * becomes an error with no data, so no personal data is ever released without its record.
 */
export function provisionPlugin(
  logger: Logger,
  pool: () => Promise<pg.Pool>,
  assertCostWithVariables: (resolved: ResolvedOperation) => void,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, request, schema, document }) {
          // Apollo has resolved the operation by this hook; its absence would be a bug, so fail closed.
          if (!operation) throw new Error('operation not resolved');
          // The query limits that depend on variables, before admission: a refused operation costs no statement.
          assertCostWithVariables({ schema, document, operation, variables: request.variables ?? {} });
          await contextValue.authenticate();
          contextValue.purpose = operationPurpose(contextValue.principal, operation, request.variables ?? {});
          const verdict = contextValue.rateVerdict;
          if (verdict !== null && !verdict.admitted) {
            logger.info({ requestId: contextValue.requestId, retryAfter: verdict.retryAfterSeconds }, 'partner request rate limited');
            throw rateLimited(verdict.retryAfterSeconds);
          }
        },
        async willSendResponse({ contextValue, response }) {
          try {
            const partner = await endProvisionSession(contextValue);
            if (partner.ledgerFailure !== null) throw partner.ledgerFailure;
            await contextValue.ledger.flush(await pool(), contextValue.clock.now());
          } catch (error) {
            logger.error({ requestId: contextValue.requestId, errorType: typeOf(error) }, 'provision ledger write failed: response withheld');
            failResponse(response);
          }
        },
      };
    },
  };
}
