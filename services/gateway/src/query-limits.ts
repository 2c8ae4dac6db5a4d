import { type ApolloServerOptions, type BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type ArgumentNode,
  type DocumentNode,
  GraphQLError,
  type IntValueNode,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  validate,
  type ValidationContext,
  visit,
} from 'graphql';
import { type RequestLimits } from './config.js';

/** `extensions.limit` of an operation refused for its shape; `extensions.code` is GRAPHQL_VALIDATION_FAILED. */
export type QueryLimit = 'MAX_DEPTH' | 'MAX_ALIASES' | 'MAX_DIRECTIVES' | 'MAX_COST';

/**
 * graphql-armor reports "Syntax Error: Query depth limit of 8 exceeded, found 9." with no code of its
 * own. Reported instead into the validation context with a stable `limit` and the `max`, so a client
 * can tell which limit it hit; Apollo adds GRAPHQL_VALIDATION_FAILED and HTTP 400.
 */
function reportAs(limit: QueryLimit, max: number) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { limit, max } }));
  };
}

const rejection = (limit: QueryLimit, n: number) => ({
  exposeLimits: true,
  propagateOnRejection: false,
  onReject: [reportAs(limit, n)],
});

/** An operation as Apollo resolved it, with the variables of the request. */
export interface ResolvedOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Readonly<Record<string, unknown>>;
}

type QueryLimitOptions = Required<Pick<ApolloServerOptions<BaseContext>, 'validationRules' | 'parseOptions'>> & {
  /**
   * Throws MAX_COST (GRAPHQL_VALIDATION_FAILED, HTTP 400) when the operation, with the page sizes
   * its variables give, costs more than the limit; see {@link pageSizesInlined}. Verdicts are kept
   * per document and page sizes, so a request repeating a known operation pays one map look-up.
   */
  assertCostWithVariables: (resolved: ResolvedOperation) => void;
};

/** The arguments graphql-armor's cost multiplies a selection by, when they are literal integers. */
const PAGE_ARGUMENTS = new Set(['first', 'last']);

/** What one document's page variables cost, worked out once per document and page sizes. */
interface PagedDocument {
  /** Names of the variables passed to a page argument anywhere in the document; empty for most documents. */
  variables: readonly string[];
  /** Per operation and page sizes: the MAX_COST refusal's message and extensions, or null when it fits. */
  verdicts: Map<string, Pick<GraphQLError, 'message' | 'extensions'> | null>;
}

/** Apollo keeps one parsed document per query text, so each is examined once. */
const pagedDocuments = new WeakMap<DocumentNode, PagedDocument>();
/** Verdicts kept per document: a client trying every page size must not grow the memory without end. */
const MAX_VERDICTS = 64;

function pagedDocument(document: DocumentNode): PagedDocument {
  let paged = pagedDocuments.get(document);
  if (paged === undefined) {
    const names = new Set<string>();
    visit(document, {
      Argument(node) {
        if (PAGE_ARGUMENTS.has(node.name.value) && node.value.kind === Kind.VARIABLE) names.add(node.value.name.value);
      },
    });
    paged = { variables: [...names], verdicts: new Map() };
    pagedDocuments.set(document, paged);
  }
  return paged;
}

/**
 * The page size a variable gives: the integer the request passes, or the variable's default when it
 * passes none; undefined otherwise (a value of another type fails variable coercion anyway).
 */
function pageSize(name: string, { operation, variables }: ResolvedOperation): IntValueNode | undefined {
  const value = variables[name];
  if (typeof value === 'number' && Number.isSafeInteger(value)) return { kind: Kind.INT, value: String(value) };
  const fallback = operation.variableDefinitions?.find((definition) => definition.variable.name.value === name)?.defaultValue;
  return value === undefined && fallback?.kind === Kind.INT ? fallback : undefined;
}

/**
 * The operation (with the document's fragments) where each `first: $n` / `last: $n` is the page size
 * the variable gives: graphql-armor counts only literal page sizes, and validation (cached per
 * document) never sees variables.
 */
function pageSizesInlined(resolved: ResolvedOperation, sizes: ReadonlyMap<string, IntValueNode>): DocumentNode {
  const { document, operation } = resolved;
  const definitions = document.definitions.filter((definition) => definition === operation || definition.kind === Kind.FRAGMENT_DEFINITION);
  return visit(
    { ...document, definitions },
    {
      Argument(node): ArgumentNode | undefined {
        if (!PAGE_ARGUMENTS.has(node.name.value) || node.value.kind !== Kind.VARIABLE) return undefined;
        const size = sizes.get(node.value.name.value);
        return size === undefined ? undefined : { ...node, value: size };
      },
    },
  );
}

/**
 * Apollo options that refuse abusive operations during parsing and validation, before the context's
 * database work, any resolver or any statement.
 *
 * Tokens are limited by graphql-js's own `maxTokens` parse option (GRAPHQL_PARSE_FAILED, "Document
 * contains more than N tokens"), not graphql-armor's token plugin: that plugin throws from Apollo's
 * `parsingDidStart` hook, which Apollo Server 5 treats as an unexpected failure (HTTP 500 and an
 * error log) and which parses every document twice. Field suggestions are Apollo's
 * `hideSchemaDetailsFromClientErrors`, so armor's masking plugin is off too. With both off, armor
 * contributes validation rules only.
 */
export function queryLimitOptions(limits: RequestLimits): QueryLimitOptions {
  const { validationRules } = new ApolloArmor({
    blockFieldSuggestion: { enabled: false },
    maxTokens: { enabled: false },
    maxDepth: { ...rejection('MAX_DEPTH', limits.maxDepth), n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { ...rejection('MAX_ALIASES', limits.maxAliases), n: limits.maxAliases },
    maxDirectives: { ...rejection('MAX_DIRECTIVES', limits.maxDirectives), n: limits.maxDirectives },
    costLimit: {
      ...rejection('MAX_COST', limits.maxCost),
      maxCost: limits.maxCost,
      ignoreIntrospection: true,
      flattenFragments: true,
    },
  }).protect();
  const assertCostWithVariables = (resolved: ResolvedOperation): void => {
    const paged = pagedDocument(resolved.document);
    if (paged.variables.length === 0) return;
    const sizes = new Map<string, IntValueNode>();
    for (const name of paged.variables) {
      const size = pageSize(name, resolved);
      if (size !== undefined) sizes.set(name, size);
    }
    if (sizes.size === 0) return;
    const key = JSON.stringify([resolved.operation.name?.value ?? null, ...[...sizes].map(([name, size]) => [name, size.value])]);
    let verdict = paged.verdicts.get(key);
    if (verdict === undefined) {
      // Only graphql-armor's rules: the other limits do not depend on variables, and the document has passed them.
      const [refusal] = validate(resolved.schema, pageSizesInlined(resolved, sizes), validationRules);
      verdict = refusal === undefined ? null : { message: refusal.message, extensions: refusal.extensions };
      if (paged.verdicts.size < MAX_VERDICTS) paged.verdicts.set(key, verdict);
    }
    if (verdict === null) return;
    throw new GraphQLError(verdict.message, { extensions: { ...verdict.extensions, code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } });
  };
  return { validationRules, parseOptions: { maxTokens: limits.maxTokens }, assertCostWithVariables };
}
