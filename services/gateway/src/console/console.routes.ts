import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type CookieSerializeOptions, parse as parseCookies } from 'cookie';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import * as oidc from 'openid-client';
import { AuthError, type AccessTokenClaims, createTokenVerifier, type TokenVerifier } from '@provision/auth';
import { type Clock } from '@provision/util';
import { type Logger } from '@provision/runtime';
import { type ConsoleOidcConfig } from '../config.js';
import { requestIdOf } from '../request-id.js';
import { type ActiveSession, type ConsoleSessionStore, csrfMatches } from './console-session.store.js';

/** Where `res.locals` carries a console request's verified claims to the GraphQL context. */
export const CONSOLE_CLAIMS = 'consoleClaims';

export const SESSION_COOKIE = '__Secure-console-session';
const LOGIN_COOKIE = '__Secure-console-login';
export const CSRF_HEADER = 'x-csrf-token';

/** Scopes the console asks for: the person's identity and the admin API. */
const CONSOLE_SCOPES = 'openid profile admin:read admin:write';

// The console is one origin's own scripts and styles and calls only its own API; nothing may frame it.
const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export interface ConsoleRoutesDependencies {
  /** null: sign-in is not configured; the console's routes answer 503. */
  oidc: ConsoleOidcConfig | null;
  publicUrl: string;
  sessions: ConsoleSessionStore;
  clock: Clock;
  logger: Logger;
  /** The built console (`services/console/dist`); a 503 page explains how to build it when missing. */
  assetsDir: string;
  bodyLimitBytes: number;
  /** The gateway's GraphQL handler: console calls go through it like any other, with the session's token. */
  graphql: RequestHandler;
  /** Whether agreement versions need a second officer's approval (the console says so on its agreement screen). */
  fourEyesPublishing: boolean;
}

function fail(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/** Only paths inside the console: no `//host` or scheme, so the callback cannot send the browser elsewhere. */
function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/console\/[\w\-./?=&%]*$/.test(value) && !value.includes('//') ? value : '/console/';
}

const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/** The issuer's metadata, fetched once (again after a failure) and a verifier for its access tokens. */
function issuerClient(settings: ConsoleOidcConfig, clock: Clock) {
  let discovered: Promise<{ config: oidc.Configuration; verifier: TokenVerifier }> | null = null;
  return () => {
    discovered ??= (async () => {
      const issuer = new URL(settings.issuer);
      const config = await oidc.discovery(issuer, settings.clientId, settings.clientSecret, undefined, {
        // Plain http only to an issuer on this machine (the development provider).
        execute: issuer.protocol === 'http:' && isLoopback(issuer) ? [oidc.allowInsecureRequests] : [],
      });
      const jwksUrl = config.serverMetadata().jwks_uri;
      if (!jwksUrl) throw new Error('the issuer publishes no jwks_uri');
      const verifier = createTokenVerifier({ issuer: settings.issuer, audience: settings.audience, jwksUrl, clock });
      return { config, verifier };
    })().catch((err: unknown) => {
      discovered = null;
      throw err;
    });
    return discovered;
  };
}

/**
 * The console's backend-for-frontend, under /console/:
 * - `GET /console/auth/login` → the issuer (authorization code + PKCE, state, nonce, resource);
 *   `GET /console/auth/callback` → tokens kept server-side, an httpOnly Secure SameSite=Lax cookie;
 * - `GET /console/auth/session` → who is signed in and the CSRF token; `POST /console/auth/logout`;
 * - `POST /console/api/graphql` → the gateway's GraphQL endpoint with the session's access token,
 *   refused without a session (401) or without the session's CSRF token in `x-csrf-token` (403);
 * - everything else under /console/ → the built single-page application.
 */
export function consoleRoutes(deps: ConsoleRoutesDependencies): Router {
  const router = express.Router();
  const { sessions, clock, logger, publicUrl } = deps;
  const issuer = deps.oidc ? issuerClient(deps.oidc, clock) : null;
  const redirectUri = `${publicUrl}/console/auth/callback`;
  const secure: CookieSerializeOptions = { httpOnly: true, secure: true, sameSite: 'lax' };
  const cookieOf = (req: Request, name: string) => parseCookies(req.headers.cookie ?? '')[name];

  router.use('/console', (_req, res, next) => {
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'same-origin');
    next();
  });

  const notConfigured = (res: Response) => fail(res, 503, 'CONSOLE_NOT_CONFIGURED', 'Console sign-in is not configured (CONSOLE_OIDC_ISSUER)');

  router.get('/console/auth/login', async (req, res) => {
    if (!issuer || !deps.oidc) return notConfigured(res);
    const { config } = await issuer();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const login = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier, returnTo: safeReturnTo(req.query['returnTo']) };
    const cookie = await sessions.beginLogin(login);
    res.cookie(LOGIN_COOKIE, cookie, { ...secure, path: '/console/auth', maxAge: 10 * 60_000 });
    const target = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: CONSOLE_SCOPES,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: login.state,
      nonce: login.nonce,
      resource: deps.oidc.audience,
    });
    res.redirect(303, target.toString());
  });

  router.get('/console/auth/callback', async (req, res) => {
    if (!issuer || !deps.oidc) return notConfigured(res);
    const login = await sessions.takeLogin(cookieOf(req, LOGIN_COOKIE));
    res.clearCookie(LOGIN_COOKIE, { ...secure, path: '/console/auth' });
    if (!login) return fail(res, 400, 'SIGN_IN_EXPIRED', 'This sign-in has expired or was already used; start again at /console/');
    const { config, verifier } = await issuer();
    let claims: AccessTokenClaims;
    let tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;
    try {
      tokens = await oidc.authorizationCodeGrant(
        config,
        new URL(req.originalUrl, publicUrl),
        { pkceCodeVerifier: login.codeVerifier, expectedState: login.state, expectedNonce: login.nonce, idTokenExpected: true },
        { resource: deps.oidc.audience },
      );
      claims = await verifier.verify(tokens.access_token);
    } catch (err) {
      // The issuer's or the library's message may quote what the browser sent; the class is enough.
      logger.info({ requestId: requestIdOf(res), errorType: (err as Error)?.name }, 'console sign-in refused');
      return fail(res, 400, 'SIGN_IN_FAILED', 'Sign-in failed; start again at /console/');
    }
    const identity = tokens.claims();
    if (!identity || claims.person?.sub !== identity.sub || claims.clientId !== deps.oidc.clientId) {
      logger.info({ requestId: requestIdOf(res) }, 'console sign-in refused: the access token is not for this person and client');
      return fail(res, 400, 'SIGN_IN_FAILED', 'Sign-in failed; start again at /console/');
    }
    const name = typeof identity['name'] === 'string' ? identity['name'] : claims.person.name;
    const { cookie } = await sessions.start({
      person: { sub: identity.sub, name },
      clientId: claims.clientId,
      accessToken: tokens.access_token,
      idToken: tokens.id_token ?? null,
      tokenExpiresAt: claims.expiresAt,
    });
    res.cookie(SESSION_COOKIE, cookie, { ...secure, path: '/console' });
    res.redirect(303, login.returnTo);
  });

  /** The request's session, or an answer already sent (401, with `SESSION_EXPIRED` when it has ended). */
  const sessionOf = async (req: Request, res: Response, touch: boolean): Promise<ActiveSession | null> => {
    const found = await sessions.find(cookieOf(req, SESSION_COOKIE), { touch });
    if (found.state === 'ACTIVE') return found.session;
    if (found.state === 'EXPIRED') {
      res.clearCookie(SESSION_COOKIE, { ...secure, path: '/console' });
      fail(res, 401, 'SESSION_EXPIRED', 'Your console session has expired; sign in again');
    } else {
      fail(res, 401, 'UNAUTHENTICATED', 'Sign in to the console first');
    }
    return null;
  };

  router.get('/console/auth/session', async (req, res) => {
    const session = await sessionOf(req, res, false);
    if (!session) return;
    res.json({
      person: session.person,
      clientId: session.clientId,
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt.toISOString(),
      idleExpiresAt: session.idleExpiresAt.toISOString(),
      fourEyesPublishing: deps.fourEyesPublishing,
    });
  });

  router.post('/console/auth/logout', async (req, res) => {
    const session = await sessionOf(req, res, false);
    if (!session) return;
    if (!csrfMatches(session.csrfToken, req.get(CSRF_HEADER))) return fail(res, 403, 'CSRF_TOKEN_INVALID', 'Missing or wrong CSRF token');
    await sessions.end(session.id);
    res.clearCookie(SESSION_COOKIE, { ...secure, path: '/console' });
    let endSessionUrl: string | null = null;
    if (issuer) {
      const { config } = await issuer();
      if (config.serverMetadata().end_session_endpoint) {
        endSessionUrl = oidc
          .buildEndSessionUrl(config, {
            post_logout_redirect_uri: `${publicUrl}/console/`,
            ...(session.idToken ? { id_token_hint: session.idToken } : {}),
          })
          .toString();
      }
    }
    res.json({ endSessionUrl });
  });

  router.post('/console/api/graphql', express.json({ limit: deps.bodyLimitBytes }), async (req, res, next) => {
    const session = await sessionOf(req, res, true);
    if (!session) return;
    // Every call, queries too: the API is only for the console's own pages.
    if (!csrfMatches(session.csrfToken, req.get(CSRF_HEADER))) return fail(res, 403, 'CSRF_TOKEN_INVALID', 'Missing or wrong CSRF token');
    if (!issuer) return notConfigured(res);
    let claims: AccessTokenClaims;
    try {
      claims = await (await issuer()).verifier.verify(session.accessToken);
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      await sessions.end(session.id);
      return fail(res, 401, 'SESSION_EXPIRED', 'Your console session has expired; sign in again');
    }
    if (claims.person?.sub !== session.person.sub) return fail(res, 401, 'UNAUTHENTICATED', 'Sign in to the console first');
    // The name the issuer gave at sign-in (the ID token), which access tokens often leave out.
    res.locals[CONSOLE_CLAIMS] = { ...claims, person: session.person } satisfies AccessTokenClaims;
    deps.graphql(req, res, next);
  });

  router.use('/console/auth', (_req, res) => fail(res, 404, 'NOT_FOUND', 'Not found'));
  router.use('/console/api', (_req, res) => fail(res, 404, 'NOT_FOUND', 'Not found'));

  const index = join(deps.assetsDir, 'index.html');
  router.use(
    '/console',
    (_req, res, next) => {
      res.setHeader('content-security-policy', CONSOLE_CSP);
      next();
    },
    express.static(deps.assetsDir, { index: false, redirect: false }),
  );
  router.get(/^\/console(\/.*)?$/, (req, res) => {
    if (req.path === '/console') return res.redirect(301, '/console/');
    if (!existsSync(index)) {
      return res.status(503).type('text').send('The console is not built: run `npx nx build console` (npm start builds it).');
    }
    res.sendFile(index);
  });

  return router;
}
