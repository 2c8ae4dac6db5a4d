import {
  DirectiveLocation,
  GraphQLDirective,
  GraphQLNonNull,
  GraphQLString,
  Kind,
  type OperationDefinitionNode,
} from 'graphql';

/**
 * `query SellerOrders @purpose(code: "order.delivery") { … }` — the one purpose a partner operation
 * declares (DESIGN.md, "The decision"). Declared repeatable only so that a second `@purpose` reaches
 * the gateway's own check and is refused with BAD_USER_INPUT and a clear message, instead of
 * graphql-js's generic validation error.
 */
export const purposeDirective = new GraphQLDirective({
  name: 'purpose',
  description:
    'The purpose of this operation, a key of the purpose catalog (e.g. `order.delivery`). Required exactly once on every partner operation.',
  locations: [DirectiveLocation.QUERY, DirectiveLocation.MUTATION],
  isRepeatable: true,
  args: { code: { type: new GraphQLNonNull(GraphQLString) } },
});

/** `@personal(item: "receiver.address")` — marks a field that carries one personal item. */
export const personalDirective = new GraphQLDirective({
  name: 'personal',
  description:
    'This field carries personal data of the named item. It is released only when agreement, consent, window and scope allow; otherwise it is null with a PROVISION_DENIED error.',
  locations: [DirectiveLocation.FIELD_DEFINITION],
  args: { item: { type: new GraphQLNonNull(GraphQLString) } },
});

/**
 * The `code` of every `@purpose` on the operation, in order. A code given as a variable is read
 * from the request's variables; anything that is not a string comes back as null.
 */
export function declaredPurposes(
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> = {},
): (string | null)[] {
  return (operation.directives ?? [])
    .filter((directive) => directive.name.value === purposeDirective.name)
    .map((directive) => {
      const code = directive.arguments?.find((argument) => argument.name.value === 'code')?.value;
      if (code?.kind === Kind.STRING) return code.value;
      if (code?.kind === Kind.VARIABLE) {
        const value = variables[code.name.value];
        return typeof value === 'string' ? value : null;
      }
      return null;
    });
}
