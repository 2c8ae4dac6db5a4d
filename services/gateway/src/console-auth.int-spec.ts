import { verifyLedger } from '@provision/audit';
import { Partner, ProvisionRecord } from '@provision/db';
import { CookieBrowser } from '@provision/testing';
import { type ConsoleHarness, signInToConsole, startConsoleHarness } from './console.harness.js';
import { loadOperation } from './operations.harness.js';

const MINUTE = 60_000;

describe('console sign-in (backend-for-frontend over OpenID Connect)', () => {
  let console: ConsoleHarness;

  beforeAll(async () => {
    console = await startConsoleHarness();
  });
  afterAll(() => console?.stop());

  const partnerId = async (code: string) => (await console.db.orm.em.fork().findOneOrFail(Partner, { code })).id;

  it('refuses every console API call from a browser that has not signed in', async () => {
    const browser = new CookieBrowser();
    const api = await browser.go(`${console.origin}/console/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': 'guess' },
      body: JSON.stringify({ query: '{ partners { code } }' }),
    });
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    const session = await browser.go(`${console.origin}/console/auth/session`);
    expect(session.status).toBe(401);
    // A forged cookie is no better than none.
    browser.cookies.set('__Secure-console-session', 'x'.repeat(43));
    expect((await browser.go(`${console.origin}/console/auth/session`)).status).toBe(401);
  });

  it('signs an officer in with authorization code + PKCE and keeps the tokens server-side', async () => {
    const officer = await signInToConsole(console, 'kim', 'demo-kim');
    const cookie = officer.browser.cookies.get('__Secure-console-session');
    expect(cookie).toMatch(/^[\w-]{43}$/);
    // The browser holds a random reference, nothing that is or contains a token.
    expect([...officer.browser.cookies.values()].join(' ')).not.toMatch(/eyJ/);
    const session = (await (await officer.browser.go(`${console.origin}/console/auth/session`)).json()) as Record<string, unknown>;
    expect(session).toMatchObject({ person: { sub: 'officer-kim-minji', name: '김민지' }, clientId: 'privacy-console' });
    expect(JSON.stringify(session)).not.toMatch(/eyJ/);

    const answer = await officer.graphql<{ partners: { code: string }[] }>({ query: '{ partners { code } }' });
    expect(answer.status).toBe(200);
    expect(answer.body.data?.partners.map((p) => p.code)).toContain('hanbok-house');
  });

  it('sets the session cookie httpOnly, Secure, SameSite=Lax and only for /console', async () => {
    const browser = new CookieBrowser();
    const toIssuer = await browser.go(`${console.origin}/console/auth/login`);
    expect(browser.lastSetCookies.join()).toMatch(/__Secure-console-login=.*; Path=\/console\/auth; .*HttpOnly; Secure; SameSite=Lax/);
    const page = await browser.follow(toIssuer, console.provider.issuer);
    const back = await browser.follow(await browser.submitLogin(await page.text(), console.provider.issuer, 'lee', 'demo-lee'), console.provider.issuer);
    await browser.go(back.headers.get('location') ?? '');
    expect(browser.lastSetCookies.find((line) => line.startsWith('__Secure-console-session='))).toMatch(
      /; Path=\/console; HttpOnly; Secure; SameSite=Lax$/,
    );
  });

  it('refuses a state change without the CSRF token, and changes nothing', async () => {
    const officer = await signInToConsole(console, 'kim', 'demo-kim');
    const mutation = {
      query: loadOperation('admin/suspend-partner'),
      variables: { input: { partnerId: await partnerId('seoul-sneakers'), reason: 'CSRF probe' } },
    };
    for (const csrf of [false, 'not-the-token', `${officer.csrfToken}x`] as const) {
      const refused = await officer.graphql(mutation, { csrf });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ errors: [{ extensions: { code: 'CSRF_TOKEN_INVALID' } }] });
    }
    const partner = await officer.graphql<{ partners: { status: string }[] }>({
      query: '{ partners(filter: { status: SUSPENDED }) { code status } }',
    });
    expect(partner.body.data?.partners).toEqual([]);
  });

  it('records the person with the client on the permission history and on ledger rows of admin reads', async () => {
    const officer = await signInToConsole(console, 'lee', 'demo-lee');
    const suspended = await officer.graphql({
      query: loadOperation('admin/suspend-partner'),
      variables: { input: { partnerId: await partnerId('seoul-information-system'), reason: '감사 중 일시 중지' } },
    });
    expect(suspended.body.errors).toBeUndefined();
    const history = await officer.graphql<{ accessHistory: { nodes: { actor: string; actorPerson: unknown; kind: string }[] } }>({
      query: '{ accessHistory(partnerCode: "seoul-information-system", first: 1) { nodes { kind actor actorPerson { sub name } } } }',
    });
    expect(history.body.data?.accessHistory.nodes[0]).toEqual({
      kind: 'STATUS_CHANGED',
      actor: 'privacy-console',
      actorPerson: { sub: 'officer-lee-seojun', name: '이서준' },
    });

    const read = await officer.graphql({ query: loadOperation('admin/subject-personal-data'), variables: { shopSubjectId: 'member-0001' } });
    expect(read.body.errors).toBeUndefined();
    const [row] = await console.db.orm.em.fork().find(ProvisionRecord, { chainKey: 'admin:privacy-console' });
    expect(row).toMatchObject({ actorKind: 'ADMIN', clientId: 'privacy-console', personSub: 'officer-lee-seojun', personName: '이서준', hashVersion: 2 });
    expect((await verifyLedger(console.db.orm.em.fork())).breaks).toEqual([]);
  });

  it('ends a session after 30 idle minutes, and keeps an active one alive', async () => {
    const officer = await signInToConsole(console, 'kim', 'demo-kim');
    const ping = () => officer.graphql({ query: '{ itemCatalog { key } }' });
    const { clock } = console.harness;
    const start = clock.now().getTime();
    try {
      clock.set(new Date(start + 20 * MINUTE).toISOString());
      expect((await ping()).status).toBe(200);
      clock.set(new Date(start + 40 * MINUTE).toISOString());
      expect((await ping()).status).toBe(200);
      clock.set(new Date(start + 71 * MINUTE).toISOString());
      const expired = await ping();
      expect(expired.status).toBe(401);
      expect(expired.body).toMatchObject({ errors: [{ extensions: { code: 'SESSION_EXPIRED' } }] });
      // Ended for good: the row is gone, and the cookie was cleared.
      expect(officer.browser.cookies.has('__Secure-console-session')).toBe(false);
    } finally {
      clock.set(new Date(start).toISOString());
    }
  });

  it('signs out: the session ends and the browser is sent to the issuer to end its session there', async () => {
    const officer = await signInToConsole(console, 'kim', 'demo-kim');
    const noCsrf = await officer.browser.go(`${console.origin}/console/auth/logout`, { method: 'POST' });
    expect(noCsrf.status).toBe(403);
    const out = await officer.browser.go(`${console.origin}/console/auth/logout`, { method: 'POST', headers: { 'x-csrf-token': officer.csrfToken } });
    expect(out.status).toBe(200);
    const { endSessionUrl } = (await out.json()) as { endSessionUrl: string };
    expect(endSessionUrl.startsWith(`${console.provider.issuer}/session/end`)).toBe(true);
    expect((await officer.graphql({ query: '{ itemCatalog { key } }' })).status).toBe(401);
  });

  it('refuses a replayed or forged callback', async () => {
    const browser = new CookieBrowser();
    const forged = await browser.go(`${console.origin}/console/auth/callback?code=abc&state=xyz`);
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ errors: [{ extensions: { code: 'SIGN_IN_EXPIRED' } }] });
  });

  it('sends a sign-in only back into the console', async () => {
    const browser = new CookieBrowser();
    const toIssuer = await browser.go(`${console.origin}/console/auth/login?returnTo=//evil.example/x`);
    const page = await browser.follow(toIssuer, console.provider.issuer);
    const back = await browser.follow(await browser.submitLogin(await page.text(), console.provider.issuer, 'kim', 'demo-kim'), console.provider.issuer);
    const landed = await browser.go(back.headers.get('location') ?? '');
    expect(landed.headers.get('location')).toBe('/console/');
  });
});
