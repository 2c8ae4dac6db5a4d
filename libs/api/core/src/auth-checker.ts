import { GraphQLError } from 'graphql';
import { type AuthCheckerFn } from 'type-graphql';
import { type RequestContext } from './request-context.js';

/**
 * For an operation that either of two callers may use (e.g. the shop backend and the privacy
 * officer's console): the caller needs at least one of `scopes`; FORBIDDEN naming them otherwise.
 */
export function assertAnyScope(context: RequestContext, scopes: readonly string[]): void {
  if (!scopes.some((scope) => context.principal.scopes.has(scope))) {
    throw new GraphQLError(`missing scope ${scopes.join(' or ')}`, { extensions: { code: 'FORBIDDEN' } });
  }
}

/**
 * type-graphql's check behind `@Authorized('admin:write', …)`: the caller needs every listed scope.
 * It throws instead of returning false so the client learns which scope is missing (scope names
 * are public, unlike anything about the data) and gets the stable code FORBIDDEN.
 */
export const authChecker: AuthCheckerFn<RequestContext> = ({ context }, requiredScopes) => {
  const missing = requiredScopes.find((scope) => !context.principal.scopes.has(scope));
  if (missing !== undefined) {
    throw new GraphQLError(`missing scope ${missing}`, { extensions: { code: 'FORBIDDEN' } });
  }
  return true;
};
