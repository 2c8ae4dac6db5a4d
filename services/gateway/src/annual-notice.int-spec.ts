import { DEMO_CLIENT_IDS, ProvisionRecord } from '@provision/db';
import { produceAnnualNotices } from '@provision/reports';
import { useSeededGateway } from './gateway.harness.js';
import { loadOperation } from './operations.harness.js';

// The annual provision notice over HTTP (PIPA Art. 20-2): a partner reads in 2026, the notices of
// 2026 are produced in January 2027, and the privacy officer reads one subject's as JSON and text.
const NOW = '2026-06-01T03:00:00Z';
const SELLER_SCOPES = ['partner:read', 'pii:receiver.name', 'pii:receiver.phone', 'pii:receiver.address', 'pii:customsCode'];

describe('annual provision notice', () => {
  const suite = useSeededGateway(NOW);

  async function notice(path: string, scopes = ['admin:read'], headers: Record<string, string> = {}) {
    const token = await suite.harness.token(DEMO_CLIENT_IDS.privacyAdmin, scopes);
    return fetch(`${suite.harness.base}/admin/subjects/${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
  }

  it("answers a subject's notice as the worker produced it from the ledger, as JSON with both texts and as one text", async () => {
    const token = await suite.harness.token(DEMO_CLIENT_IDS.hanbokHouse, SELLER_SCOPES);
    const { body } = await suite.harness.post({ query: loadOperation('partner/seller-orders') }, token, { 'x-request-id': 'req-annual-1' });
    expect(body.errors).toBeUndefined();
    const [row] = (await suite.db.orm.em.fork().find(ProvisionRecord, { requestId: 'req-annual-1' }, { populate: ['subject'] }))
      .filter((record) => record.itemsReleased.length > 0);
    const shopSubjectId = row!.subject.getEntity().shopSubjectId;
    await produceAnnualNotices(suite.db.orm.em.fork(), { year: 2026, now: new Date('2027-01-10T00:00:00Z') });

    const response = await notice(`${shopSubjectId}/annual-notice?year=2026`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const answer = (await response.json()) as { period: string; content: { provisions: { partner: { code: string }; items: string[] }[] }; text: { ko: string; en: string } };
    expect(answer.period).toBe('2026');
    const hanbok = answer.content.provisions.find((provision) => provision.partner.code === 'hanbok-house');
    expect(hanbok?.items).toEqual([...row!.itemsReleased].sort());
    expect(answer.text.ko).toContain('개인정보 이용·제공 내역 통지');
    expect(answer.text.en).toContain('Annual notice of the provision of your personal information');

    const text = await notice(`${shopSubjectId}/annual-notice?year=2026&lang=en`, ['admin:read'], { accept: 'text/plain' });
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await text.text()).toBe(answer.text.en);
  });

  it('answers 404 for a year not produced, 400 naming a bad year, 403 without admin:read', async () => {
    expect((await notice('member-0001/annual-notice?year=2025')).status).toBe(404);
    const bad = await notice('member-0001/annual-notice?year=26');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'year' } }] });
    expect((await notice('member-0001/annual-notice?year=2026', ['shop:read'])).status).toBe(403);
  });
});
