// Prints the gateway's GraphQL schema to schema/schema.graphql (`npm run schema:print`).
// The committed file is the public contract; services/gateway's schema test fails when it drifts.
import { writeFile } from 'node:fs/promises';
import { printGatewaySchema, SCHEMA_FILE } from '../services/gateway/src/schema-file.js';

await writeFile(SCHEMA_FILE, await printGatewaySchema());
process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
