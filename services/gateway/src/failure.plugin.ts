import { type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import { INTERNAL_ERROR_MESSAGE, isUnexpectedError, type RequestContext } from '@provision/api-core';
import { type Logger } from '@provision/runtime';

/** Makes `response` the answer of a failed request: HTTP 500, one `INTERNAL_SERVER_ERROR`, no data. */
export function failResponse(response: GraphQLResponse): void {
  response.http.status = 500;
  response.body = {
    kind: 'single',
    singleResult: { errors: [{ message: INTERNAL_ERROR_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] },
  };
}

/** What went wrong underneath an error: a resolver's throw, or the cause a GraphQLError carries. */
function rootCause(error: GraphQLError): unknown {
  const unwrapped = unwrapResolverError(error);
  return unwrapped instanceof GraphQLError && unwrapped.originalError ? unwrapped.originalError : unwrapped;
}

/**
 * The stack's frames (`    at …` lines) only: the message, and whatever else the stack text
 * carries (a database error's detail or hint spans several lines and may quote data or the
 * schema), stays out of the log.
 */
export function framesOf(error: unknown): string | undefined {
  return error instanceof Error ? error.stack?.split('\n').filter((line) => /^\s+at /.test(line)).join('\n') : undefined;
}

/**
 * A request that meets an unexpected error — a bug, or the database gone — fails whole: HTTP 500,
 * one `INTERNAL_SERVER_ERROR`, no `data`, and one log line (the first cause's type, SQLSTATE and
 * frames, how many errors there were; never a message, which may quote data). Without this, a
 * 100-row read during a database outage answered 200 with 400 error entries and logged 400 stack
 * traces, and whether a client saw 200 or 500 depended on where the outage struck. Errors a client
 * caused or may act on (denials, validation, 401/403/429) pass unchanged.
 *
 * List it first: Apollo starts every plugin's `willSendResponse` at once, and this one replaces the
 * response before its first `await`, so the others see the failed response.
 */
export function failurePlugin(logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const unexpected: GraphQLError[] = [];
      return {
        async didEncounterErrors({ errors }) {
          unexpected.push(...errors.filter((error) => isUnexpectedError(error)));
        },
        async willSendResponse({ response, contextValue, operationName }) {
          if (unexpected.length === 0) return;
          failResponse(response);
          const [first] = unexpected as [GraphQLError];
          const cause = rootCause(first);
          logger.error(
            {
              requestId: contextValue.requestId,
              operation: operationName ?? null,
              errorType: cause instanceof Error ? cause.name : typeof cause,
              code: (cause as { code?: unknown } | null)?.code,
              errors: unexpected.length,
              path: first.path?.join('.'),
              frames: framesOf(cause),
            },
            'request failed on an unexpected error',
          );
        },
      };
    },
  };
}
