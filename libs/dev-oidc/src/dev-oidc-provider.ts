import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { errors, type ClientMetadata, type KoaContextWithOIDC } from 'oidc-provider';
import { createFileExclusively, escapeHtml } from '@provision/util';
import { interactionPage, type LoginFailure } from './interaction.page.js';

/** A person who can sign in at the development provider. */
export interface DevOidcAccount {
  /** The OpenID Connect subject. */
  sub: string;
  /** The `name` claim. */
  name: string;
  /** What the person types as login id; the password is checked against `password`. */
  login: string;
  password: string;
}

/** A client of the development provider: the console (authorization code + PKCE) or a partner system (client credentials). */
export interface DevOidcClient {
  clientId: string;
  clientSecret: string;
  /** Authorization code clients: where the provider may send the browser back to. */
  redirectUris?: string[];
  /** Where the browser may go after signing out. */
  postLogoutRedirectUris?: string[];
  grantTypes: ('authorization_code' | 'client_credentials')[];
}

export interface DevOidcProviderOptions {
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Host name in the issuer URL (default `localhost`): browsers must see the provider there. */
  publicHost?: string;
  /** The resource server (the gateway) as an absolute URI: the `aud` of every access token. */
  resource: string;
  /** Other resource servers (absolute URIs) this issuer also makes tokens for, with the same scopes. */
  otherResources?: readonly string[];
  /** Scopes the resource server knows; a token carries those requested among them. */
  resourceScopes: readonly string[];
  clients: readonly DevOidcClient[];
  accounts?: readonly DevOidcAccount[];
  accessTokenTtlSeconds?: number;
  /** A file holding the ES256 signing key (private JWK), made on first use; in memory only when omitted. */
  keyFile?: string;
}

/** A running development OpenID provider. */
export interface DevOidcProvider {
  /** The issuer identifier, e.g. `http://localhost:4001`; discovery is at `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  /** The token endpoint, for client credentials. */
  tokenEndpoint: string;
  jwksUri: string;
  stop(): Promise<void>;
}

/**
 * The development privacy officers (`npm start`, browser tests). Development only: the passwords
 * are public, and no production code path imports this library.
 */
export const DEMO_OFFICERS: readonly DevOidcAccount[] = [
  { sub: 'officer-kim-minji', name: '김민지', login: 'kim', password: 'demo-kim' },
  { sub: 'officer-lee-seojun', name: '이서준', login: 'lee', password: 'demo-lee' },
];

const ALGORITHM = 'ES256';

async function signingKey(keyFile: string | undefined): Promise<JWK> {
  const fresh = async () => {
    const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
    return { ...(await exportJWK(privateKey)), alg: ALGORITHM, use: 'sig', kid: `dev-oidc-${randomBytes(6).toString('hex')}` };
  };
  if (keyFile === undefined) return fresh();
  try {
    return JSON.parse(await readFile(keyFile, 'utf8')) as JWK;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dirname(keyFile), { recursive: true, mode: 0o700 });
  return JSON.parse(await createFileExclusively(keyFile, `${JSON.stringify(await fresh(), null, 2)}\n`, 0o600)) as JWK;
}

function clientMetadata(client: DevOidcClient): ClientMetadata {
  const interactive = client.grantTypes.includes('authorization_code');
  return {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    grant_types: [...client.grantTypes],
    response_types: interactive ? ['code'] : [],
    redirect_uris: client.redirectUris ?? [],
    post_logout_redirect_uris: client.postLogoutRedirectUris ?? [],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: ALGORITHM,
  };
}

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 10_000) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A real OpenID provider (panva's oidc-provider) for development and tests, without internet:
 * authorization code with PKCE for people (the console's officers, signing in on a small login
 * page), client credentials for systems, and JWT access tokens (`typ: at+jwt`, ES256) for one
 * resource server, as RFC 9068 describes them. First-party clients only: consent is granted
 * without asking.
 */
export async function startDevOidcProvider(options: DevOidcProviderOptions): Promise<DevOidcProvider> {
  const accounts = new Map((options.accounts ?? []).map((account) => [account.sub, account]));
  const host = options.host ?? '127.0.0.1';
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${options.publicHost ?? 'localhost'}:${port}`;
  const accessTokenTTL = options.accessTokenTtlSeconds ?? 3600;

  const provider = new Provider(issuer, {
    clients: options.clients.map(clientMetadata),
    jwks: { keys: [await signingKey(options.keyFile)] },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub);
      return account ? { accountId: sub, claims: () => ({ sub, name: account.name }) } : undefined;
    },
    claims: { openid: ['sub'], profile: ['name'] },
    // The name goes into the ID token: the access token is for the gateway, not for userinfo.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => options.resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== options.resource && !options.otherResources?.includes(indicator)) throw new errors.InvalidTarget();
          return {
            scope: options.resourceScopes.join(' '),
            audience: indicator,
            accessTokenTTL,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: ALGORITHM } },
          };
        },
      },
    },
    ttl: { AccessToken: accessTokenTTL, ClientCredentials: accessTokenTTL, IdToken: 3600, Interaction: 600, Session: 8 * 3600, Grant: 8 * 3600 },
    renderError: (ctx: KoaContextWithOIDC, out) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><meta charset="utf-8"><title>Error</title><p>${escapeHtml(String(out['error']))}: ${escapeHtml(String(out['error_description'] ?? ''))}</p>`;
    },
  });

  const callback = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    const { uid, prompt, params } = details;
    if (prompt.name === 'login') {
      let failure: LoginFailure | null = null;
      if (req.method === 'POST') {
        const form = await formOf(req);
        const account = [...accounts.values()].find((candidate) => candidate.login === form.get('login'));
        if (account && account.password === form.get('password')) {
          await provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
          return;
        }
        failure = 'WRONG_CREDENTIALS';
      }
      res.writeHead(failure ? 401 : 200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(interactionPage({ uid, clientId: String(params['client_id']), failure }));
      return;
    }
    // Consent: the development provider's clients are all first-party; grant what was asked.
    const accountId = details.session?.accountId;
    if (accountId === undefined) throw new Error('consent without a signed-in account');
    const grant = details.grantId
      ? ((await provider.Grant.find(details.grantId)) ?? new provider.Grant({ accountId, clientId: String(params['client_id']) }))
      : new provider.Grant({ accountId, clientId: String(params['client_id']) });
    const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith('/interaction/')) {
      callback(req, res);
      return;
    }
    interaction(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('This sign-in has expired or is invalid. Start again from the console.');
    });
  });

  return {
    issuer,
    tokenEndpoint: `${issuer}/token`,
    jwksUri: `${issuer}/jwks`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
