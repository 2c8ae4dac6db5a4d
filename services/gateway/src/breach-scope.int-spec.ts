import { DEMO_CLIENT_IDS, ProvisionRecord, Subject } from '@provision/db';
import { useSeededGateway } from './gateway.harness.js';
import { loadOperation } from './operations.harness.js';

// Breach scope over HTTP (PIPA Art. 34): a partner's request is ledgered, then the privacy officer
// asks which subjects and items a leaked token, client or partner carried.
const NOW = '2026-03-01T03:00:00Z';
const SELLER_SCOPES = ['partner:read', 'pii:receiver.name', 'pii:receiver.phone', 'pii:receiver.address', 'pii:customsCode'];

interface Scope {
  subjects: number;
  releases: number;
  items: { key: string }[];
  uniqueIdentifiers: { key: string }[];
  thresholdCrossed: boolean;
  regulatorNotificationRequired: boolean;
  perSubject: { shopSubjectId: string; items: string[] }[];
  noticeDraft: Record<string, { en: string; ko: string }>;
}

describe('breach scope (PIPA Art. 34)', () => {
  const suite = useSeededGateway(NOW);

  async function scope(query: string, scopes = ['admin:read']) {
    const token = await suite.harness.token(DEMO_CLIENT_IDS.privacyAdmin, scopes);
    return fetch(`${suite.harness.base}/admin/breach-scope?${query}`, { headers: { authorization: `Bearer ${token}` } });
  }

  it('answers from the ledger which subjects and items a leaked token carried, and whether to tell the regulator', async () => {
    const token = await suite.harness.token(DEMO_CLIENT_IDS.hanbokHouse, SELLER_SCOPES);
    const { body } = await suite.harness.post({ query: loadOperation('partner/seller-orders') }, token, { 'x-request-id': 'req-breach-1' });
    expect(body.errors).toBeUndefined();
    const em = suite.db.orm.em.fork();
    const rows = await em.find(ProvisionRecord, { requestId: 'req-breach-1' });
    const released = rows.filter((row) => row.itemsReleased.length > 0);
    expect(released.length).toBeGreaterThan(0);
    const subjects = await em.find(Subject, { id: { $in: released.map((row) => row.subject.id) } });

    const response = await scope(`jti=${encodeURIComponent(rows[0]!.tokenId!)}`);
    expect(response.status).toBe(200);
    const answer = (await response.json()) as Scope;
    expect(answer.subjects).toBe(subjects.length);
    expect(answer.releases).toBe(released.length);
    expect(answer.perSubject.map((entry) => entry.shopSubjectId).sort()).toEqual(subjects.map((subject) => subject.shopSubjectId).sort());
    expect(new Set(answer.items.map((item) => item.key))).toEqual(new Set(released.flatMap((row) => row.itemsReleased)));
    expect(answer.uniqueIdentifiers.map((item) => item.key)).toEqual(['customsCode']);
    expect([answer.thresholdCrossed, answer.regulatorNotificationRequired]).toEqual([false, true]);
    expect(Object.keys(answer.noticeDraft)).toEqual(['items', 'whenAndHow', 'whatYouCanDo', 'whatWeDid', 'contact']);
    // Items are named, never valued.
    for (const subject of subjects) expect(JSON.stringify(answer)).not.toContain(subject.name ?? '\u0000');

    const byPartner = (await (await scope('partner=hanbok-house')).json()) as Scope;
    expect(byPartner.subjects).toBeGreaterThanOrEqual(answer.subjects);
    const nothing = (await (await scope('jti=never-issued')).json()) as Scope;
    expect([nothing.subjects, nothing.regulatorNotificationRequired]).toEqual([0, false]);
  });

  it('answers by client id and by period alone, each from the ledger rows it names', async () => {
    const token = await suite.harness.token(DEMO_CLIENT_IDS.hanbokHouse, SELLER_SCOPES);
    const { body } = await suite.harness.post({ query: loadOperation('partner/seller-orders') }, token, { 'x-request-id': 'req-breach-2' });
    expect(body.errors).toBeUndefined();
    const released = (await suite.db.orm.em.fork().find(ProvisionRecord, { requestId: 'req-breach-2' }, { populate: ['subject'] }))
      .filter((row) => row.itemsReleased.length > 0);
    const shopIds = released.map((row) => row.subject.getEntity().shopSubjectId);
    const subjectsOf = async (query: string) => ((await (await scope(query)).json()) as Scope).perSubject.map((entry) => entry.shopSubjectId);

    expect(await subjectsOf(`clientId=${DEMO_CLIENT_IDS.hanbokHouse}`)).toEqual(expect.arrayContaining(shopIds));
    expect(await subjectsOf(`clientId=${DEMO_CLIENT_IDS.seoulSneakers}`)).toEqual(expect.not.arrayContaining(shopIds));
    // An admin's client reads for subjects, never provides to a partner.
    expect(await subjectsOf(`clientId=${DEMO_CLIENT_IDS.privacyAdmin}`)).toEqual([]);
    const at = Date.parse(NOW);
    const period = (from: number, to: number) => `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;
    expect(await subjectsOf(period(at - 60_000, at + 60_000))).toEqual(expect.arrayContaining(shopIds));
    expect(await subjectsOf(period(at - 120_000, at - 60_000))).toEqual([]);
  });

  it('refuses a question without bounds, an unknown partner, and a caller without admin:read', async () => {
    const unbounded = await scope('');
    expect(unbounded.status).toBe(400);
    expect(await unbounded.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'partner' } }] });
    expect((await scope('partner=no-such-partner')).status).toBe(400);
    expect((await scope('partner=hanbok-house', ['shop:read'])).status).toBe(403);
  });
});
