import { type ApolloServerPlugin } from '@apollo/server';
import { operationPurpose, type RequestContext } from '@provision/api-core';
import { type Logger } from '@provision/runtime';

/**
 * Purpose in, ledger out. Before anything executes, the operation's `@purpose` is checked and put
 * on the context (a partner operation without exactly one known purpose gets no data at all).
 * After execution and before the response leaves, the request's releases and denials are written
 * to the ledger in one transaction; if that fails the response becomes an error with no data, so no
 * personal data is ever released without its record.
 */
export function provisionPlugin(logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, request }) {
          // Apollo has resolved the operation by this hook; its absence would be a bug, so fail closed.
          if (!operation) throw new Error('operation not resolved');
          contextValue.purpose = operationPurpose(contextValue.principal, operation, request.variables ?? {});
        },
        async willSendResponse({ contextValue, response }) {
          try {
            await contextValue.ledger.flush(contextValue.em, contextValue.clock.now());
          } catch (error) {
            logger.error(
              { requestId: contextValue.requestId, errorType: error instanceof Error ? error.name : typeof error },
              'provision ledger write failed: response withheld',
            );
            response.http.status = 500;
            response.body = {
              kind: 'single',
              singleResult: {
                errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
              },
            };
          }
        },
      };
    },
  };
}
