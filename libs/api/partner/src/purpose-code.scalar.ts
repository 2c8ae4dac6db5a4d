import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isPurposeKey, PURPOSE_CATALOG } from '@provision/domain';

// Purpose keys are dotted (`order.delivery`), which GraphQL enum values cannot be; a scalar whose
// description lists the catalog is what IDEs and GraphQL Code Generator show instead.
const declarable = PURPOSE_CATALOG.entries()
  .filter((entry) => entry.grantable)
  .map((entry) => `\`${entry.key}\` (${entry.label.en} / ${entry.label.ko})`);

function purposeCode(value: unknown): string {
  if (typeof value === 'string' && isPurposeKey(value)) return value;
  throw new GraphQLError('not a purpose of the catalog', { extensions: { code: 'BAD_USER_INPUT' } });
}

/** A key of the purpose catalog, as a string. Its description is generated from the catalog. */
export const PurposeCodeScalar = new GraphQLScalarType({
  name: 'PurposeCode',
  description: [
    'A key of the purpose catalog, as a string; a purpose covers its children.',
    'A partner declares one per operation with @purpose(code: …), among those its agreement grants (`myProvisionScope.purposes`).',
    `Purposes an agreement may grant: ${declarable.join(', ')}.`,
  ].join(' '),
  serialize: purposeCode,
  parseValue: purposeCode,
  parseLiteral: (ast) => purposeCode(ast.kind === Kind.STRING ? ast.value : undefined),
});
