import { type MikroORM } from '@mikro-orm/postgresql';
import express, { type Request, type Response, type Router } from 'express';
import { GraphQLError } from 'graphql';
import { InputError } from '@provision/domain';
import {
  annualNoticeText,
  assertShopSubjectId,
  buildBreachScope,
  buildConsentReceipts,
  buildDisclosureTables,
  buildStatutoryRegister,
  buildSubjectReport,
  disclosureHtml,
  disclosureMarkdown,
  findAnnualNotice,
  formatOf,
  languageOf,
  PAGE_CSP,
  parseBreachFilter,
  parseAsOf,
  statutoryRegisterCsv,
  parseNoticeYear,
  subjectReportHtml,
} from '@provision/reports';
import { renderReviewReportHtml, type ReviewReportData, ReviewReportService } from '@provision/review';
import { type ReceiptController } from '@provision/reports';
import { type Clock } from '@provision/util';
import { type createContextFunction, type GatewayContext } from './context.js';

export interface ReportRoutesDependencies {
  orm: MikroORM;
  clock: Clock;
  /** The gateway's one way of turning a bearer token into a principal (context.ts). */
  authenticate: ReturnType<typeof createContextFunction>;
  /** The shop as controller, named in consent receipts; null: not configured (receipts answer 503). */
  piiController: ReceiptController | null;
}

/** How long a disclosure page may be cached: a published change shows within five minutes. */
const DISCLOSURE_MAX_AGE_SECONDS = 300;

function fail(res: Response, status: number, code: string, message: string, extra: Record<string, unknown> = {}): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...extra } }] });
}

function badInput(res: Response, error: InputError): void {
  fail(res, 400, 'BAD_USER_INPUT', `${error.field} ${error.message}`, { field: error.field });
}

/** The request's principal, or an answer already sent (401 without a valid token, 403 without `scope`). */
async function authorize(
  authenticate: ReportRoutesDependencies['authenticate'],
  req: Request,
  res: Response,
  scope: string,
): Promise<GatewayContext | null> {
  let ctx: GatewayContext;
  try {
    ctx = await authenticate({ req, res });
    await ctx.authenticate();
  } catch (error) {
    const code = error instanceof GraphQLError ? error.extensions['code'] : undefined;
    if (code !== 'UNAUTHENTICATED') throw error;
    res.setHeader('www-authenticate', 'Bearer');
    fail(res, 401, 'UNAUTHENTICATED', 'Invalid or missing access token');
    return null;
  }
  if (!ctx.principal.scopes.has(scope)) {
    fail(res, 403, 'FORBIDDEN', `missing scope ${scope}`);
    return null;
  }
  return ctx;
}

/** A route's request: its path parameters are named segments (no wildcards), each one string. */
type RouteRequest = Request<Record<string, string>>;

/** `handle`, with a malformed input answered 400 BAD_USER_INPUT naming its field. */
function answering(handle: (req: RouteRequest, res: Response) => Promise<void>) {
  return async (req: RouteRequest, res: Response): Promise<void> => {
    try {
      await handle(req, res);
    } catch (error) {
      if (error instanceof InputError) return badInput(res, error);
      throw error;
    }
  };
}

function sendHtml(res: Response, text: string): void {
  res.setHeader('content-security-policy', PAGE_CSP);
  res.setHeader('x-content-type-options', 'nosniff');
  res.type('html').send(text);
}

/**
 * The report and disclosure endpoints beside `/graphql`: one builder per document in
 * `@provision/reports` feeds GraphQL, JSON and HTML alike.
 *
 * - `GET /subjects/:shopSubjectId/provision-report` — the shop backend (bearer token, `shop:read`)
 *   fetches a subject's report as a JSON download or an HTML page (`?lang=ko|en`).
 * - `GET /admin/review-reports/:partnerCode/:month` — a stored monthly access review for the privacy
 *   officer (bearer token, `admin:read`) as an HTML page (`?lang=ko|en`) or JSON; 404 when that
 *   month's report was not generated.
 * - `GET /admin/subjects/:shopSubjectId/consent-receipts` — the subject's consents as Kantara Consent
 *   Receipts v1.1 (JSON array, `?lang=ko|en`) for the privacy officer (bearer token, `admin:read`).
 * - `GET /admin/subjects/:shopSubjectId/annual-notice?year=` — the subject's annual provision notice
 *   (PIPA Art. 20-2) for that Seoul year as the worker produced it (`admin:read`): JSON with the
 *   Korean and English texts, or one text (`?format=text` or `Accept: text/plain`, `?lang=ko|en`);
 *   404 when none was produced.
 * - `GET /admin/breach-scope?partner=&clientId=&jti=&from=&to=` — which subjects and items the
 *   matching releases carried (from the ledger), the Art. 34 regulator test and a notice draft (`admin:read`).
 * - `GET /admin/statutory-disclosures?format=json|csv&lang=ko|en` — the register of statutory
 *   disclosures (PIPA Art. 18(4)) for the privacy officer (`admin:read`): JSON by default, or CSV
 *   with headers in the language asked for; never the values released.
 * - `GET /disclosure` — public, no token: the recipients and consignees tables as HTML, JSON or
 *   Markdown, as in force now or `?asOf=`.
 */
export function reportRoutes({ orm, clock, authenticate, piiController }: ReportRoutesDependencies): Router {
  const router = express.Router();

  /** `handle` for a caller whose token carries `scope` (401 or 403 otherwise); never cached. */
  const authorized = (scope: string, handle: (req: RouteRequest, res: Response, ctx: GatewayContext) => Promise<void>) =>
    answering(async (req, res) => {
      const ctx = await authorize(authenticate, req, res, scope);
      if (ctx === null) return;
      res.setHeader('cache-control', 'no-store');
      await handle(req, res, ctx);
    });

  router.get(
    '/admin/breach-scope',
    authorized('admin:read', async (req, res, ctx) => {
      if (piiController === null) return fail(res, 503, 'NOT_CONFIGURED', 'the notice draft needs PII_CONTROLLER_* and PRIVACY_POLICY_URL');
      res.json(await buildBreachScope(ctx.em, parseBreachFilter(req.query), piiController));
    }),
  );

  router.get(
    '/admin/subjects/:shopSubjectId/consent-receipts',
    authorized('admin:read', async (req, res, ctx) => {
      const shopSubjectId = req.params['shopSubjectId'] ?? '';
      if (piiController === null) return fail(res, 503, 'NOT_CONFIGURED', 'consent receipts need PII_CONTROLLER_* and PRIVACY_POLICY_URL');
      const receipts = await buildConsentReceipts(ctx.em, shopSubjectId, piiController, languageOf(req.query['lang']));
      if (receipts === null) return fail(res, 404, 'NOT_FOUND', 'subject not found');
      res.attachment(`consent-receipts-${shopSubjectId}.json`);
      res.json(receipts);
    }),
  );

  router.get(
    '/admin/statutory-disclosures',
    authorized('admin:read', async (req, res, ctx) => {
      const language = languageOf(req.query['lang']);
      // JSON unless CSV is asked for by name: there is no page of the register.
      const format = formatOf(req.query['format'], 'application/json', ['json', 'csv']);
      const register = await buildStatutoryRegister(ctx.em);
      if (format === 'csv') {
        res.attachment('statutory-disclosures.csv');
        res.type('text/csv; charset=utf-8').send(statutoryRegisterCsv(register, language));
        return;
      }
      res.attachment('statutory-disclosures.json');
      res.json(register);
    }),
  );

  router.get(
    '/admin/subjects/:shopSubjectId/annual-notice',
    authorized('admin:read', async (req, res, ctx) => {
      res.setHeader('vary', 'Accept, Authorization');
      const shopSubjectId = req.params['shopSubjectId'] ?? '';
      assertShopSubjectId(shopSubjectId);
      const year = parseNoticeYear(req.query['year']);
      const language = languageOf(req.query['lang']);
      const format = formatOf(req.query['format'], req.get('accept'), ['json', 'text']);
      const notice = await findAnnualNotice(ctx.em, shopSubjectId, year);
      if (notice === null) return fail(res, 404, 'NOT_FOUND', 'No annual notice of this subject for this year; the worker produces them in January');
      if (format === 'text') {
        res.type('text/plain; charset=utf-8').send(annualNoticeText(notice.content, language, piiController));
        return;
      }
      const text = { ko: annualNoticeText(notice.content, 'ko', piiController), en: annualNoticeText(notice.content, 'en', piiController) };
      res.json({ ...notice, text });
    }),
  );

  router.get(
    '/subjects/:shopSubjectId/provision-report',
    authorized('shop:read', async (req, res, ctx) => {
      res.setHeader('vary', 'Accept, Authorization');
      const shopSubjectId = req.params['shopSubjectId'] ?? '';
      const language = languageOf(req.query['lang']);
      const format = formatOf(req.query['format'], req.get('accept'), ['html', 'json']);
      const report = await buildSubjectReport(ctx.em, shopSubjectId, clock.now());
      if (report === null) return fail(res, 404, 'NOT_FOUND', 'subject not found');
      if (format === 'json') {
        res.attachment(`provision-report-${shopSubjectId}.json`);
        res.json(report);
        return;
      }
      sendHtml(res, subjectReportHtml(report, language, piiController));
    }),
  );

  // Personal data never appears in a review, but what partners did is confidential all the same.
  router.get(
    '/admin/review-reports/:partnerCode/:month',
    authorized('admin:read', async (req, res, ctx) => {
      res.setHeader('vary', 'Accept, Authorization');
      const language = languageOf(req.query['lang']);
      const format = formatOf(req.query['format'], req.get('accept'), ['html', 'json']);
      const { partnerCode = '', month = '' } = req.params;
      const stored = await new ReviewReportService(ctx.em, clock).find(partnerCode, month);
      if (!stored) return fail(res, 404, 'NOT_FOUND', 'No review report for this partner and month; generate it with generateReviewReport');
      const report = { generatedAt: stored.generatedAt, generatedBy: stored.generatedBy, revision: stored.revision, report: stored.report as unknown as ReviewReportData };
      if (format === 'json') {
        res.json(report);
        return;
      }
      sendHtml(res, renderReviewReportHtml(report, language));
    }),
  );

  router.get(
    '/disclosure',
    answering(async (req, res) => {
      const language = languageOf(req.query['lang']);
      const format = formatOf(req.query['format'], req.get('accept'), ['html', 'json', 'md']);
      const asOf = parseAsOf(typeof req.query['asOf'] === 'string' ? req.query['asOf'] : undefined, clock.now());
      const tables = await buildDisclosureTables(orm.em.fork(), asOf);
      res.setHeader('cache-control', `public, max-age=${DISCLOSURE_MAX_AGE_SECONDS}`);
      res.setHeader('vary', 'Accept');
      if (format === 'json') res.json(tables);
      else if (format === 'md') res.type('text/markdown; charset=utf-8').send(disclosureMarkdown(tables, language));
      else sendHtml(res, disclosureHtml(tables, language));
    }),
  );

  return router;
}
