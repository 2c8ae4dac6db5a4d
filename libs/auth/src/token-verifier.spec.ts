import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { base64url, CompactEncrypt, SignJWT } from 'jose';
import { type CountingServer, startCountingServer } from '@provision/testing';
import { ManualClock } from '@provision/util';
import { AuthError } from './auth.errors.js';
import { createEphemeralIssuer, loadOrCreateDevIssuer, mintAccessToken, type DevIssuer } from './dev-issuer.js';
import { createTokenVerifier, REFUSED_KEY_HEADERS, type TokenVerifier } from './token-verifier.js';

/** Key ids an attacker hopes some lookup will interpolate into a path or a query. */
const INJECTED_KIDS = ['../../etc/passwd', "' OR 1=1 --", 'x'.repeat(500), 'kid\u0000null'];

const NOW = '2026-03-01T12:00:00Z';

describe('createTokenVerifier', () => {
  let issuer: DevIssuer;
  let clock: ManualClock;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    issuer = await createEphemeralIssuer();
  });

  beforeEach(() => {
    clock = new ManualClock(NOW);
    verifier = createTokenVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwks, clock });
  });

  const mint = (overrides: Partial<{ ttlSeconds: number; scopes: string[] }> = {}) =>
    mintAccessToken(issuer, {
      clientId: 'seller-hanbok-house',
      scopes: overrides.scopes ?? ['partner:read', 'pii:receiver.name'],
      ttlSeconds: overrides.ttlSeconds ?? 300,
      clock,
    });

  /** A token shaped like a good one, with the header and claims under the test's control. */
  const signWith = (
    header: Record<string, unknown>,
    claims: Record<string, unknown> = {},
    key: DevIssuer['privateKey'] = issuer.privateKey,
  ) => {
    const iat = Math.floor(clock.now().getTime() / 1000);
    return new SignJWT({ client_id: 'seller-hanbok-house', scope: 'partner:read', ...claims })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: issuer.kid, ...header })
      .setIssuer(issuer.issuer)
      .setAudience(issuer.audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 300)
      .sign(key);
  };

  const expectRefusedBy = async (which: TokenVerifier, token: string) => {
    const outcome = which.verify(token);
    await expect(outcome).rejects.toBeInstanceOf(AuthError);
    await expect(outcome).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: 'Invalid or missing access token' });
  };
  const expectRefused = (token: string) => expectRefusedBy(verifier, token);

  it('accepts a valid token and reads client id, scopes, jti and expiry from it', async () => {
    const token = await mint();
    const claims = await verifier.verify(token);
    expect(claims).toEqual({
      clientId: 'seller-hanbok-house',
      scopes: ['partner:read', 'pii:receiver.name'],
      tokenId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      expiresAt: new Date('2026-03-01T12:05:00Z'),
      person: null,
    });
  });

  it('reads the person of a token issued to one (sub other than the client, and name)', async () => {
    const token = await mintAccessToken(issuer, {
      clientId: 'privacy-console',
      scopes: ['admin:read'],
      ttlSeconds: 300,
      clock,
      person: { sub: 'officer-kim', name: '김민지' },
    });
    expect((await verifier.verify(token)).person).toEqual({ sub: 'officer-kim', name: '김민지' });
    expect((await verifier.verify(await signWith({}, { sub: 'officer-lee' }))).person).toEqual({ sub: 'officer-lee', name: null });
  });

  it('falls back to sub when client_id is absent', async () => {
    const token = await signWith({}, { client_id: undefined, sub: 'shop-backend' });
    expect((await verifier.verify(token)).clientId).toBe('shop-backend');
  });

  it('refuses a token expired beyond the 30 s tolerance', async () => {
    const token = await mint({ ttlSeconds: 60 });
    clock.advance(91_000);
    await expectRefused(token);
  });

  it('accepts a token expired within the 30 s tolerance', async () => {
    const token = await mint({ ttlSeconds: 60 });
    clock.advance(85_000);
    await expect(verifier.verify(token)).resolves.toMatchObject({ clientId: 'seller-hanbok-house' });
  });

  it('refuses a token not valid yet beyond the tolerance', async () => {
    const nbf = Math.floor(clock.now().getTime() / 1000) + 120;
    await expectRefused(await signWith({}, { nbf }));
  });

  it('refuses a token from another issuer', async () => {
    const other = await createEphemeralIssuer({ issuer: 'https://evil.example' });
    const token = await mintAccessToken({ ...other, privateKey: issuer.privateKey, kid: issuer.kid }, {
      clientId: 'privacy-admin',
      scopes: ['admin:write'],
      ttlSeconds: 300,
      clock,
    });
    await expectRefused(token);
  });

  it('refuses a token for another audience', async () => {
    const token = await mintAccessToken({ ...issuer, audience: 'some-other-api' }, {
      clientId: 'privacy-admin',
      scopes: ['admin:write'],
      ttlSeconds: 300,
      clock,
    });
    await expectRefused(token);
  });

  it('refuses typ JWT (e.g. an ID token) and a missing typ', async () => {
    await expectRefused(await signWith({ typ: 'JWT' }));
    await expectRefused(await signWith({ typ: undefined }));
  });

  it('accepts the media-type spelling application/at+jwt', async () => {
    await expect(verifier.verify(await signWith({ typ: 'application/at+jwt' }))).resolves.toBeDefined();
  });

  it('refuses HS256 even when keyed with the public key', async () => {
    const publicKeyAsSecret = new TextEncoder().encode(JSON.stringify(issuer.jwks.keys[0]));
    await expectRefused(await signWith({ alg: 'HS256' }, {}, publicKeyAsSecret as unknown as DevIssuer['privateKey']));
  });

  it('refuses alg none', async () => {
    const iat = Math.floor(clock.now().getTime() / 1000);
    const part = (value: object) => base64url.encode(JSON.stringify(value));
    const token = `${part({ alg: 'none', typ: 'at+jwt' })}.${part({
      iss: issuer.issuer,
      aud: issuer.audience,
      client_id: 'privacy-admin',
      scope: 'admin:write',
      iat,
      exp: iat + 300,
    })}.`;
    await expectRefused(token);
  });

  it('refuses a token signed by a key the JWKS does not hold', async () => {
    const stranger = await createEphemeralIssuer();
    await expectRefused(await signWith({ kid: stranger.kid }, {}, stranger.privateKey));
    // Same kid as ours but a different key: the signature check, not the kid, must decide.
    await expectRefused(await signWith({}, {}, stranger.privateKey));
  });

  describe('with a remote JWKS', () => {
    let jwks: CountingServer;
    let remote: TokenVerifier;

    beforeEach(async () => {
      jwks = await startCountingServer(issuer.jwks);
      remote = createTokenVerifier({ issuer: issuer.issuer, audience: issuer.audience, jwksUrl: `${jwks.base}/jwks.json`, clock });
    });

    const systemNow = Date.now;
    afterEach(async () => {
      Date.now = systemNow;
      await jwks.stop();
    });

    /** jose's JWKS cooldown (30 s) runs on the system clock, not the injected one: move that instead. */
    const afterCooldown = () => {
      Date.now = () => systemNow() + 31_000;
    };

    it('fetches the set once, and a flood of unknown kids fetches no more', async () => {
      await expect(remote.verify(await mint())).resolves.toMatchObject({ clientId: 'seller-hanbok-house' });
      const stranger = await createEphemeralIssuer();
      for (let n = 0; n < 20; n += 1) {
        await expectRefusedBy(remote, await signWith({ kid: `unknown-${n}` }, {}, stranger.privateKey));
      }
      await expect(remote.verify(await mint())).resolves.toMatchObject({ clientId: 'seller-hanbok-house' });
      expect(jwks.hits).toBe(1);
    });

    it('answers 200 concurrent tokens with random kids with one fetch per cooldown', async () => {
      const stranger = await createEphemeralIssuer();
      const flood = () =>
        Promise.all(
          Array.from({ length: 200 }, async () =>
            expectRefusedBy(remote, await signWith({ kid: randomUUID() }, {}, stranger.privateKey)),
          ),
        );
      await flood();
      expect(jwks.hits).toBe(1);
      afterCooldown();
      await flood();
      expect(jwks.hits).toBe(2);
    });

    it('refuses a kid with path or injection text before the key set is consulted: no refetch', async () => {
      await expect(remote.verify(await mint())).resolves.toBeDefined();
      afterCooldown();
      for (const kid of INJECTED_KIDS) await expectRefusedBy(remote, await signWith({ kid }));
      expect(jwks.hits).toBe(1);
      // The cooldown has passed: a well-formed unknown kid does refetch, so the kid check stopped the others.
      await expectRefusedBy(remote, await signWith({ kid: 'rotated-2026-03' }));
      expect(jwks.hits).toBe(2);
    });
  });

  it.each(REFUSED_KEY_HEADERS)('refuses a token carrying a %s header even when signed with our key', async (name) => {
    const attackerUrl = 'https://attacker.example/keys.json';
    const value = { jku: attackerUrl, x5u: attackerUrl, jwk: issuer.jwks.keys[0], x5c: ['MIIB'] }[name];
    await expectRefused(await signWith({ [name]: value }));
  });

  it('never fetches the key URL a token names (jku, x5u), nor trusts an embedded jwk', async () => {
    const attacker = await createEphemeralIssuer();
    const attackerKeys = await startCountingServer(attacker.jwks);
    try {
      const url = `${attackerKeys.base}/jwks.json`;
      await expectRefused(await signWith({ kid: attacker.kid, jku: url }, {}, attacker.privateKey));
      await expectRefused(await signWith({ kid: attacker.kid, x5u: url }, {}, attacker.privateKey));
      await expectRefused(await signWith({ kid: attacker.kid, jwk: attacker.jwks.keys[0] }, {}, attacker.privateKey));
      expect(attackerKeys.hits).toBe(0);
    } finally {
      await attackerKeys.stop();
    }
  });

  it.each(INJECTED_KIDS)('refuses the kid %j without echoing it', async (kid) => {
    const outcome = verifier.verify(await signWith({ kid }));
    await expect(outcome).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: 'Invalid or missing access token' });
  });

  it('refuses a JWE (five-part compact) token', async () => {
    const jwe = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify({ client_id: 'privacy-admin' })))
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', typ: 'at+jwt' })
      .encrypt(new Uint8Array(32));
    expect(jwe.split('.')).toHaveLength(5);
    await expectRefused(jwe);
  });

  it('refuses garbage without echoing it', async () => {
    const outcome = verifier.verify('not-a-jwt-secret-value');
    await expect(outcome).rejects.toBeInstanceOf(AuthError);
    await expect(outcome).rejects.not.toThrow(/secret-value/);
  });

  it('refuses a token without any client id', async () => {
    await expectRefused(await signWith({}, { client_id: undefined }));
  });
});

describe('loadOrCreateDevIssuer', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dev-issuer-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the key once, keeps the private key 0600, and reloads the same key', async () => {
    const keyDir = join(dir, 'dev-issuer');
    const [first, concurrent] = await Promise.all([loadOrCreateDevIssuer(keyDir), loadOrCreateDevIssuer(keyDir)]);
    expect(concurrent.kid).toBe(first.kid);
    expect((await stat(join(keyDir, 'private.jwk.json'))).mode & 0o777).toBe(0o600);
    const again = await loadOrCreateDevIssuer(keyDir);
    expect(again.kid).toBe(first.kid);
    expect(first.issuer).toBe('urn:provision-gateway:dev');
    expect(first.audience).toBe('urn:provision-gateway');

    const publicJwks = JSON.parse(await readFile(join(keyDir, 'jwks.json'), 'utf8'));
    expect(publicJwks.keys[0]).not.toHaveProperty('d');

    const clock = new ManualClock(NOW);
    const token = await mintAccessToken(again, { clientId: 'privacy-admin', scopes: ['admin:read'], ttlSeconds: 60, clock });
    const verifier = createTokenVerifier({
      issuer: first.issuer,
      audience: first.audience,
      jwksFile: join(keyDir, 'jwks.json'),
      clock,
    });
    await expect(verifier.verify(token)).resolves.toMatchObject({ clientId: 'privacy-admin', scopes: ['admin:read'] });
  });
});
