import { fileURLToPath } from 'node:url';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { buildGatewaySchema } from './schema.js';

/** The committed SDL (`schema/schema.graphql` at the repository root). */
export const SCHEMA_FILE = fileURLToPath(new URL('../../../schema/schema.graphql', import.meta.url));

/**
 * The SDL as committed: graphql's own `printSchema` drops applied directives (`@personal`, later),
 * so the graphql-tools printer is used.
 */
export async function printGatewaySchema(): Promise<string> {
  return `${printSchemaWithDirectives(await buildGatewaySchema())}\n`;
}
