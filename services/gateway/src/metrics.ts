import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** The gateway's Prometheus metrics, on a registry of its own so several gateways can coexist in tests. */
export interface GatewayMetrics {
  registry: Registry;
  httpRequests: Counter<'route' | 'status'>;
  httpDuration: Histogram<'route' | 'status'>;
  graphqlOperations: Counter<'operation_type' | 'outcome'>;
  harvestAlerts: Counter<'kind'>;
}

/** Where the harvest-alert counter reads its value on each scrape. */
export type HarvestAlertTotals = () => Promise<ReadonlyMap<string, number>>;

/** Routes get fixed labels; any other path counts as `other`, so scanners cannot blow up cardinality. */
export const KNOWN_ROUTES = ['/graphql', '/healthz', '/readyz', '/metrics', '/disclosure'] as const;

export function routeLabel(path: string): string {
  return (KNOWN_ROUTES as readonly string[]).includes(path) ? path : 'other';
}

/**
 * The gateway's registry. `harvestAlertTotals` feeds `harvest_alerts_total`: alerts are raised by the
 * worker (which serves no HTTP), so the counter is read from the `harvest_alerts` table at scrape
 * time — a count of rows that are never deleted, hence a true counter, the same on every replica
 * (aggregate with `max`, not `sum`). A scrape while the database is away keeps the last value read.
 */
export function createMetrics(harvestAlertTotals?: HarvestAlertTotals): GatewayMetrics {
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
    harvestAlerts: new Counter({
      name: 'harvest_alerts_total',
      help: "Harvest alerts raised (a partner's day above its own baseline), by kind: DISTINCT_SUBJECTS, DENIAL_RATE.",
      labelNames: ['kind'],
      registers: [registry],
      async collect() {
        if (!harvestAlertTotals) return;
        let totals: ReadonlyMap<string, number>;
        try {
          totals = await harvestAlertTotals();
        } catch {
          return;
        }
        this.reset();
        for (const [kind, total] of totals) this.inc({ kind }, total);
      },
    }),
  };
}
