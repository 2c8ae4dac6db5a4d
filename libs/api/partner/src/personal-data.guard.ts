import { getDirective } from '@graphql-tools/utils';
import { GraphQLError, type GraphQLField, type GraphQLResolveInfo } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import { personalDirective, type RequestContext } from '@provision/api-core';
import { handleOf } from './provision-handle.js';
import { provisionSession } from './provision-session.js';

const itemsByField = new WeakMap<GraphQLField<unknown, unknown>, string | null>();

/** The item a field's `@personal` tag names, or null; read once per field definition. */
function personalItemOf(info: GraphQLResolveInfo): string | null {
  const field = info.parentType.getFields()[info.fieldName];
  if (!field) return null;
  let item = itemsByField.get(field);
  if (item === undefined) {
    const tag = getDirective(info.schema, field, personalDirective.name)?.[0] as { item?: unknown } | undefined;
    item = typeof tag?.item === 'string' ? tag.item : null;
    itemsByField.set(field, item);
  }
  return item;
}

/**
 * Global middleware: the only way a `@personal` field gets a value. It runs the decision for the
 * field's item, the subject behind its view and the operation's purpose; records the outcome in
 * the request's ledger; and returns the value only when released. A denial is a `PROVISION_DENIED`
 * error at the field's path with the reason, item and purpose — the field is null, its siblings
 * resolve. Everything else fails closed: a personal field without a provision handle or without a
 * declared purpose is an error, never a value.
 */
export const personalDataGuard: MiddlewareFn<RequestContext> = async ({ root, context, info }, next) => {
  const item = personalItemOf(info);
  if (item === null) return next();
  const handle = handleOf(root);
  if (handle === null) throw new Error(`personal field ${info.parentType.name}.${info.fieldName} has no provision handle`);
  const purpose = context.purpose;
  if (purpose === null) {
    throw new GraphQLError('a partner operation must declare its purpose', { extensions: { code: 'PURPOSE_REQUIRED' } });
  }
  const { decision, value } = await provisionSession(context).decide(handle, item, purpose);
  context.ledger.record({
    purpose,
    subjectId: handle.dataSubjectId,
    orderId: handle.orderId,
    item,
    denied: decision.release ? null : decision.reason,
  });
  if (!decision.release) {
    throw new GraphQLError(`${item} is not provided for ${purpose}: ${decision.reason}`, {
      extensions: { code: 'PROVISION_DENIED', reason: decision.reason, item, purpose },
    });
  }
  return value;
};
