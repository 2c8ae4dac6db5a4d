import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { operationPurpose } from '@provision/api-core';
import { debitSubjects, takeRequestToken, type RateLimitDefaults } from '@provision/quotas';
import { type Logger } from '@provision/runtime';
import { type GatewayContext } from './context.js';
import { failResponse } from './failure.plugin.js';

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

/**
 * Caller and purpose in, ledger out. Once the operation has passed parsing, validation and the
 * query limits, the caller's registration is read (401 if refused) — not earlier, so a refused
 * operation costs no statement. Then, before anything executes, the operation's `@purpose` is
 * checked and put on the context (a partner operation without exactly one known purpose gets no
 * data at all), and a partner's request takes one token of its rate-limit bucket or is refused
 * with RATE_LIMITED.
 * After execution and before the response leaves, the request's releases and denials are written
 * to the ledger in one transaction; if that fails the response becomes an error with no data, so no
 * personal data is ever released without its record. Then the bucket is charged one token per
 * distinct subject released.
 */
export function provisionPlugin(logger: Logger, rateLimit: RateLimitDefaults): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, request }) {
          // Apollo has resolved the operation by this hook; its absence would be a bug, so fail closed.
          if (!operation) throw new Error('operation not resolved');
          await contextValue.authenticate();
          contextValue.purpose = operationPurpose(contextValue.principal, operation, request.variables ?? {});
          const { partnerId } = contextValue.principal;
          if (partnerId === null) return;
          const verdict = await takeRequestToken(contextValue.em, partnerId, contextValue.clock.now(), rateLimit);
          if (!verdict.admitted) {
            logger.info({ requestId: contextValue.requestId, retryAfter: verdict.retryAfterSeconds }, 'partner request rate limited');
            throw rateLimited(verdict.retryAfterSeconds);
          }
        },
        async willSendResponse({ contextValue, response }) {
          try {
            await contextValue.ledger.flush(contextValue.em, contextValue.clock.now());
          } catch (error) {
            logger.error(
              { requestId: contextValue.requestId, errorType: error instanceof Error ? error.name : typeof error },
              'provision ledger write failed: response withheld',
            );
            failResponse(response);
            return;
          }
          // Nothing released (so nothing to charge) also covers a request refused before authentication.
          const subjects = contextValue.ledger.releasedSubjects;
          if (subjects === 0) return;
          const { partnerId } = contextValue.principal;
          if (partnerId === null) return;
          try {
            await debitSubjects(contextValue.em, partnerId, subjects);
          } catch (error) {
            // The release is recorded; only its charge is lost. Not a reason to withhold the response.
            logger.error(
              { requestId: contextValue.requestId, errorType: error instanceof Error ? error.name : typeof error },
              'rate-limit debit failed',
            );
          }
        },
      };
    },
  };
}
