// Prints the gateway's GraphQL schema to schema/schema.graphql and the partner contract to
// schema/partner.graphql (`npm run schema:print`). The committed files are the public contracts;
// services/gateway's schema test fails when either drifts.
import { writeFile } from 'node:fs/promises';
import { PARTNER_SCHEMA_FILE, printGatewaySchema, printPartnerSchema, SCHEMA_FILE } from '../services/gateway/src/schema-file.js';

await writeFile(SCHEMA_FILE, await printGatewaySchema());
await writeFile(PARTNER_SCHEMA_FILE, await printPartnerSchema());
process.stdout.write(`wrote ${SCHEMA_FILE} and ${PARTNER_SCHEMA_FILE}\n`);
