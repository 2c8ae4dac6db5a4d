import { getDirective, MapperKind, mapSchema } from '@graphql-tools/utils';
import { GraphQLError, type GraphQLField, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { personalDirective, type RequestContext } from '@provision/api-core';
import { handleOf, type ProvisionHandle } from './provision-handle.js';
import { provisionSession } from './provision-session.js';

/** What fills one `@personal` field: the view's handle, the field's item, the request. */
export type PersonalFieldResolver = (handle: ProvisionHandle, item: string, context: RequestContext, info: GraphQLResolveInfo) => unknown;

/** The extension under which a guarded field names its item (see {@link personalItemOf}). */
const PERSONAL_ITEM = 'personalItem';

/** The item of a field the guard installed a release on, or null for any other field. */
export function personalItemOf(field: GraphQLField<unknown, unknown>): string | null {
  const item = field.extensions[PERSONAL_ITEM];
  return typeof item === 'string' ? item : null;
}

/**
 * Installs `resolve` on every field tagged `@personal(item: …)`, and on nothing else: the only way
 * such a field gets a value. Other fields keep graphql-js's default resolver and cost nothing here.
 * Fails closed: a personal field whose parent carries no provision handle is an error, never a value.
 */
export function guardPersonalFields(schema: GraphQLSchema, resolve: PersonalFieldResolver): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const tag = getDirective(schema, field, personalDirective.name)?.[0] as { item?: unknown } | undefined;
      if (typeof tag?.item !== 'string') return field;
      const item = tag.item;
      return {
        ...field,
        extensions: { ...field.extensions, [PERSONAL_ITEM]: item },
        resolve: (root: unknown, _args: unknown, context: RequestContext, info: GraphQLResolveInfo) => {
          const handle = handleOf(root);
          if (handle === null) throw new Error(`personal field ${typeName}.${fieldName} has no provision handle`);
          return resolve(handle, item, context, info);
        },
      };
    },
  });
}

/**
 * The partner API's personal fields: released by the request's provision session (decision,
 * ledger, ceiling and rate debit; see `ProvisionSession`), or null with a `PROVISION_DENIED` error
 * at the field's path — the field is null, its siblings resolve. An operation without a declared
 * purpose gets no value at all.
 */
export const releasePersonalField: PersonalFieldResolver = (handle, item, context) => {
  const purpose = context.purpose;
  if (purpose === null) {
    throw new GraphQLError('a partner operation must declare its purpose', { extensions: { code: 'PURPOSE_REQUIRED' } });
  }
  return provisionSession(context).release(handle, item, purpose);
};
