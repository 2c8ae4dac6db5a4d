import { GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import { isPurposeKey } from '@provision/domain';
import { declaredPurposes } from './directives.js';
import { type Principal } from './request-context.js';

function refuse(code: 'PURPOSE_REQUIRED' | 'BAD_USER_INPUT', message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, field: 'purpose', http: { status: 400 } } });
}

/**
 * Whether a query selects only `purposeFree` root fields (and `__typename`), spelled as plain
 * fields: a fragment at the root counts as needing a purpose, so the check fails closed.
 */
function selectsOnly(operation: OperationDefinitionNode, purposeFree: ReadonlySet<string>): boolean {
  return (
    operation.operation === 'query' &&
    operation.selectionSet.selections.every(
      (selection) => selection.kind === Kind.FIELD && (purposeFree.has(selection.name.value) || selection.name.value === '__typename'),
    )
  );
}

/**
 * The purpose an operation declares, checked before anything executes: a partner must declare
 * exactly one known purpose, or the whole operation is refused with no data at all — unless it is
 * a query of `purposeFree` root fields only (discovery, which releases no personal data). The shop
 * backend and admins need none, but what they declare must still be a known purpose.
 */
export function operationPurpose(
  principal: Principal,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> = {},
  purposeFree: ReadonlySet<string> = new Set(),
): string | null {
  const purposes = declaredPurposes(operation, variables);
  if (purposes.length === 0) {
    if (principal.kind === 'PARTNER' && !selectsOnly(operation, purposeFree)) {
      throw refuse('PURPOSE_REQUIRED', 'a partner operation must declare its purpose: @purpose(code: "…")');
    }
    return null;
  }
  if (purposes.length > 1) throw refuse('BAD_USER_INPUT', 'an operation declares exactly one purpose');
  const [code] = purposes;
  if (code === null || code === undefined || !isPurposeKey(code)) {
    throw refuse('BAD_USER_INPUT', 'unknown purpose: myProvisionScope { purposes } lists those you may declare');
  }
  return code;
}
