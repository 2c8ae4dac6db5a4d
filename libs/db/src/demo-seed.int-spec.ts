import { createTestDatabase, type TestDatabase } from '@provision/testing';
import { ManualClock } from '@provision/util';
import { DEMO_CLIENT_IDS, seedDemo } from './demo-seed.js';
import { Client, ENTITIES, Order, Partner, Subject } from './entities/index.js';
import { itemValue } from './subject-items.js';

const DAY = 24 * 60 * 60 * 1000;

describe('seedDemo', () => {
  let db: TestDatabase;
  const clock = new ManualClock('2026-06-01T09:00:00Z');

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  const rowCounts = async () => {
    const connection = db.orm.em.fork().getConnection();
    const counts: Record<string, number> = {};
    for (const { tableName } of db.orm.getMetadata().getAll().values()) {
      const [{ count }] = await connection.execute<{ count: string }[]>(`select count(*) from "${tableName}"`);
      counts[tableName] = Number(count);
    }
    expect(Object.keys(counts)).toHaveLength(ENTITIES.length);
    return counts;
  };

  it('seeds once, and a second run (even days later) adds nothing', async () => {
    const first = await seedDemo(db.orm.em.fork(), clock, db.keyring);
    expect(first).toMatchObject({ partners: 9, clients: 10, orders: 5 });
    const afterFirst = await rowCounts();

    clock.advance(3 * DAY);
    const second = await seedDemo(db.orm.em.fork(), clock, db.keyring);
    expect(Object.values(second).every((count) => count === 0)).toBe(true);
    expect(await rowCounts()).toEqual(afterFirst);
  });

  it('registers the demo clients with the scopes their agreements need', async () => {
    const clients = await db.orm.em.fork().find(Client, {}, { populate: ['partner'] });
    expect(clients.map((client) => client.clientId).sort()).toEqual(Object.values(DEMO_CLIENT_IDS).sort());

    const seller = clients.find((client) => client.clientId === DEMO_CLIENT_IDS.hanbokHouse);
    expect(seller?.partner?.$.code).toBe('hanbok-house');
    expect(seller?.allowedScopes).toEqual(
      expect.arrayContaining(['partner:read', 'pii:receiver.name', 'pii:receiver.phone', 'pii:receiver.address', 'pii:customsCode']),
    );
    expect(seller?.allowedScopes).not.toContain('pii:email');
    const admin = clients.find((client) => client.clientId === DEMO_CLIENT_IDS.privacyAdmin);
    expect(admin).toMatchObject({ kind: 'ADMIN', partner: null, allowedScopes: ['admin:read', 'admin:write'] });
  });

  it('places orders around the sellers’ three-month window, relative to the clock of the first run', async () => {
    const seededAt = new Date('2026-06-01T09:00:00Z').getTime();
    const orders = await db.orm.em.fork().find(Order, {}, { populate: ['statusEvents'], orderBy: { shopOrderId: 'asc' } });
    const confirmedDaysAgo = orders.map((order) =>
      order.purchaseConfirmedAt ? (seededAt - order.purchaseConfirmedAt.getTime()) / DAY : null,
    );
    expect(confirmedDaysAgo).toEqual([10, 100, null, null, null]);
    expect(orders.map((order) => order.status)).toEqual(['PURCHASE_CONFIRMED', 'PURCHASE_CONFIRMED', 'SHIPPED', 'DELIVERED', 'SHIPPED']);
    const timeline = orders[0].statusEvents.getItems().sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    expect(timeline.map((event) => event.status)).toEqual(['PLACED', 'PAID', 'SHIPPED', 'DELIVERED', 'PURCHASE_CONFIRMED']);
    // Delivery completion is the DELIVERED step of each timeline: MIK-DEMO-0004 (Skin Dermatech, whose
    // window closes a day after delivery) was delivered on the day 3 days ago, at its fourth step's hour.
    for (const order of orders) {
      const step = order.statusEvents.getItems().find((event) => event.status === 'DELIVERED');
      expect(order.deliveredAt).toEqual(step?.occurredAt ?? null);
    }
    expect(seededAt - orders[3].deliveredAt!.getTime()).toBe(3 * DAY - 3 * 60 * 60 * 1000);
  });

  it('keeps consignees and re-usable partner data consistent', async () => {
    const em = db.orm.em.fork();
    const consignees = await em.find(Partner, { kind: 'CONSIGNEE' }, { orderBy: { code: 'asc' } });
    expect(consignees.map((partner) => partner.code)).toEqual(['impix-visionmeet', 'korea-mobile-certification', 'ktis']);
    // Each consigned task in both languages of the policy: the Korean page never shows the English text.
    expect(consignees.every((partner) => /[가-힣]/.test(partner.consignedTaskKo ?? '') && /^[\x20-\x7e]+$/.test(partner.consignedTaskEn ?? ''))).toBe(true);
    expect(consignees.find((partner) => partner.code === 'impix-visionmeet')).toMatchObject({ consignedTaskKo: '시스템 유지보수', consignedTaskEn: 'System maintenance' });
    const subjects = await em.find(Subject, {});
    // Stored sealed, in the real formats: P and 12 digits, CI of 88 characters, DI of 64.
    const held = (item: 'customsCode' | 'ci' | 'di') => subjects.flatMap((subject) => itemValue(subject, item, db.keyring) ?? []);
    expect(held('customsCode').length).toBeGreaterThan(0);
    expect(held('customsCode').every((code) => /^P\d{12}$/.test(code))).toBe(true);
    expect(held('ci').every((ci) => /^[A-Za-z0-9+/]{86}==$/.test(ci))).toBe(true);
    expect(held('di').every((di) => di.length === 64)).toBe(true);
    expect(subjects.every((subject) => subject.customsCode === null || subject.customsCode.startsWith('v1.'))).toBe(true);
  });
});
