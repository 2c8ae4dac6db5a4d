// Prints the gateway's GraphQL schema to schema/schema.graphql, the partner contract to
// schema/partner.graphql and the partner sandbox's requests to schema/operations/partner/partner.http
// (`npm run schema:print`). The committed files are the public contracts; services/gateway's
// schema and sandbox tests fail when one drifts.
import { writeFile } from 'node:fs/promises';
import { PARTNER_HTTP_FILE, printPartnerHttp } from '../services/gateway/src/partner-sandbox.js';
import { PARTNER_SCHEMA_FILE, printGatewaySchema, printPartnerSchema, SCHEMA_FILE } from '../services/gateway/src/schema-file.js';

await writeFile(SCHEMA_FILE, await printGatewaySchema());
await writeFile(PARTNER_SCHEMA_FILE, await printPartnerSchema());
await writeFile(PARTNER_HTTP_FILE, printPartnerHttp());
process.stdout.write(`wrote ${SCHEMA_FILE}, ${PARTNER_SCHEMA_FILE} and ${PARTNER_HTTP_FILE}\n`);
