import 'reflect-metadata';
import { type GraphQLSchema, specifiedDirectives } from 'graphql';
import { buildSchema } from 'type-graphql';
import { adminResolvers } from '@provision/api-admin';
import { authChecker, personalDirective, purposeDirective, scalarsMap } from '@provision/api-core';
import { partnerResolvers, personalDataGuard } from '@provision/api-partner';
import { shopResolvers } from '@provision/api-shop';

let built: Promise<GraphQLSchema> | undefined;

/**
 * The gateway's one schema, from the resolvers of every api lib. Built once per process: the
 * metadata it reads is global to type-graphql anyway.
 */
export function buildGatewaySchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [...adminResolvers, ...partnerResolvers, ...shopResolvers],
    directives: [...specifiedDirectives, purposeDirective, personalDirective],
    // The only way a `@personal` field gets a value (see personalDataGuard).
    globalMiddlewares: [personalDataGuard],
    authChecker,
    scalarsMap,
    validate: true,
    emitSchemaFile: false,
  });
  return built;
}
