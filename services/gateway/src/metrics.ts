import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** The gateway's Prometheus metrics, on a registry of its own so several gateways can coexist in tests. */
export interface GatewayMetrics {
  registry: Registry;
  httpRequests: Counter<'route' | 'status'>;
  httpDuration: Histogram<'route' | 'status'>;
  graphqlOperations: Counter<'operation_type' | 'outcome'>;
}

/** Routes get fixed labels; any other path counts as `other`, so scanners cannot blow up cardinality. */
export const KNOWN_ROUTES = ['/graphql', '/healthz', '/readyz', '/metrics', '/disclosure'] as const;

export function routeLabel(path: string): string {
  return (KNOWN_ROUTES as readonly string[]).includes(path) ? path : 'other';
}

export function createMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by route and status code.',
      labelNames: ['route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from receiving a request to finishing its response.',
      labelNames: ['route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    graphqlOperations: new Counter({
      name: 'graphql_operations_total',
      help: 'GraphQL operations executed, by operation type and outcome (success, partial, error).',
      labelNames: ['operation_type', 'outcome'],
      registers: [registry],
    }),
  };
}
