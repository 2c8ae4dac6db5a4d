import { type ApolloServerOptions, type BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';
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

type QueryLimitOptions = Required<Pick<ApolloServerOptions<BaseContext>, 'validationRules' | 'parseOptions'>>;

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
  return { validationRules, parseOptions: { maxTokens: limits.maxTokens } };
}
