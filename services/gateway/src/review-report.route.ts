import { type MikroORM } from '@mikro-orm/postgresql';
import { type RequestHandler, type Response } from 'express';
import { AuthError, type TokenVerifier } from '@provision/auth';
import { InputError, isOneOf, LANGUAGES } from '@provision/domain';
import { renderReviewReportHtml, type ReviewReportData, ReviewReportService } from '@provision/review';
import { type Logger } from '@provision/runtime';
import { type Clock } from '@provision/util';
import { authenticate, bearerOf } from './context.js';
import { requestIdOf } from './request-id.js';

export interface ReviewReportRouteDependencies {
  orm: MikroORM;
  verifier: TokenVerifier;
  clock: Clock;
  logger: Logger;
}

/** The path the report pages are served under. */
export const REVIEW_REPORT_PATH = '/admin/review-reports/:partnerCode/:month';

/** The GraphQL API's error shape, so a client reads one format everywhere. */
function fail(res: Response, status: number, code: string, message: string, field?: string): void {
  if (status === 401) res.setHeader('www-authenticate', 'Bearer');
  res.status(status).json({ errors: [{ message, extensions: field === undefined ? { code } : { code, field } }] });
}

/**
 * `GET /admin/review-reports/:partnerCode/:month[?lang=ko|en]`: a stored monthly review report as
 * an HTML page for the privacy officer (Korean by default), or as JSON with `Accept:
 * application/json`. Needs an admin token with `admin:read`, checked exactly like GraphQL's
 * (401 without a valid token, 403 without the scope); 404 when the month's report was not generated.
 */
export function reviewReportRoute({ orm, verifier, clock, logger }: ReviewReportRouteDependencies): RequestHandler {
  return async (req, res) => {
    const requestId = requestIdOf(res);
    // Personal data never appears in a report, but what partners did is confidential all the same.
    res.setHeader('cache-control', 'no-store');
    const bearer = bearerOf(req.headers.authorization);
    if (bearer === undefined) return fail(res, 401, 'UNAUTHENTICATED', 'Invalid or missing access token');
    const em = orm.em.fork();
    try {
      const principal = await authenticate(em, { verifier, clock }, bearer);
      if (!principal.scopes.has('admin:read')) return fail(res, 403, 'FORBIDDEN', 'Missing scope: admin:read');
      const lang = req.query['lang'] ?? 'ko';
      if (!isOneOf(LANGUAGES, lang)) return fail(res, 400, 'BAD_USER_INPUT', `lang must be one of ${LANGUAGES.join(', ')}`, 'lang');
      const { partnerCode = '', month = '' } = req.params as Record<string, string | undefined>;
      const stored = await new ReviewReportService(em, clock).find(partnerCode, month);
      if (!stored) return fail(res, 404, 'NOT_FOUND', 'No review report for this partner and month; generate it with generateReviewReport');
      const report = stored.report as unknown as ReviewReportData;
      const meta = { generatedAt: stored.generatedAt, generatedBy: stored.generatedBy, revision: stored.revision };
      if (req.accepts(['text/html', 'application/json']) === 'application/json') {
        res.json({ ...meta, report });
        return;
      }
      res
        .type('html')
        .setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .setHeader('x-content-type-options', 'nosniff')
        .send(renderReviewReportHtml({ ...meta, report }, lang));
    } catch (err) {
      if (err instanceof AuthError) {
        logger.info({ requestId }, 'access token refused');
        return fail(res, 401, 'UNAUTHENTICATED', 'Invalid or missing access token');
      }
      if (err instanceof InputError) return fail(res, 400, 'BAD_USER_INPUT', err.message, err.field);
      logger.error({ requestId, errorType: (err as Error)?.name }, 'could not serve a review report');
      return fail(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    }
  };
}
