import { Kind, type OperationDefinitionNode, parse, specifiedRules, validate } from 'graphql';
import { DEFAULT_REQUEST_LIMITS } from './config.js';
import { loadOperation, operationNames } from './operations.harness.js';
import { queryLimitOptions } from './query-limits.js';
import { buildGatewaySchema } from './schema.js';

// 400 notices of 11 fields: (2 + 1.5 × 11) × 400 = 7,400, over the default 5,000.
const FIELDS = 'id partnerCode type status createdAt attempts lastError asksDestruction acknowledgedAt destroyedAt destructionMethod';
const NOTICES_LITERAL = `{ notices(first: 400) { ${FIELDS} } }`;
const NOTICES_VARIABLE = `query Notices($n: Int) { notices(first: $n) { ${FIELDS} } }`;
const NOTICES_DEFAULT = `query Notices($n: Int = 400) { notices(first: $n) { ${FIELDS} } }`;

describe('query limits', () => {
  const { validationRules, parseOptions, assertCostWithVariables } = queryLimitOptions(DEFAULT_REQUEST_LIMITS);

  /** The MAX_COST message of an operation with these variables, or null when it fits (validation, then the variables' check). */
  async function costRefusal(text: string, variables: Record<string, unknown> = {}): Promise<string | null> {
    const schema = await buildGatewaySchema();
    const document = parse(text, parseOptions);
    const [invalid] = validate(schema, document, [...specifiedRules, ...validationRules]);
    if (invalid) return invalid.message;
    const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
    try {
      assertCostWithVariables({ schema, document, operation, variables });
      return null;
    } catch (error) {
      expect(error).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'MAX_COST', http: { status: 400 } } });
      return (error as Error).message;
    }
  }

  it.each(operationNames())('the example operation %s fits the default limits, with its variables’ defaults', async (name) => {
    expect(await costRefusal(loadOperation(name))).toBeNull();
  });

  it('counts a page size passed as a variable exactly as the same literal', async () => {
    const literal = await costRefusal(NOTICES_LITERAL);
    expect(literal).toBe('Query Cost limit of 5000 exceeded, found 7400.');
    expect(await costRefusal(NOTICES_VARIABLE, { n: 400 })).toBe(literal);
    expect(await costRefusal(NOTICES_VARIABLE, { n: 10 })).toBeNull();
  });

  it("counts a variable's default when the request omits it", async () => {
    const literal = await costRefusal(NOTICES_LITERAL);
    expect(await costRefusal(NOTICES_DEFAULT)).toBe(literal);
    expect(await costRefusal(NOTICES_DEFAULT, { n: 5 })).toBeNull();
  });

  it('counts page sizes inside fragments, for the operation the request names only', async () => {
    const text = `query A($n: Int) { ...N }
query B($n: Int) { partners { code } }
fragment N on Query { notices(first: $n) { ${FIELDS} } }`;
    const schema = await buildGatewaySchema();
    const document = parse(text);
    const [a, b] = document.definitions as OperationDefinitionNode[];
    expect(() => assertCostWithVariables({ schema, document, operation: a!, variables: { n: 400 } })).toThrow(/Query Cost limit of 5000 exceeded/);
    // Again from the document's kept verdict, and another page size worked out anew.
    expect(() => assertCostWithVariables({ schema, document, operation: a!, variables: { n: 400 } })).toThrow(/found 11103\./);
    expect(() => assertCostWithVariables({ schema, document, operation: a!, variables: { n: 10 } })).not.toThrow();
    expect(() => assertCostWithVariables({ schema, document, operation: b!, variables: { n: 400 } })).not.toThrow();
  });

  it('leaves a value that is not an integer to variable coercion (it fails there)', async () => {
    expect(await costRefusal(NOTICES_VARIABLE, { n: '400' })).toBeNull();
    expect(await costRefusal(NOTICES_VARIABLE, { n: 1e300 })).toBeNull();
  });
});
