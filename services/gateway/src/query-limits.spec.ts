import { parse, specifiedRules, validate } from 'graphql';
import { DEFAULT_REQUEST_LIMITS } from './config.js';
import { loadOperation, operationNames } from './operations.harness.js';
import { queryLimitOptions } from './query-limits.js';
import { buildGatewaySchema } from './schema.js';

describe('query limits', () => {
  it.each(operationNames())('the example operation %s fits the default limits', async (name) => {
    const { validationRules, parseOptions } = queryLimitOptions(DEFAULT_REQUEST_LIMITS);
    const errors = validate(await buildGatewaySchema(), parse(loadOperation(name), parseOptions), [...specifiedRules, ...validationRules]);
    expect(errors.map((error) => error.message)).toEqual([]);
  });
});
