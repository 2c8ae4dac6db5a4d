import { type Server, type ServerResponse } from 'node:http';
import { type RequestHandler } from 'express';

/** How the gateway stops (README, "Probes and signals"). */
export interface ShutdownOptions {
  /**
   * How long, once asked to stop, the gateway keeps its listener open while `/readyz` answers 503
   * and every new request is refused with 503 and `Connection: close`, so that a load balancer takes
   * it out of rotation and clients move their keep-alive connections elsewhere without a reset.
   */
  drainDelayMs: number;
  /** How long requests in flight then have to finish before their connections are closed. */
  graceMs: number;
}

/** Paths a prober or scraper still gets an answer on while draining (readiness answers 503 itself). */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The gateway's shutdown sequence, in this order: `begin()` — readiness fails and new work is
 * refused (`503 SERVICE_UNAVAILABLE`, `Connection: close`, `Retry-After`), responses still to be
 * sent close their connection; the drain delay; `finish()` — the listener closes, idle connections
 * close, requests in flight finish (up to the grace period), the remaining connections close. Only
 * then may the caller stop Apollo and close the database pool: no request runs after that.
 */
export interface Drain {
  /** Express middleware: refuses new work once draining began, and counts what is in flight. */
  middleware: RequestHandler;
  /** Whether `begin()` was called. */
  readonly draining: boolean;
  begin(): void;
  /** Closes the listener and waits for in-flight requests (bounded); resolves with how many were cut off. */
  finish(server: Server, graceMs: number): Promise<number>;
}

export function createDrain(): Drain {
  let draining = false;
  const inFlight = new Set<ServerResponse>();
  let onIdle: (() => void) | null = null;

  const closeAfterResponse = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('connection', 'close');
  };

  return {
    get draining() {
      return draining;
    },

    middleware(req, res, next) {
      if (draining) {
        closeAfterResponse(res);
        if (!PROBES.has(req.path)) {
          res.setHeader('retry-after', '1');
          res.status(503).json({ errors: [{ message: 'Shutting down: retry on another instance', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
          return;
        }
      }
      inFlight.add(res);
      // 'close' comes after the response is sent, and also when the client went away first.
      res.once('close', () => {
        inFlight.delete(res);
        if (inFlight.size === 0) onIdle?.();
      });
      next();
    },

    begin() {
      draining = true;
      for (const res of inFlight) closeAfterResponse(res);
    },

    async finish(server, graceMs) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive connections would otherwise keep the server open; busy ones close after
      // their response, which carries `Connection: close`.
      server.closeIdleConnections();
      if (inFlight.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((resolve) => {
            onIdle = resolve;
          }),
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, graceMs);
          }),
        ]);
        clearTimeout(timer);
      }
      const cutOff = inFlight.size;
      server.closeAllConnections();
      await closed;
      return cutOff;
    },
  };
}
