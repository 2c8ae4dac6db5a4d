import { GraphQLDateTimeISO } from 'graphql-scalars';
import { type BuildSchemaOptions } from 'type-graphql';

/** Every `Date` in the schema is an ISO-8601 date-time with offset (`2026-03-01T12:00:00.000Z`). */
export const DateTimeScalar = GraphQLDateTimeISO;

/** Pass to `buildSchema({ scalarsMap })` so every api lib maps `Date` the same way. */
export const scalarsMap: NonNullable<BuildSchemaOptions['scalarsMap']> = [{ type: Date, scalar: GraphQLDateTimeISO }];
