import { DEMO_CLIENT_IDS, findFreePort, seedDemo } from '@provision/db';
import { DEMO_OFFICERS, type DevOidcProvider, startDevOidcProvider } from '@provision/dev-oidc';
import { CookieBrowser, createTestDatabase, type TestDatabase } from '@provision/testing';
import { ManualClock } from '@provision/util';
import { type Config } from './config.js';
import { CSRF_HEADER } from './console/console.routes.js';
import { type GatewayHarness, type GraphQLBody, startGatewayHarness } from './gateway.harness.js';

/** The console's audience at the tests' provider. */
const AUDIENCE = 'urn:provision-gateway:console-test';

/** A seeded gateway with its console signing in at a real (development) OpenID provider. */
export interface ConsoleHarness {
  db: TestDatabase;
  harness: GatewayHarness;
  provider: DevOidcProvider;
  /** `http://localhost:<port>`: where a browser reaches the gateway (the redirect URIs name it). */
  origin: string;
  stop(): Promise<void>;
}

/**
 * Starts the test database (demo seed), the development OpenID provider with the two demo officers,
 * and the gateway with its console configured for that provider. The clock starts at the real
 * time: the provider stamps its tokens with it, and tests move the gateway's clock from there.
 */
export async function startConsoleHarness(config: Partial<Config> = {}): Promise<ConsoleHarness> {
  const now = new Date().toISOString();
  const db = await createTestDatabase();
  await seedDemo(db.orm.em.fork(), new ManualClock(now), db.keyring);
  const port = await findFreePort();
  const origin = `http://localhost:${port}`;
  const clientSecret = 'console-test-secret';
  const provider = await startDevOidcProvider({
    resource: AUDIENCE,
    resourceScopes: ['admin:read', 'admin:write'],
    accounts: DEMO_OFFICERS,
    clients: [
      {
        clientId: DEMO_CLIENT_IDS.privacyConsole,
        clientSecret,
        grantTypes: ['authorization_code'],
        redirectUris: [`${origin}/console/auth/callback`],
        postLogoutRedirectUris: [`${origin}/console/`],
      },
    ],
  });
  const harness = await startGatewayHarness(db.orm, now, {
    port,
    console: {
      oidc: { issuer: provider.issuer, clientId: DEMO_CLIENT_IDS.privacyConsole, clientSecret, audience: AUDIENCE },
      publicUrl: origin,
      idleMinutes: 30,
      maxHours: 8,
    },
    ...config,
  });
  return {
    db,
    harness,
    provider,
    origin,
    async stop() {
      await harness.stop();
      await provider.stop();
      await db.drop();
    },
  };
}

/** A signed-in officer's browser: its cookies, and the CSRF token the console sends with each call. */
export interface SignedIn {
  browser: CookieBrowser;
  csrfToken: string;
  /** POST /console/api/graphql as the console does (with the CSRF header unless `csrf: false`). */
  graphql<TData = unknown>(body: unknown, options?: { csrf?: string | false }): Promise<{ status: number; body: GraphQLBody<TData> }>;
}

/** Walks the console's sign-in through the provider's login page, as a browser would. */
export async function signInToConsole(console: ConsoleHarness, login: string, password: string): Promise<SignedIn> {
  const browser = new CookieBrowser();
  const { origin, provider } = console;
  const toIssuer = await browser.go(`${origin}/console/auth/login?returnTo=/console/partners`);
  const loginPage = await browser.follow(toIssuer, provider.issuer);
  const back = await browser.follow(await browser.submitLogin(await loginPage.text(), provider.issuer, login, password), provider.issuer);
  const callback = back.headers.get('location');
  if (!callback?.startsWith(`${origin}/console/auth/callback`)) throw new Error(`sign-in did not come back to the console (${back.status})`);
  const landed = await browser.go(callback);
  if (landed.status !== 303) throw new Error(`the callback answered ${landed.status}: ${await landed.text()}`);
  const session = (await (await browser.go(`${origin}/console/auth/session`)).json()) as { csrfToken: string };
  return {
    browser,
    csrfToken: session.csrfToken,
    async graphql<TData>(body: unknown, options: { csrf?: string | false } = {}) {
      const csrf = options.csrf === undefined ? session.csrfToken : options.csrf;
      const response = await browser.go(`${origin}/console/api/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(csrf === false ? {} : { [CSRF_HEADER]: csrf }) },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as GraphQLBody<TData> };
    },
  };
}
