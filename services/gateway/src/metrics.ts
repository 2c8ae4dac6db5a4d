import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { type ProvisionObserver } from '@provision/api-partner';
import { DENIAL_REASONS } from '@provision/domain';
import { type PoolCounts, registerPoolMetrics } from '@provision/runtime';

/** The gateway's Prometheus metrics, on a registry of its own so several gateways can coexist in tests. */
export interface GatewayMetrics {
  registry: Registry;
  httpRequests: Counter<'route' | 'status'>;
  httpDuration: Histogram<'route' | 'status'>;
  graphqlOperations: Counter<'operation_type' | 'outcome'>;
  harvestAlerts: Counter<'kind'>;
  /** Personal fields released to partners, by partner code and item. */
  releases: Counter<'partner' | 'item'>;
  /** Personal fields withheld from partners, by partner code, item and reason. */
  denials: Counter<'partner' | 'item' | 'reason'>;
  /** The same denials by reason alone, every reason there from the start at 0. */
  denialReasons: Counter<'reason'>;
  /** Partner requests refused with RATE_LIMITED, by partner code. */
  rateLimited: Counter<'partner'>;
  /** Ledger writes before a response leaves, by actor kind (partner, admin). */
  ledgerWriteDuration: Histogram<'actor'>;
  /** Ledger writes that failed (the response was withheld), by actor kind. */
  ledgerWriteFailures: Counter<'actor'>;
  /** The partner API's hook into the counters above. */
  observer: ProvisionObserver;
}

/** Whose ledger chain a write goes to: the label values of the ledger metrics. */
const LEDGER_ACTORS = ['partner', 'admin'] as const;

/** What the metrics read at scrape time. */
export interface MetricsSources {
  harvestAlertTotals?: HarvestAlertTotals;
  /** The request pool, for the pool gauges; null until it is opened. */
  requestPool?: () => PoolCounts | null;
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
 * worker, so the counter is read from the `harvest_alerts` table at scrape time — a count of rows
 * that are never deleted, hence a true counter, the same on every replica (aggregate with `max`, not
 * `sum`). A scrape while the database is away keeps the last value read. Every other counter is this
 * process's own (aggregate with `sum`). Label values are partner codes, items, reasons and fixed
 * words: a bounded set, never personal data.
 */
export function createMetrics({ harvestAlertTotals, requestPool }: MetricsSources = {}): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  registerPoolMetrics(registry, { request: requestPool ?? (() => null) });
  const releases = new Counter({
    name: 'provision_releases_total',
    help: 'Personal fields released to partners, by partner code and item.',
    labelNames: ['partner', 'item'],
    registers: [registry],
  });
  const denials = new Counter({
    name: 'provision_denials_total',
    help: 'Personal fields withheld from partners (PROVISION_DENIED), by partner code, item and reason.',
    labelNames: ['partner', 'item', 'reason'],
    registers: [registry],
  });
  const denialReasons = new Counter({
    name: 'provision_denial_reasons_total',
    help: 'Personal fields withheld from partners, by reason alone (every reason present from the start).',
    labelNames: ['reason'],
    registers: [registry],
  });
  for (const reason of DENIAL_REASONS) denialReasons.inc({ reason }, 0);
  const ledgerWriteDuration = new Histogram({
    name: 'ledger_write_duration_seconds',
    help: "Time to append a request's (or, for partners, a batch's) decisions to the provision ledger, by actor kind.",
    labelNames: ['actor'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const ledgerWriteFailures = new Counter({
    name: 'ledger_write_failures_total',
    help: 'Provision ledger writes that failed, so the response was withheld, by actor kind.',
    labelNames: ['actor'],
    registers: [registry],
  });
  for (const actor of LEDGER_ACTORS) {
    ledgerWriteFailures.inc({ actor }, 0);
    ledgerWriteDuration.zero({ actor });
  }
  return {
    releases,
    denials,
    denialReasons,
    ledgerWriteDuration,
    ledgerWriteFailures,
    rateLimited: new Counter({
      name: 'partner_rate_limited_total',
      help: 'Partner requests refused with RATE_LIMITED (HTTP 429), by partner code.',
      labelNames: ['partner'],
      registers: [registry],
    }),
    observer: {
      decided(partner, item, reason, fields) {
        if (reason === null) {
          releases.inc({ partner, item }, fields);
          return;
        }
        denials.inc({ partner, item, reason }, fields);
        denialReasons.inc({ reason }, fields);
      },
      ledgerWritten(seconds, stored) {
        ledgerWriteDuration.observe({ actor: 'partner' }, seconds);
        if (!stored) ledgerWriteFailures.inc({ actor: 'partner' });
      },
    },
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
