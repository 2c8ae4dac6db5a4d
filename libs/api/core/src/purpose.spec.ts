import { parse, type OperationDefinitionNode } from 'graphql';
import type { Principal } from './request-context.js';
import { operationPurpose } from './purpose.js';

const principal = (kind: Principal['kind']): Principal => ({
  clientId: 'c',
  kind,
  partnerId: kind === 'PARTNER' ? 'p' : null,
  scopes: new Set(),
  tokenId: null,
  person: null,
});
const operation = (text: string) => parse(text).definitions[0] as OperationDefinitionNode;
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { extensions?: Record<string, unknown> }).extensions?.['code'];
  }
  return 'none';
};

describe('operationPurpose', () => {
  it('returns the one declared purpose, as a literal or a variable', () => {
    expect(operationPurpose(principal('PARTNER'), operation('query @purpose(code: "order.delivery") { a }'))).toBe('order.delivery');
    expect(
      operationPurpose(principal('PARTNER'), operation('query ($p: String!) @purpose(code: $p) { a }'), { p: 'customs.clearance' }),
    ).toBe('customs.clearance');
  });

  it('requires a purpose from partners only', () => {
    expect(codeOf(() => operationPurpose(principal('PARTNER'), operation('{ a }')))).toBe('PURPOSE_REQUIRED');
    expect(operationPurpose(principal('ADMIN'), operation('{ a }'))).toBeNull();
    expect(operationPurpose(principal('SHOP'), operation('mutation { a }'))).toBeNull();
  });

  it('lets a partner query only purpose-free root fields without a purpose, and nothing more', () => {
    const free = new Set(['scope']);
    expect(operationPurpose(principal('PARTNER'), operation('{ scope { a } __typename }'), {}, free)).toBeNull();
    expect(operationPurpose(principal('PARTNER'), operation('query @purpose(code: "order") { scope { a } }'), {}, free)).toBe('order');
    expect(codeOf(() => operationPurpose(principal('PARTNER'), operation('{ scope { a } orders { a } }'), {}, free))).toBe('PURPOSE_REQUIRED');
    expect(codeOf(() => operationPurpose(principal('PARTNER'), operation('{ ... on Query { scope { a } } }'), {}, free))).toBe(
      'PURPOSE_REQUIRED',
    );
    expect(codeOf(() => operationPurpose(principal('PARTNER'), operation('mutation { scope }'), {}, free))).toBe('PURPOSE_REQUIRED');
  });

  it('refuses two purposes and unknown ones, for every caller', () => {
    const two = operation('query @purpose(code: "order") @purpose(code: "order.delivery") { a }');
    expect(codeOf(() => operationPurpose(principal('PARTNER'), two))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => operationPurpose(principal('PARTNER'), operation('query @purpose(code: "marketing") { a }')))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => operationPurpose(principal('ADMIN'), operation('query @purpose(code: "order.") { a }')))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => operationPurpose(principal('PARTNER'), operation('query ($p: String) @purpose(code: $p) { a }'), {}))).toBe(
      'BAD_USER_INPUT',
    );
  });
});
