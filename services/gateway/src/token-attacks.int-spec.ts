import { randomUUID } from 'node:crypto';
import { base64url, CompactEncrypt, type CryptoKey, SignJWT } from 'jose';
import { createEphemeralIssuer, type DevIssuer } from '@provision/auth';
import { Client, DEMO_CLIENT_IDS, Partner, seedDemo } from '@provision/db';
import { type CountingServer, createTestDatabase, startCountingServer, type TestDatabase } from '@provision/testing';
import { ManualClock } from '@provision/util';
import { type GatewayHarness, harnessIssuer, startGatewayHarness } from './gateway.harness.js';
import { loadOperation } from './operations.harness.js';

const NOW = '2026-03-01T03:00:00Z';
const QUERY = { query: '{ partners { code } }' };
const ADMIN = DEMO_CLIENT_IDS.privacyAdmin;

/**
 * RFC 8725 attacks on the access token, sent over HTTP to a gateway that fetches its keys from a
 * JWKS server which counts its requests. Every one is the same 401, echoes nothing, and fetches
 * nothing it should not.
 */
describe('token attacks over HTTP', () => {
  let db: TestDatabase;
  let issuer: DevIssuer;
  let attacker: DevIssuer;
  let jwks: CountingServer;
  let attackerKeys: CountingServer;
  let harness: GatewayHarness;
  const systemNow = Date.now;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.orm.em.fork(), new ManualClock(NOW), db.keyring);
    [issuer, attacker] = await Promise.all([harnessIssuer(), createEphemeralIssuer()]);
    [jwks, attackerKeys] = await Promise.all([startCountingServer(issuer.jwks), startCountingServer(attacker.jwks)]);
    harness = await startGatewayHarness(db.orm, NOW, {}, { issuer, jwksUrl: `${jwks.base}/jwks.json` });
  });

  afterEach(() => {
    Date.now = systemNow;
  });

  afterAll(async () => {
    await harness?.stop();
    await Promise.all([jwks?.stop(), attackerKeys?.stop()]);
    await db?.drop();
  });

  const seconds = () => Math.floor(harness.clock.now().getTime() / 1000);

  /** An admin token shaped like a good one; header, claims and key under the test's control. */
  const forge = (header: Record<string, unknown>, claims: Record<string, unknown> = {}, key: CryptoKey | Uint8Array = issuer.privateKey) =>
    new SignJWT({
      iss: issuer.issuer,
      aud: issuer.audience,
      client_id: ADMIN,
      scope: 'admin:read',
      jti: randomUUID(),
      iat: seconds(),
      exp: seconds() + 300,
      ...claims,
    })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: issuer.kid, ...header })
      .sign(key);

  const unsigned = () =>
    `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'at+jwt' }))}.${base64url.encode(
      JSON.stringify({ iss: issuer.issuer, aud: issuer.audience, client_id: ADMIN, scope: 'admin:write', exp: seconds() + 300 }),
    )}.`;

  const attackerUrl = () => `${attackerKeys.base}/jwks.json`;

  const attacks: [string, () => Promise<string> | string][] = [
    ['alg none', unsigned],
    ['HS256 keyed with the public key', () => forge({ alg: 'HS256' }, {}, new TextEncoder().encode(JSON.stringify(issuer.jwks.keys[0])))],
    ['a key not in the JWKS', () => forge({ kid: attacker.kid }, {}, attacker.privateKey)],
    ['our kid on another key', () => forge({}, {}, attacker.privateKey)],
    ['another issuer', () => forge({}, { iss: 'https://evil.example' })],
    ['another audience', () => forge({}, { aud: 'some-other-api' })],
    ['expired beyond the 30 s tolerance', () => forge({}, { iat: seconds() - 400, exp: seconds() - 31 })],
    ['nbf in the future', () => forge({}, { nbf: seconds() + 60 })],
    ['typ JWT (an ID token)', () => forge({ typ: 'JWT' })],
    ['a jku to the attacker', () => forge({ kid: attacker.kid, jku: attackerUrl() }, {}, attacker.privateKey)],
    ['an x5u to the attacker', () => forge({ kid: attacker.kid, x5u: attackerUrl() }, {}, attacker.privateKey)],
    ['an embedded jwk', () => forge({ kid: attacker.kid, jwk: attacker.jwks.keys[0] }, {}, attacker.privateKey)],
    ['a jku on our own key', () => forge({ jku: attackerUrl() })],
    ['a path in kid', () => forge({ kid: '../../etc/passwd' })],
    ['SQL in kid', () => forge({ kid: "' OR 1=1 --" })],
    [
      'a JWE (five parts)',
      () =>
        new CompactEncrypt(new TextEncoder().encode(JSON.stringify({ client_id: ADMIN })))
          .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', typ: 'at+jwt' })
          .encrypt(new Uint8Array(32)),
    ],
    ['a client id never registered', () => forge({}, { client_id: 'no-such-client' })],
  ];

  /** The one answer to every refused token, which must not quote any part of it. */
  async function expectRefused(token: string): Promise<void> {
    const { response, body } = await harness.post(QUERY, token);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(body).toEqual({ errors: [{ message: 'Invalid or missing access token', extensions: { code: 'UNAUTHENTICATED' } }] });
  }

  it('serves a good token (the keys are fetched once)', async () => {
    const { response } = await harness.post(QUERY, await forge({}));
    expect(response.status).toBe(200);
    expect(jwks.hits).toBe(1);
  });

  it.each(attacks)('refuses %s with 401, never fetching the attacker URL nor the JWKS again', async (_name, make) => {
    const token = await make();
    await expectRefused(token);
    const parts = token.split('.').filter((part) => part.length > 8);
    const logged = JSON.stringify(harness.logLines);
    for (const part of parts) expect(logged).not.toContain(part);
    expect(attackerKeys.hits).toBe(0);
    expect(jwks.hits).toBe(1);
  });

  it('accepts a token expired within the 30 s tolerance', async () => {
    const { response } = await harness.post(QUERY, await forge({}, { iat: seconds() - 400, exp: seconds() - 25 }));
    expect(response.status).toBe(200);
  });

  it('fetches the JWKS at most once per cooldown under a flood of 200 random kids', async () => {
    const flood = () => Promise.all(Array.from({ length: 200 }, async () => expectRefused(await forge({ kid: randomUUID() }, {}, attacker.privateKey))));
    const before = jwks.hits;
    await flood();
    expect(jwks.hits).toBe(before);
    Date.now = () => systemNow() + 31_000; // jose's cooldown runs on the system clock
    await flood();
    expect(jwks.hits).toBe(before + 1);
  });

  it('refuses the still-valid token of a client deleted after it was issued', async () => {
    const em = db.orm.em.fork();
    em.create(Client, { clientId: 'short-lived-admin', kind: 'ADMIN', allowedScopes: ['admin:read'], addedAt: new Date(NOW), addedBy: 'test' });
    await em.flush();
    const token = await forge({}, { client_id: 'short-lived-admin' });
    expect((await harness.post(QUERY, token)).response.status).toBe(200);
    await em.nativeDelete(Client, { clientId: 'short-lived-admin' });
    await expectRefused(token);
  });

  // Last: it ends a demo partnership for good.
  it('refuses a replayed, unexpired token once its partner is terminated through the admin API', async () => {
    const sellerToken = await harness.token(DEMO_CLIENT_IDS.hanbokHouse, ['partner:read']);
    const scope = loadOperation('partner/my-provision-scope');
    expect((await harness.post({ query: scope }, sellerToken)).response.status).toBe(200);

    const hanbok = await db.orm.em.fork().findOneOrFail(Partner, { code: 'hanbok-house' });
    const terminated = await harness.post(
      { query: loadOperation('admin/terminate-partner'), variables: { input: { partnerId: hanbok.id, reason: 'contract ended' } } },
      await harness.token(ADMIN, ['admin:write']),
    );
    expect(terminated.body.errors).toBeUndefined();

    await expectRefused(sellerToken);
  });
});
