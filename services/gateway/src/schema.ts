import 'reflect-metadata';
import { type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { adminResolvers } from '@provision/api-admin';
import { authChecker, scalarsMap } from '@provision/api-core';

let built: Promise<GraphQLSchema> | undefined;

/**
 * The gateway's one schema, from the resolvers of every api lib. Built once per process: the
 * metadata it reads is global to type-graphql anyway.
 */
export function buildGatewaySchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [...adminResolvers],
    authChecker,
    scalarsMap,
    validate: true,
    emitSchemaFile: false,
  });
  return built;
}
