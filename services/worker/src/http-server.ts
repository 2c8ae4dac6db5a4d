import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import { listen } from '@provision/runtime';
import { withTimeout } from '@provision/util';
import type { Worker } from './worker.js';

/** The worker's own HTTP endpoint (WORKER_PORT): probes and metrics, nothing else. */
export interface WorkerHttpServer {
  /** Listens on `host:port` (0 = any free port); answers the port. */
  start(port: number, host: string): Promise<number>;
  stop(): Promise<void>;
}

const DATABASE_TIMEOUT_MS = 2_000;

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/**
 * `GET /healthz` (the process answers), `GET /readyz` (pg-boss started and the database answers
 * within 2 s; 503 with a reason otherwise, and from the moment the worker starts stopping) and
 * `GET /metrics` (Prometheus, see `createWorkerMetrics`). A failing scheduled job does not fail
 * readiness — restarting the worker would not mend it — it shows in `worker_job_failures_total`.
 */
export function createWorkerHttpServer({ worker, orm }: { worker: Worker; orm: MikroORM }): WorkerHttpServer {
  const readiness = async (): Promise<string | null> => {
    if (!worker.started) return 'job queue not started';
    try {
      await withTimeout(orm.em.fork().getConnection().execute('select 1'), DATABASE_TIMEOUT_MS);
    } catch {
      return 'database unreachable';
    }
    return null;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'method not allowed' });
    if (path === '/healthz') return json(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      const reason = await readiness();
      return reason === null ? json(res, 200, { status: 'ready' }) : json(res, 503, { status: 'not ready', reason });
    }
    if (path === '/metrics') {
      const { registry } = worker.metrics;
      const body = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType }).end(body);
      return;
    }
    json(res, 404, { error: 'not found' });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) json(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });

  return {
    start: (port, host) => listen(server, port, host),
    async stop() {
      if (!server.listening) return;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
