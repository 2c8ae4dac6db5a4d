import { fileURLToPath } from 'node:url';
import { filterSchema, printSchemaWithDirectives, pruneSchema } from '@graphql-tools/utils';
import { type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { buildGatewaySchema } from './schema.js';

/** The committed SDL (`schema/schema.graphql` at the repository root). */
export const SCHEMA_FILE = fileURLToPath(new URL('../../../schema/schema.graphql', import.meta.url));

/** The partner contract (`schema/partner.graphql`): only what a partner token can call. */
export const PARTNER_SCHEMA_FILE = fileURLToPath(new URL('../../../schema/partner.graphql', import.meta.url));

/**
 * The SDL as committed: graphql's own `printSchema` drops applied directives (`@personal`, later),
 * so the graphql-tools printer is used.
 */
export async function printGatewaySchema(): Promise<string> {
  return `${printSchemaWithDirectives(await buildGatewaySchema())}\n`;
}

/**
 * Root fields a partner token can call: those whose `@Authorized` scopes are all `partner:*`.
 * Read from type-graphql's own metadata, so a new partner operation joins the contract by its
 * scope alone, and an admin or shop operation can never slip into it.
 */
function partnerRootFields(): Set<string> {
  const { queries, mutations } = getMetadataStorage();
  return new Set(
    [...queries, ...mutations]
      .filter(({ roles }) => roles !== undefined && roles.length > 0 && roles.every((role) => String(role).startsWith('partner:')))
      .map(({ schemaName }) => schemaName),
  );
}

/** The gateway's schema cut down to the partner's root fields and the types they reach. */
export async function buildPartnerSchema(): Promise<GraphQLSchema> {
  const schema = await buildGatewaySchema();
  const reachable = partnerRootFields();
  return pruneSchema(filterSchema({ schema, rootFieldFilter: (_operation, fieldName) => reachable.has(fieldName) }));
}

/** The partner contract as committed: the SDL of `buildPartnerSchema`. */
export async function printPartnerSchema(): Promise<string> {
  return `${printSchemaWithDirectives(await buildPartnerSchema())}\n`;
}
