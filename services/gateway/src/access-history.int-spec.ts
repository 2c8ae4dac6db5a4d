import { AccessChange, Client, DEMO_CLIENT_IDS, Partner } from '@provision/db';
import { type GraphQLBody, useSeededGateway } from './gateway.harness.js';
import { loadOperation } from './operations.harness.js';

// The permission history and the client mutations end to end: HTTP, signed tokens, real PostgreSQL.
const NOW = '2026-03-02T01:00:00Z';
const MINUTE = 60 * 1000;
const ADMIN = DEMO_CLIENT_IDS.privacyAdmin;

const ACCESS_HISTORY = loadOperation('admin/access-history');
const ADD_CLIENT = loadOperation('admin/add-client');
const CHANGE_SCOPES = loadOperation('admin/change-client-scopes');
const REVOKE_CLIENT = loadOperation('admin/revoke-client');
const REGISTER = loadOperation('admin/register-partner');
const PUBLISH = loadOperation('admin/publish-agreement');
const SUSPEND = loadOperation('admin/suspend-partner');
const SELLER_ORDERS = loadOperation('partner/seller-orders');

interface Entry {
  id: string;
  at: string;
  actor: string;
  kind: string;
  partnerCode: string | null;
  clientId: string | null;
  backfilled: boolean;
  [field: string]: unknown;
}
interface HistoryPage {
  accessHistory: { nodes: Entry[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

const suite = useSeededGateway(NOW);

async function admin<TData>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLBody<TData>> {
  const token = await suite.harness.token(ADMIN, ['admin:read', 'admin:write']);
  return (await suite.harness.post<TData>({ query, variables }, token)).body;
}

async function history(variables: Record<string, unknown>): Promise<HistoryPage['accessHistory']> {
  const body = await admin<HistoryPage>(ACCESS_HISTORY, variables);
  expect(body.errors).toBeUndefined();
  return body.data!.accessHistory;
}

/** Moves the clock a minute so each change of a test gets its own instant. */
const tick = () => suite.harness.clock.set(new Date(suite.harness.clock.now().getTime() + MINUTE));

describe('permission history', () => {
  it('holds the demo seed: registration, status, agreement and client of each partner, by `seed`', async () => {
    const { nodes } = await history({ partnerCode: 'hanbok-house', first: 50 });
    expect(nodes.map((entry) => [entry.kind, entry.actor, entry.clientId])).toEqual([
      ['CLIENT_ADDED', 'seed', DEMO_CLIENT_IDS.hanbokHouse],
      ['AGREEMENT_PUBLISHED', 'seed', null],
      ['STATUS_CHANGED', 'seed', null],
      ['PARTNER_REGISTERED', 'seed', null],
    ]);
    const [client, agreement] = nodes;
    expect(client).toMatchObject({
      clientKind: 'PARTNER',
      scopes: ['partner:read', 'pii:customsCode', 'pii:receiver.address', 'pii:receiver.name', 'pii:receiver.phone'],
    });
    expect(agreement).toMatchObject({ agreementVersion: 1, retentionRule: 'P3M after purchase-confirmation', legalBasis: 'CONSENT' });
    expect(agreement!['grants']).toHaveLength(8);
    // Staff clients have no partner.
    const staff = await history({ clientId: ADMIN, first: 5 });
    expect(staff.nodes).toEqual([expect.objectContaining({ kind: 'CLIENT_ADDED', partnerCode: null, clientKind: 'ADMIN' })]);
  });

  it('records every registry and client change with the admin as actor, in the same transaction', async () => {
    const start = suite.harness.clock.now();
    const registered = await admin<{ registerPartner: { partner: { id: string } } }>(REGISTER, {
      input: {
        code: 'gangnam-outlet',
        nameKo: '강남아울렛',
        nameEn: 'Gangnam Outlet',
        kind: 'RECIPIENT',
        role: 'SELLER',
        privacyContact: { name: 'Privacy Officer', email: 'privacy@gangnam-outlet.example' },
        clientIds: ['seller-gangnam-outlet'],
      },
    });
    const partnerId = registered.data!.registerPartner.partner.id;
    tick();
    await admin(PUBLISH, {
      input: {
        partnerId,
        grants: [
          { item: 'receiver.name', purpose: 'order.delivery' },
          { item: 'receiver.address', purpose: 'order.delivery' },
        ],
        retentionRule: 'P3M after purchase-confirmation',
        legalBasis: 'CONSENT',
        consentRequired: true,
      },
    });
    tick();
    const added = await admin<{ addClient: { scopes: string[]; addedBy: string } }>(ADD_CLIENT, {
      input: { clientId: 'seller-gangnam-outlet-2', kind: 'PARTNER', partnerId, scopes: ['pii:receiver.name', 'partner:read'] },
    });
    expect(added.data!.addClient).toMatchObject({ scopes: ['partner:read', 'pii:receiver.name'], addedBy: ADMIN });
    tick();
    const changed = await admin<{ changeClientScopes: { scopes: string[] } }>(CHANGE_SCOPES, {
      input: { clientId: 'seller-gangnam-outlet', scopes: ['partner:read', 'pii:receiver.name'], reason: 'address not needed' },
    });
    expect(changed.data!.changeClientScopes.scopes).toEqual(['partner:read', 'pii:receiver.name']);
    // The same set again is no change and records nothing.
    await admin(CHANGE_SCOPES, {
      input: { clientId: 'seller-gangnam-outlet', scopes: ['pii:receiver.name', 'partner:read'], reason: 'again' },
    });
    tick();
    await admin(REVOKE_CLIENT, { input: { clientId: 'seller-gangnam-outlet-2', reason: 'pilot ended' } });
    tick();
    const effectiveAt = new Date(suite.harness.clock.now().getTime() + 60 * MINUTE).toISOString();
    await admin(SUSPEND, { input: { partnerId, reason: 'audit finding', effectiveAt } });
    tick();
    const staff = await admin<{ addClient: { partnerId: string | null } }>(ADD_CLIENT, {
      input: { clientId: 'privacy-auditor', kind: 'ADMIN', scopes: ['admin:read'] },
    });
    expect(staff.data!.addClient.partnerId).toBeNull();

    const { nodes } = await history({ from: start.toISOString(), first: 50 });
    const brief = nodes.map(({ kind, actor, partnerCode, clientId }) => [kind, actor, partnerCode, clientId]);
    expect(brief).toEqual([
      ['CLIENT_ADDED', ADMIN, null, 'privacy-auditor'],
      ['STATUS_CHANGED', ADMIN, 'gangnam-outlet', null],
      ['CLIENT_REVOKED', ADMIN, 'gangnam-outlet', 'seller-gangnam-outlet-2'],
      ['CLIENT_SCOPES_CHANGED', ADMIN, 'gangnam-outlet', 'seller-gangnam-outlet'],
      ['CLIENT_ADDED', ADMIN, 'gangnam-outlet', 'seller-gangnam-outlet-2'],
      ['CLIENT_SCOPES_CHANGED', ADMIN, 'gangnam-outlet', 'seller-gangnam-outlet'],
      ['AGREEMENT_PUBLISHED', ADMIN, 'gangnam-outlet', null],
      ['CLIENT_ADDED', ADMIN, 'gangnam-outlet', 'seller-gangnam-outlet'],
      ['STATUS_CHANGED', ADMIN, 'gangnam-outlet', null],
      ['PARTNER_REGISTERED', ADMIN, 'gangnam-outlet', null],
    ]);
    const [auditor, suspended, revoked, narrowed, secondClient, widened, agreement, firstClient, active, registration] = nodes;
    expect(auditor).toMatchObject({ clientKind: 'ADMIN', scopes: ['admin:read'], backfilled: false });
    expect(suspended).toMatchObject({ status: 'SUSPENDED', reason: 'audit finding', effectiveAt });
    expect(revoked).toMatchObject({ clientKind: 'PARTNER', scopes: ['partner:read', 'pii:receiver.name'], reason: 'pilot ended' });
    expect(narrowed).toMatchObject({
      scopesBefore: ['partner:read', 'pii:receiver.address', 'pii:receiver.name'],
      scopesAfter: ['partner:read', 'pii:receiver.name'],
      reason: 'address not needed',
    });
    expect(secondClient).toMatchObject({ scopes: ['partner:read', 'pii:receiver.name'] });
    // Publishing widened the existing client's scopes: that is a change of access too.
    expect(widened).toMatchObject({
      scopesBefore: ['partner:read'],
      scopesAfter: ['partner:read', 'pii:receiver.address', 'pii:receiver.name'],
      reason: 'agreement version 1 published',
    });
    expect(agreement).toMatchObject({
      agreementVersion: 1,
      consentRequired: true,
      grants: [
        { item: 'receiver.address', purpose: 'order.delivery' },
        { item: 'receiver.name', purpose: 'order.delivery' },
      ],
    });
    expect(firstClient).toMatchObject({ clientKind: 'PARTNER', scopes: ['partner:read'] });
    expect(active).toMatchObject({ status: 'ACTIVE', reason: 'registered' });
    expect(registration).toMatchObject({ partnerKind: 'RECIPIENT', role: 'SELLER', country: 'KR', parentPartnerCode: null });
  });

  it('refuses bad client changes with the field named, and records nothing', async () => {
    const em = suite.db.orm.em.fork();
    const hanbok = await em.findOneOrFail(Partner, { code: 'hanbok-house' });
    const refusals: [string, Record<string, unknown>, string][] = [
      [ADD_CLIENT, { clientId: 'seller-x', kind: 'PARTNER', partnerId: hanbok.id, scopes: ['partner:read', 'pii:email'] }, 'scopes[1]'],
      [ADD_CLIENT, { clientId: 'seller-x', kind: 'PARTNER', partnerId: hanbok.id, scopes: ['admin:write'] }, 'scopes[0]'],
      [ADD_CLIENT, { clientId: 'seller-x', kind: 'PARTNER', partnerId: hanbok.id, scopes: ['pii:nickname'] }, 'scopes[0]'],
      [ADD_CLIENT, { clientId: 'shop-x', kind: 'SHOP', partnerId: hanbok.id, scopes: ['shop:read'] }, 'partnerId'],
      [ADD_CLIENT, { clientId: 'shop-x', kind: 'SHOP', scopes: ['shop:read', 'pii:name'] }, 'scopes[1]'],
      [ADD_CLIENT, { clientId: 'seller-x', kind: 'PARTNER', scopes: ['partner:read'] }, 'partnerId'],
      [ADD_CLIENT, { clientId: DEMO_CLIENT_IDS.shopBackend, kind: 'SHOP', scopes: ['shop:read'] }, 'clientId'],
      [ADD_CLIENT, { clientId: 'Bad Id', kind: 'SHOP', scopes: ['shop:read'] }, 'clientId'],
      [CHANGE_SCOPES, { clientId: 'nobody-here', scopes: ['shop:read'], reason: 'x' }, 'clientId'],
      [CHANGE_SCOPES, { clientId: DEMO_CLIENT_IDS.hanbokHouse, scopes: ['partner:read', 'partner:read'], reason: 'x' }, 'scopes[1]'],
      [REVOKE_CLIENT, { clientId: ADMIN, reason: 'oops' }, 'clientId'],
    ];
    const before = await em.count(AccessChange);
    for (const [query, input, field] of refusals) {
      const body = await admin(query, { input });
      expect([field, body.errors?.[0]?.extensions]).toEqual([field, expect.objectContaining({ code: 'BAD_USER_INPUT', field })]);
    }
    expect(await em.count(AccessChange)).toBe(before);
    expect(await em.count(Client, { clientId: { $in: ['seller-x', 'shop-x'] } })).toBe(0);
  });

  it('a client revoked through revokeClient is refused at once, with a token minted before', async () => {
    const sellerToken = await suite.harness.token(DEMO_CLIENT_IDS.seoulSneakers, ['partner:read', 'pii:receiver.name']);
    const before = await suite.harness.post({ query: SELLER_ORDERS, variables: {} }, sellerToken);
    expect(before.response.status).toBe(200);

    const revoked = await admin<{ revokeClient: { revokedAt: string } }>(REVOKE_CLIENT, {
      input: { clientId: DEMO_CLIENT_IDS.seoulSneakers, reason: 'credentials leaked' },
    });
    expect(revoked.data!.revokeClient.revokedAt).toBe(suite.harness.clock.now().toISOString());

    const after = await suite.harness.post({ query: SELLER_ORDERS, variables: {} }, sellerToken);
    expect(after.response.status).toBe(401);
    expect(after.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    // Revocation is final: no second revocation, no new scopes.
    const again = await admin(REVOKE_CLIENT, { input: { clientId: DEMO_CLIENT_IDS.seoulSneakers, reason: 'again' } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'clientId' });
  });

  it('pages newest first with a stable cursor, and filters by client and time', async () => {
    // 50, the operation's default: with every field of an entry selected, a page costs 86.75 per entry
    // under the query-cost limit (5,000 by default), so 57 is the most this selection may ask for.
    const all = await history({ first: 50 });
    expect(all.pageInfo.hasNextPage).toBe(false);
    const times = all.nodes.map((entry) => Date.parse(entry.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const walked: Entry[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page += 1) {
      const result: HistoryPage['accessHistory'] = await history({ first: 3, after });
      walked.push(...result.nodes);
      if (!result.pageInfo.hasNextPage) break;
      after = result.pageInfo.endCursor;
    }
    expect(walked.map((entry) => entry.id)).toEqual(all.nodes.map((entry) => entry.id));

    const seedTime = all.nodes[all.nodes.length - 1]!.at;
    const seedOnly = await history({ to: new Date(Date.parse(seedTime) + 1).toISOString(), first: 50 });
    expect(seedOnly.nodes.every((entry) => entry.actor === 'seed')).toBe(true);
    expect(seedOnly.nodes).toHaveLength(all.nodes.filter((entry) => entry.actor === 'seed').length);

    const forClient = await history({ clientId: DEMO_CLIENT_IDS.seoulSneakers, first: 50 });
    expect(forClient.nodes.map((entry) => entry.kind)).toEqual(['CLIENT_REVOKED', 'CLIENT_ADDED']);

    const bad = await admin(ACCESS_HISTORY, { after: 'bm90LWEtY3Vyc29y' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const unknown = await admin(ACCESS_HISTORY, { partnerCode: 'no-such-partner' });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'partnerCode' });
  });

  it('needs admin:read to read and admin:write to change', async () => {
    const reader = await suite.harness.token(ADMIN, ['admin:read']);
    const denied = await suite.harness.post({ query: REVOKE_CLIENT, variables: { input: { clientId: 'ktis-callcenter', reason: 'x' } } }, reader);
    expect(denied.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const shop = await suite.harness.token(DEMO_CLIENT_IDS.shopBackend, ['shop:read']);
    const refused = await suite.harness.post({ query: ACCESS_HISTORY, variables: {} }, shop);
    expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(await suite.db.orm.em.fork().count(Client, { clientId: 'ktis-callcenter', revokedAt: null })).toBe(1);
  });
});
