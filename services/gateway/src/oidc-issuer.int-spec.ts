import { DEMO_CLIENT_IDS, seedDemo } from '@provision/db';
import { type DevOidcProvider, startDevOidcProvider } from '@provision/dev-oidc';
import { createTestDatabase, type TestDatabase } from '@provision/testing';
import { ManualClock } from '@provision/util';
import { DEFAULT_AUDIENCE } from './config.js';
import { type GatewayHarness, harnessIssuer, startGatewayHarness } from './gateway.harness.js';
import { loadOperation } from './operations.harness.js';

// The gateway behind a real OAuth 2.0 issuer (panva's oidc-provider), as an operator sets it up
// (deploy/README.md, "Identity provider"): the partner's client registered with the gateway's client
// id and its scopes, client credentials, JWT access tokens, and the gateway's audience requested as
// the resource indicator (RFC 8707) — which is why the default audience must be an absolute URI.

const SELLER_ORDERS = loadOperation('partner/seller-orders');
const OTHER_RESOURCE = 'urn:example:billing-api';
const SELLER_SECRET = 'seller-test-secret';

interface OrdersResult {
  orders: { nodes: { shopOrderId: string; receiver: { name: string | null; phone: string | null } }[] };
}

describe('a real OpenID provider as the token issuer', () => {
  let db: TestDatabase;
  let provider: DevOidcProvider;
  let harness: GatewayHarness;

  beforeAll(async () => {
    // The provider stamps its tokens with the real time, so the gateway's clock starts there too.
    const now = new Date().toISOString();
    db = await createTestDatabase();
    await seedDemo(db.orm.em.fork(), new ManualClock(now), db.keyring);
    provider = await startDevOidcProvider({
      resource: DEFAULT_AUDIENCE,
      otherResources: [OTHER_RESOURCE],
      resourceScopes: ['partner:read', 'pii:receiver.name', 'pii:receiver.phone', 'pii:receiver.address', 'pii:customsCode'],
      clients: [{ clientId: DEMO_CLIENT_IDS.hanbokHouse, clientSecret: SELLER_SECRET, grantTypes: ['client_credentials'] }],
    });
    // Only the issuer, the audience and the JWKS URL reach the gateway's verifier; nothing is minted locally.
    const issuer = { ...(await harnessIssuer()), issuer: provider.issuer, audience: DEFAULT_AUDIENCE };
    harness = await startGatewayHarness(db.orm, now, {}, { issuer, jwksUrl: provider.jwksUri });
  });

  afterAll(async () => {
    await harness?.stop();
    await provider?.stop();
    await db?.drop();
  });

  /** POST <issuer>/token with client credentials, as the partner's system does. */
  async function clientCredentials(scope: string, resource: string): Promise<{ status: number; token?: string; error?: string }> {
    const response = await fetch(provider.tokenEndpoint, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${DEMO_CLIENT_IDS.hanbokHouse}:${SELLER_SECRET}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope, resource }),
    });
    const body = (await response.json()) as { access_token?: string; error?: string };
    return { status: response.status, token: body.access_token, error: body.error };
  }

  it("lets a partner read with a token issued for the gateway's audience, releasing exactly its pii scopes", async () => {
    const issued = await clientCredentials('partner:read pii:receiver.name', DEFAULT_AUDIENCE);
    expect(issued.status).toBe(200);
    const { response, body } = await harness.post<OrdersResult>({ query: SELLER_ORDERS, variables: { first: 5 } }, issued.token);
    expect(response.status).toBe(200);
    const nodes = body.data?.orders.nodes ?? [];
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.some((node) => node.receiver.name !== null)).toBe(true);
    // The token's scope claim is what the gateway read: the phone was not in it.
    expect(nodes.every((node) => node.receiver.phone === null)).toBe(true);
    const reasons = new Set((body.errors ?? []).map((error) => `${String(error.extensions?.['item'])}:${String(error.extensions?.['reason'])}`));
    expect(reasons.has('receiver.phone:SCOPE_MISSING')).toBe(true);
    expect([...reasons].some((reason) => reason.startsWith('receiver.name:SCOPE_MISSING'))).toBe(false);
  });

  it('refuses a token the same issuer made for another resource server', async () => {
    const issued = await clientCredentials('partner:read pii:receiver.name', OTHER_RESOURCE);
    expect(issued.status).toBe(200);
    const { response, body } = await harness.post({ query: SELLER_ORDERS }, issued.token);
    expect(response.status).toBe(401);
    expect(body).toEqual({ errors: [{ message: 'Invalid or missing access token', extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('cannot get a token for a resource that is not an absolute URI (the old default audience)', async () => {
    const issued = await clientCredentials('partner:read', 'provision-gateway');
    expect(issued).toMatchObject({ status: 400, error: 'invalid_target' });
  });
});
