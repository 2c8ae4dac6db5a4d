import * as oidc from 'openid-client';
import { createTokenVerifier } from '@provision/auth';
import { CookieBrowser } from '@provision/testing';
import { systemClock } from '@provision/util';
import { DEMO_OFFICERS, type DevOidcProvider, startDevOidcProvider } from './dev-oidc-provider.js';

const RESOURCE = 'urn:provision-gateway:test';
const REDIRECT = 'http://localhost:9/console/auth/callback';

describe('the development OpenID provider', () => {
  let provider: DevOidcProvider;

  beforeAll(async () => {
    provider = await startDevOidcProvider({
      resource: RESOURCE,
      resourceScopes: ['admin:read', 'admin:write', 'partner:read'],
      accounts: DEMO_OFFICERS,
      clients: [
        { clientId: 'privacy-console', clientSecret: 'console-secret', redirectUris: [REDIRECT], grantTypes: ['authorization_code'] },
        { clientId: 'seller-hanbok-house', clientSecret: 'seller-secret', grantTypes: ['client_credentials'] },
      ],
    });
  });

  afterAll(() => provider?.stop());

  const verifier = () =>
    createTokenVerifier({ issuer: provider.issuer, audience: RESOURCE, jwksUrl: provider.jwksUri, clock: systemClock });

  it('issues a partner client-credentials JWT access token that the gateway verifier accepts', async () => {
    const response = await fetch(provider.tokenEndpoint, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('seller-hanbok-house:seller-secret').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'partner:read', resource: RESOURCE }),
    });
    expect(response.status).toBe(200);
    const { access_token: token } = (await response.json()) as { access_token: string };
    await expect(verifier().verify(token)).resolves.toMatchObject({
      clientId: 'seller-hanbok-house',
      scopes: ['partner:read'],
      person: null,
    });
  });

  it('signs an officer in with authorization code + PKCE, refusing a wrong password first', async () => {
    const config = await oidc.discovery(new URL(provider.issuer), 'privacy-console', 'console-secret', undefined, {
      execute: [oidc.allowInsecureRequests],
    });
    const verifierCode = oidc.randomPKCECodeVerifier();
    const [state, nonce] = [oidc.randomState(), oidc.randomNonce()];
    const authorize = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid profile admin:read',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifierCode),
      code_challenge_method: 'S256',
      state,
      nonce,
      resource: RESOURCE,
    });
    const browser = new CookieBrowser();
    const loginPage = await browser.follow(await browser.go(authorize.toString()), provider.issuer);
    expect(loginPage.status).toBe(200);
    const page = await loginPage.text();
    const submit = (password: string) => browser.submitLogin(page, provider.issuer, 'kim', password);

    const refused = await submit('wrong');
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('role="alert"');

    const back = await browser.follow(await submit('demo-kim'), provider.issuer);
    const callback = new URL(back.headers.get('location') ?? '');
    expect(callback.toString().startsWith(REDIRECT)).toBe(true);

    const tokens = await oidc.authorizationCodeGrant(
      config,
      callback,
      { pkceCodeVerifier: verifierCode, expectedState: state, expectedNonce: nonce, idTokenExpected: true },
      { resource: RESOURCE },
    );
    expect(tokens.claims()).toMatchObject({ sub: 'officer-kim-minji', name: '김민지' });
    await expect(verifier().verify(tokens.access_token)).resolves.toMatchObject({
      clientId: 'privacy-console',
      scopes: ['admin:read'],
      person: { sub: 'officer-kim-minji', name: null },
    });
  });
});
