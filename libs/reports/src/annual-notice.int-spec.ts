import { RequestLedger } from '@provision/audit';
import { AnnualProvisionNotice, nativePool, openOrm, Partner, ProvisionRecord, seedDemo, Subject } from '@provision/db';
import { addLedgerSubjects, createTestDatabase, type TestDatabase } from '@provision/testing';
import { ManualClock } from '@provision/util';
import { annualNoticeText, type AnnualNoticeContent, findAnnualNotice, produceAnnualNotices } from './annual-notice.js';

// The annual provision notice (PIPA Art. 20-2) from the ledger, as the application's role: content
// equal to what the ledger shows for the year, and a run stopped midway that a rerun completes
// without producing anything twice or missing anyone.
const NOW = new Date('2027-01-10T00:00:00Z');
const YEAR = 2026;
const SELLERS = ['hanbok-house', 'seoul-sneakers'];

/** What the ledger says each subject's notice must hold, computed here row by row (independently of the SQL). */
function expectedFromLedger(rows: readonly ProvisionRecord[]): Map<string, AnnualNoticeContent['provisions']> {
  const from = Date.parse('2025-12-31T15:00:00Z');
  const to = Date.parse('2026-12-31T15:00:00Z');
  const groups = new Map<string, { subject: string; partner: Partner; purpose: string; items: Set<string>; times: number[] }>();
  for (const row of rows) {
    const at = row.occurredAt.getTime();
    if (row.actorKind !== 'PARTNER' || row.itemsReleased.length === 0 || at < from || at >= to) continue;
    const partner = row.partner!.getEntity();
    const subject = row.subject.getEntity().shopSubjectId;
    const key = `${subject}|${partner.code}|${row.purpose}`;
    const group = groups.get(key) ?? { subject, partner, purpose: row.purpose, items: new Set<string>(), times: [] };
    row.itemsReleased.forEach((item) => group.items.add(item));
    group.times.push(at);
    groups.set(key, group);
  }
  const bySubject = new Map<string, AnnualNoticeContent['provisions']>();
  for (const group of [...groups.values()].sort((a, b) => (a.partner.code + a.purpose < b.partner.code + b.purpose ? -1 : 1))) {
    const provisions = bySubject.get(group.subject) ?? [];
    provisions.push({
      partner: { code: group.partner.code, nameKo: group.partner.nameKo, nameEn: group.partner.nameEn, kind: group.partner.kind },
      purpose: group.purpose,
      items: [...group.items].sort(),
      releases: group.times.length,
      firstProvidedAt: new Date(Math.min(...group.times)).toISOString(),
      lastProvidedAt: new Date(Math.max(...group.times)).toISOString(),
    });
    bySubject.set(group.subject, provisions);
  }
  return bySubject;
}

describe('annual provision notices', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.orm.em.fork(), new ManualClock(NOW), db.keyring);
    const em = db.orm.em.fork();
    await addLedgerSubjects(em, 40);
    const subjects = await em.find(Subject, {}, { orderBy: { shopSubjectId: 'asc' } });
    const partners = await em.find(Partner, { code: { $in: [...SELLERS, 'incheon-customs-brokerage'] } }, { orderBy: { code: 'asc' } });
    const pool = await nativePool(em);
    // Through the real ledger write: per request, one partner reads some subjects — in the year,
    // on its edges (00:00 KST of 1 January 2026 is in, of 2027 is out), before it, and denials only.
    const times = ['2025-12-31T14:59:59Z', '2025-12-31T15:00:00Z', '2026-03-01T03:00:00Z', '2026-07-15T10:00:00Z', '2026-12-31T14:59:59Z', '2026-12-31T15:00:00Z'];
    let request = 0;
    for (const [t, at] of times.entries()) {
      for (const [p, partner] of partners.entries()) {
        const ledger = new RequestLedger({ actorKind: 'PARTNER', partnerId: partner.id, clientId: `client-${partner.code}`, tokenId: `jti-${(request += 1)}`, requestId: `annual-${request}` });
        subjects.forEach((subject, s) => {
          if ((s + t + p) % 3 === 0) return;
          const purpose = partner.code === 'incheon-customs-brokerage' ? 'customs.clearance' : s % 2 === 0 ? 'order.delivery' : 'order.customer-service';
          ledger.record({ purpose, subjectId: subject.id, orderId: null, item: 'receiver.name', denied: null });
          ledger.record({ purpose, subjectId: subject.id, orderId: null, item: t % 2 === 0 ? 'receiver.address' : 'receiver.phone', denied: s % 5 === 0 ? 'SCOPE_MISSING' : null });
        });
        await ledger.flush(pool, new Date(at));
      }
    }
    // An admin's read for the subject's own access request is not a provision.
    const admin = new RequestLedger({ actorKind: 'ADMIN', clientId: 'privacy-admin', tokenId: null, requestId: 'annual-admin', person: null });
    admin.record({ purpose: 'subject-rights.access', subjectId: subjects[0]!.id, orderId: null, item: 'email', denied: null });
    await admin.flush(pool, new Date('2026-05-01T00:00:00Z'));
  });
  afterAll(() => db.drop());

  const stored = async () =>
    new Map(
      (await db.orm.em.fork().find(AnnualProvisionNotice, { period: String(YEAR) })).map((notice) => {
        const content = notice.content as unknown as AnnualNoticeContent;
        return [content.shopSubjectId, content] as const;
      }),
    );

  it('refuses a year that has not ended', async () => {
    await expect(produceAnnualNotices(db.orm.em.fork(), { year: 2027, now: NOW })).rejects.toMatchObject({ field: 'year' });
  });

  it('stopped midway, resumes on the rerun: every subject of the ledger once, with exactly what the ledger shows', async () => {
    const ledger = await db.orm.em.fork().find(ProvisionRecord, {}, { populate: ['partner', 'subject'] });
    const expected = expectedFromLedger(ledger);
    expect(expected.size).toBeGreaterThan(20);

    // Stop after the second batch, as a stopping worker would.
    const stop = new AbortController();
    let batches = 0;
    const counting = await openOrm(db.url, {
      poolSize: 1,
      onQuery: (statement) => {
        if (statement.includes('insert into annual_provision_notices') && (batches += 1) === 2) stop.abort();
      },
    });
    try {
      const first = await produceAnnualNotices(counting.em.fork(), { year: YEAR, now: NOW, batchSize: 7, signal: stop.signal });
      expect(first).toMatchObject({ period: '2026', batches: 2, resumed: false, stopped: true });
      expect((await stored()).size).toBe(first.produced);
      expect(first.produced).toBeLessThan(expected.size);
    } finally {
      await counting.close(true);
    }

    const second = await produceAnnualNotices(db.orm.em.fork(), { year: YEAR, now: NOW, batchSize: 7 });
    expect(second).toMatchObject({ resumed: true, stopped: false });
    const notices = await stored();
    expect(new Map([...notices].map(([subject, content]) => [subject, content.provisions]))).toEqual(expected);
    expect([...notices.values()][0]).toMatchObject({ schemaVersion: 1, period: '2026', from: '2025-12-31T15:00:00.000Z', to: '2026-12-31T15:00:00.000Z' });

    const third = await produceAnnualNotices(db.orm.em.fork(), { year: YEAR, now: NOW, batchSize: 7 });
    expect(third.produced).toBe(0);
    expect(await db.orm.em.fork().count(AnnualProvisionNotice, {})).toBe(expected.size);
  });

  it('renders the notice in Korean and English from its content, with partner names and catalog labels', async () => {
    const [someone] = [...(await stored()).keys()];
    const notice = await findAnnualNotice(db.orm.em.fork(), someone!, YEAR);
    expect(notice?.producedAt).toEqual(NOW);
    const ko = annualNoticeText(notice!.content, 'ko', null);
    const en = annualNoticeText(notice!.content, 'en', null);
    const partner = await db.orm.em.fork().findOneOrFail(Partner, { code: notice!.content.provisions[0]!.partner.code });
    expect(ko).toContain('개인정보 이용·제공 내역 통지 (개인정보 보호법 제20조의2) — 2026');
    expect(ko).toContain('2026-01-01부터 2026-12-31까지');
    expect(ko).toContain(partner.nameKo);
    expect(ko).toContain('수령인');
    expect(en).toContain('from 2026-01-01 to 2026-12-31');
    expect(en).toContain(partner.nameEn);
    expect(await findAnnualNotice(db.orm.em.fork(), someone!, 2025)).toBeNull();
  });
});
