import { MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  type FieldNode,
  type GraphQLObjectType,
  getNamedType,
  type GraphQLFieldResolver,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
// graphql-js's own field collection (the function its executor runs), so the walk below selects
// exactly what execution will: graphql is pinned, and this module is part of its published files.
import { collectSubfields } from 'graphql/execution/collectFields.js';
import type { RequestContext } from '@provision/api-core';
import { personalItemOf } from './personal-data.guard.js';
import { handleOf } from './provision-handle.js';
import { type PersonalFieldWanted, releaseAhead } from './provision-session.js';

/**
 * The personal fields the operation will resolve beneath `value`, the answer of the field `info`
 * describes: the selection walked exactly as graphql-js will execute it (fragments, aliases,
 * `@include`/`@skip` with the operation's variables, by graphql-js's `collectSubfields`), along the view objects
 * themselves. A view's fields are its own properties, so the objects walked here are the objects
 * execution will reach. Abstract types are not walked: their fields are released field by field.
 */
export function personalFieldsIn(info: GraphQLResolveInfo, value: unknown): PersonalFieldWanted[] {
  const wanted: PersonalFieldWanted[] = [];
  // Every element of a list has the same selection: collect it once per type and field nodes.
  const collected = new Map<readonly FieldNode[], Map<GraphQLObjectType, Map<string, readonly FieldNode[]>>>();
  const subfields = (type: GraphQLObjectType, fieldNodes: readonly FieldNode[]) => {
    const byType = collected.get(fieldNodes) ?? new Map<GraphQLObjectType, Map<string, readonly FieldNode[]>>();
    collected.set(fieldNodes, byType);
    const fields = byType.get(type) ?? collectSubfields(info.schema, info.fragments, info.variableValues, type, fieldNodes);
    byType.set(type, fields);
    return fields;
  };
  const visit = (type: GraphQLOutputType, node: unknown, fieldNodes: readonly FieldNode[]): void => {
    if (node === null || node === undefined) return;
    if (isNonNullType(type)) return visit(type.ofType, node, fieldNodes);
    if (isListType(type)) {
      if (Array.isArray(node)) for (const element of node) visit(type.ofType, element, fieldNodes);
      return;
    }
    if (!isObjectType(type) || typeof node !== 'object') return;
    const handle = handleOf(node);
    const definitions = type.getFields();
    for (const nodes of subfields(type, fieldNodes).values()) {
      const field = definitions[nodes[0].name.value];
      if (field === undefined) continue; // __typename
      const item = personalItemOf(field);
      if (item === null) visit(field.type, (node as Record<string, unknown>)[field.name], nodes);
      else if (handle !== null) wanted.push({ handle, item });
    }
  };
  visit(info.returnType, value, info.fieldNodes);
  return wanted;
}

/** Whether `type` or an object type reachable through its fields has a personal field. */
function reachesPersonalData(type: GraphQLNamedType, seen = new Set<GraphQLNamedType>()): boolean {
  if (!isObjectType(type) || seen.has(type)) return false;
  seen.add(type);
  return Object.values(type.getFields()).some((field) => personalItemOf(field) !== null || reachesPersonalData(getNamedType(field.type), seen));
}

/**
 * Releases a page's personal fields as soon as its query field has answered: every Query field
 * whose answer reaches views with personal fields hands, once it has resolved, all the personal
 * fields the operation selects beneath it to the request's provision session in ONE batch (one
 * decision pass, one ledger write). Execution then finds each field already decided and resolves
 * it without a promise of its own; a field the walk could not foresee is released on its own, as
 * before. Apply after {@link guardPersonalFields}, whose tags it reads.
 */
export function releasePagesAhead(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.ROOT_FIELD]: (field, _fieldName, typeName) => {
      const resolve = field.resolve;
      if (typeName !== schema.getQueryType()?.name || resolve === undefined || !reachesPersonalData(getNamedType(field.type))) return field;
      const ahead: GraphQLFieldResolver<unknown, RequestContext> = async (root, args, context, info) => {
        const value: unknown = await resolve(root, args, context, info);
        await releaseAhead(context, personalFieldsIn(info, value));
        return value;
      };
      return { ...field, resolve: ahead };
    },
  });
}
