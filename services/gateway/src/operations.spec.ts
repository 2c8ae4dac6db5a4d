import { parse, validate } from 'graphql';
import { buildGatewaySchema } from './schema.js';
import { loadOperation, operationNames } from './operations.harness.js';

describe('schema/operations', () => {
  const names = operationNames();

  it('has the admin examples', () => {
    expect(names).toEqual(
      expect.arrayContaining(['admin/partners', 'admin/register-partner', 'admin/publish-agreement', 'admin/terminate-partner']),
    );
  });

  it.each(names)('%s is valid against the schema the code builds', async (name) => {
    const errors = validate(await buildGatewaySchema(), parse(loadOperation(name)));
    expect(errors.map((error) => error.message)).toEqual([]);
  });
});
