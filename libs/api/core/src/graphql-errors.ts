import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { AuthError } from '@provision/auth';
import { DomainError, InputError } from '@provision/domain';
import { assertUnreachable } from '@provision/util';
import { firstInvalidPath } from './validation.js';

/** What a client sees for anything we did not raise on purpose. */
export const INTERNAL_ERROR_MESSAGE = 'Internal server error';

/**
 * Codes that GraphQL itself, Apollo or our own edge code set deliberately; an error carrying one of
 * these is passed through. Anything else is a bug and becomes INTERNAL_SERVER_ERROR.
 */
const PASS_THROUGH_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'INTROSPECTION_DISABLED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'PROVISION_DENIED',
  'PURPOSE_REQUIRED',
  'RATE_LIMITED',
]);

function fromDomainError(error: DomainError): GraphQLError {
  const code = error.code;
  switch (code) {
    case 'BAD_USER_INPUT':
      return new GraphQLError(error.message, {
        extensions: { code, ...(error instanceof InputError ? { field: error.field } : {}) },
      });
    case 'NOT_FOUND':
    case 'CONFLICT':
    case 'FORBIDDEN':
      return new GraphQLError(error.message, { extensions: { code } });
    case 'UNAUTHENTICATED':
      return new GraphQLError(error.message, { extensions: { code, http: { status: 401 } } });
    default:
      return assertUnreachable(code);
  }
}

function fromValidationError(error: ArgumentValidationError): GraphQLError {
  const first = firstInvalidPath(error.extensions.validationErrors);
  return new GraphQLError(first?.message ?? 'Invalid input', {
    extensions: { code: 'BAD_USER_INPUT', ...(first ? { field: first.path } : {}) },
  });
}

/**
 * graphql-js reports a bad variable as `Variable "$input" got invalid value <the value> at
 * "input.phone"; <reason that may quote the value again>`. The value may be personal data, so the
 * message is rebuilt from the variable name and path only.
 */
function withoutEchoedVariable(error: GraphQLError): GraphQLError {
  const match = /^Variable "\$([A-Za-z_]\w*)" got invalid value /.exec(error.message);
  if (!match) return error;
  const [prefix, variable] = match;
  const at = /(?:^| )at "([A-Za-z_][\w.[\]]*)"; /.exec(error.message.slice(prefix.length));
  const path = at?.[1] ?? variable ?? '';
  // graphql-js starts the path with the variable's name; `field` is the path inside it, as everywhere.
  const field = path.startsWith(`${variable}.`) ? path.slice(variable.length + 1) : path;
  return new GraphQLError(`Variable "$${variable}" got an invalid value at "${path}"`, {
    extensions: { code: 'BAD_USER_INPUT', field },
  });
}

function internalError(): GraphQLError {
  return new GraphQLError(INTERNAL_ERROR_MESSAGE, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}

function passThroughCode(error: GraphQLError): string | null {
  const code = error.extensions['code'];
  return typeof code === 'string' && PASS_THROUGH_CODES.has(code) ? code : null;
}

/**
 * The one mapping from anything thrown to what a client may see. Domain and auth errors keep their
 * codes, validation errors name the field, GraphQL's own errors pass, and everything else becomes
 * an opaque INTERNAL_SERVER_ERROR (a database message can quote personal data).
 */
export function toGraphQLError(thrown: unknown): GraphQLError {
  const error = unwrapResolverError(thrown);
  if (error instanceof DomainError) return fromDomainError(error);
  if (error instanceof AuthError) {
    return new GraphQLError(error.message, { extensions: { code: error.code, http: { status: 401 } } });
  }
  if (error instanceof ArgumentValidationError) return fromValidationError(error);
  if (error instanceof GraphQLError) {
    const code = passThroughCode(error);
    if (code === 'BAD_USER_INPUT') return withoutEchoedVariable(error);
    if (code !== null) return error;
  }
  return internalError();
}

/** True when the error is a bug rather than something raised on purpose; the gateway logs those. */
export function isUnexpectedError(thrown: unknown): boolean {
  return toGraphQLError(thrown).extensions['code'] === 'INTERNAL_SERVER_ERROR';
}

/** `http` is Apollo's instruction for the response status; the others would leak internals. */
const HIDDEN_EXTENSIONS = new Set(['http', 'stacktrace', 'exception']);

/**
 * Apollo's `formatError`. Keeps `locations` and `path`, replaces message and extensions with the
 * mapped ones, and never lets a stack trace or an `exception` extension through.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const mapped = toGraphQLError(error);
  const extensions = Object.fromEntries(
    Object.entries(mapped.extensions).filter(([key]) => !HIDDEN_EXTENSIONS.has(key)),
  );
  const code = typeof extensions['code'] === 'string' ? extensions['code'] : 'INTERNAL_SERVER_ERROR';
  return {
    message: mapped.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { ...extensions, code },
  };
}
