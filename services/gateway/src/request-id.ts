import { randomUUID } from 'node:crypto';
import { type NextFunction, type Request, type Response } from 'express';
import { withLogContext } from '@provision/runtime';
import { parseTraceparent } from './traceparent.js';

/** Request ids from a proxy are reused when they look like ids, so logs can be joined across hops. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export const REQUEST_ID_HEADER = 'x-request-id';

/** Express middleware: adopt or make the request id, echo it, and keep it for the rest of the request. */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const offered = req.get(REQUEST_ID_HEADER);
  const requestId = offered !== undefined && SANE_REQUEST_ID.test(offered) ? offered : randomUUID();
  res.locals['requestId'] = requestId;
  res.setHeader(REQUEST_ID_HEADER, requestId);
  next();
}

export function requestIdOf(res: Response): string {
  const requestId: unknown = res.locals['requestId'];
  return typeof requestId === 'string' ? requestId : randomUUID();
}

/**
 * Express middleware, after {@link requestIdMiddleware}: the rest of the request runs in a log
 * context, so every line it writes carries the request id and, when the caller sent a valid W3C
 * `traceparent`, its trace and parent span ids (an invalid header is ignored, never logged).
 * The GraphQL layer adds the client id and operation name once it knows them.
 */
export function requestLogContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const trace = parseTraceparent(req.get('traceparent'));
  withLogContext({ requestId: requestIdOf(res), ...trace }, next);
}
