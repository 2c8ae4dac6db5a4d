import { readFile } from 'node:fs/promises';
import { printGatewaySchema, SCHEMA_FILE } from './schema-file.js';

describe('schema/schema.graphql', () => {
  it('is the schema the code builds', async () => {
    const committed = await readFile(SCHEMA_FILE, 'utf8').catch(() => '');
    const printed = await printGatewaySchema();
    if (committed !== printed) {
      throw new Error('schema/schema.graphql differs from the schema the code builds: run `npm run schema:print`');
    }
  });
});
