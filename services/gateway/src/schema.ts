import 'reflect-metadata';
import { type GraphQLSchema, specifiedDirectives } from 'graphql';
import { buildSchema } from 'type-graphql';
import { adminResolvers } from '@provision/api-admin';
import { authChecker, personalDirective, purposeDirective, scalarsMap, validateArgument } from '@provision/api-core';
import { guardPersonalFields, partnerResolvers, releasePagesAhead, releasePersonalField } from '@provision/api-partner';
import { shopResolvers } from '@provision/api-shop';

let built: Promise<GraphQLSchema> | undefined;
let guarded: Promise<GraphQLSchema> | undefined;

/**
 * The schema of every api lib's resolvers, with nothing installed on its `@personal` fields yet.
 * Built once per process: the metadata it reads is global to type-graphql anyway.
 */
export function buildResolverSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [...adminResolvers, ...partnerResolvers, ...shopResolvers],
    directives: [...specifiedDirectives, purposeDirective, personalDirective],
    authChecker,
    scalarsMap,
    validateFn: validateArgument,
    emitSchemaFile: false,
  });
  return built;
}

/**
 * The gateway's one schema: every `@personal` field is released only by `releasePersonalField`,
 * a page's all at once as soon as the page has been read (`releasePagesAhead`).
 */
export function buildGatewaySchema(): Promise<GraphQLSchema> {
  guarded ??= buildResolverSchema().then((schema) => releasePagesAhead(guardPersonalFields(schema, releasePersonalField)));
  return guarded;
}
