import { readFile } from 'node:fs/promises';
import { PARTNER_SCHEMA_FILE, printGatewaySchema, printPartnerSchema, SCHEMA_FILE } from './schema-file.js';

describe.each([
  ['schema/schema.graphql', SCHEMA_FILE, printGatewaySchema],
  ['schema/partner.graphql', PARTNER_SCHEMA_FILE, printPartnerSchema],
])('%s', (name, file, print) => {
  it('is the schema the code builds', async () => {
    const committed = await readFile(file, 'utf8').catch(() => '');
    const printed = await print();
    if (committed !== printed) {
      throw new Error(`${name} differs from the schema the code builds: run \`npm run schema:print\``);
    }
  });
});
