import { Gauge, type Registry } from 'prom-client';

/** What a pg pool tells of itself (`pg.Pool`'s counters). */
export interface PoolCounts {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

/**
 * `db_pool_connections{pool, state}` (in_use, idle) and `db_pool_waiting_requests{pool}`, read from
 * each named pool at scrape time. `pools` answers null for a pool not opened yet: its series read 0.
 */
export function registerPoolMetrics(registry: Registry, pools: Record<string, () => PoolCounts | null>): void {
  const names = Object.keys(pools);
  new Gauge({
    name: 'db_pool_connections',
    help: 'Connections of a database pool, by pool and state (in_use: lent to a request or job; idle).',
    labelNames: ['pool', 'state'],
    registers: [registry],
    collect() {
      for (const name of names) {
        const pool = pools[name]?.();
        this.set({ pool: name, state: 'in_use' }, pool ? pool.totalCount - pool.idleCount : 0);
        this.set({ pool: name, state: 'idle' }, pool?.idleCount ?? 0);
      }
    },
  });
  new Gauge({
    name: 'db_pool_waiting_requests',
    help: 'Requests (or jobs) waiting for a connection of a database pool, by pool.',
    labelNames: ['pool'],
    registers: [registry],
    collect() {
      for (const name of names) this.set({ pool: name }, pools[name]?.()?.waitingCount ?? 0);
    },
  });
}
