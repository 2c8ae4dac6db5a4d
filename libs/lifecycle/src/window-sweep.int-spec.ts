import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  Agreement,
  Notice,
  openOrm,
  Order,
  Partner,
  PartnerStatusChange,
  seedDemo,
  Subject,
  Subscription,
  SupportCase,
} from '@provision/db';
import { parseRetentionRule, windowClosesAt, type RetentionAnchors, type PartnerStatus } from '@provision/domain';
import { createTestDatabase, type TestDatabase } from '@provision/testing';
import { ManualClock } from '@provision/util';
import { MAX_ENGAGEMENTS_PER_NOTICE, runWindowSweep, type WindowClosedPayload, type WindowSweepResult } from './window-sweep.js';

// The seed's "now": MIK-DEMO-0002 was confirmed 100 days before it (closed), MIK-DEMO-0001 10 days
// before (open until three months later), SUB-DEMO-0002 ended 30 days before (six months to go).
const SEEDED_AT = '2026-06-01T03:00:00.000Z';
const DAY = 24 * 60 * 60 * 1000;
const P3M_AFTER_CONFIRMATION = parseRetentionRule('P3M after purchase-confirmation');

interface ClosureRow {
  partner: string;
  shopId: string;
  closedAt: Date;
  noticeId: string;
}

interface WindowNotice {
  id: string;
  partner: string;
  payload: WindowClosedPayload;
}

let db: TestDatabase | undefined;
let clock: ManualClock;

/** A fresh database with the demo data, seeded at SEEDED_AT; the clock starts there. */
async function seeded(): Promise<MikroORM> {
  db = await createTestDatabase();
  clock = new ManualClock(SEEDED_AT);
  await seedDemo(db.orm.em.fork(), clock, db.keyring);
  return db.orm;
}

afterEach(async () => {
  await db?.drop();
  db = undefined;
});

async function closures(orm: MikroORM): Promise<ClosureRow[]> {
  const rows = await orm.em.fork().execute<{ code: string; shop_id: string; closed_at: string; notice_id: string }[]>(
    `select p.code, coalesce(o.shop_order_id, s.shop_subscription_id, c.shop_case_id) as shop_id, w.closed_at, w.notice_id
     from window_closures w
     join partners p on p.id = w.partner_id
     left join orders o on o.id = w.order_id
     left join subscriptions s on s.id = w.subscription_id
     left join support_cases c on c.id = w.support_case_id
     order by p.code, shop_id`,
  );
  return rows.map((row) => ({ partner: row.code, shopId: row.shop_id, closedAt: new Date(row.closed_at), noticeId: row.notice_id }));
}

async function windowNotices(orm: MikroORM): Promise<WindowNotice[]> {
  const em = orm.em.fork();
  const notices = await em.find(Notice, { type: 'window-closed' }, { populate: ['partner'], orderBy: { id: 'asc' } });
  return notices
    .map((notice) => ({ id: notice.id, partner: notice.partner.getEntity().code, payload: notice.payload as unknown as WindowClosedPayload }))
    .sort((a, b) => a.partner.localeCompare(b.partner) || a.payload.part - b.payload.part);
}

/** Every shop id a notice listed, per partner: `partner shopId`. */
function listed(notices: readonly WindowNotice[]): string[] {
  return notices
    .flatMap((notice) =>
      [...notice.payload.orders, ...notice.payload.subscriptions, ...notice.payload.supportCases].map(
        (engagement) => `${notice.partner} ${engagement.shopId}`,
      ),
    )
    .sort();
}

async function confirmedAt(orm: MikroORM, shopOrderId: string): Promise<Date> {
  const order = await orm.em.fork().findOneOrFail(Order, { shopOrderId });
  return order.purchaseConfirmedAt as Date;
}

async function partnerId(em: EntityManager, code: string): Promise<string> {
  return (await em.findOneOrFail(Partner, { code })).id;
}

/** Registers a partner (ACTIVE since `since`) with one agreement version holding `retentionRule`. */
function addPartner(em: EntityManager, code: string, role: Partner['role'], retentionRule: string, since: Date): Partner {
  const partner = em.create(Partner, {
    code,
    nameKo: code,
    nameEn: code,
    kind: role === 'SUPPORT' ? 'CONSIGNEE' : 'RECIPIENT',
    role,
    privacyContactName: 'Test Contact',
    privacyContactEmail: `privacy@${code}.example`,
    registeredAt: since,
    registeredBy: 'test',
  });
  em.create(PartnerStatusChange, { partner, status: 'ACTIVE', reason: 'registered', effectiveAt: since, recordedAt: since, recordedBy: 'test' });
  addAgreement(em, partner, 1, retentionRule, since);
  return partner;
}

function addAgreement(em: EntityManager, partner: Partner, version: number, retentionRule: string, effectiveFrom: Date): void {
  em.create(Agreement, {
    partner,
    version,
    retentionRule,
    legalBasis: partner.kind === 'CONSIGNEE' ? 'CONTRACT' : 'STATUTE',
    consentRequired: false,
    effectiveFrom,
    publishedAt: effectiveFrom,
    publishedBy: 'test',
  });
}

/** One ledger row of `partner` about `subject` (its own chain, placeholder hash: the sweep reads no chain column). */
async function addLedgerRow(
  orm: MikroORM,
  row: { partner: string; subject: string; order: string | null; at: Date; released: readonly string[] },
): Promise<void> {
  const denied = row.released.length === 0 ? '[{"item": "customsCode", "reason": "CONSENT_MISSING"}]' : '[]';
  await orm.em.fork().execute(
    `insert into provision_records (occurred_at, partner_id, client_id, purpose, subject_id, order_id, items_released, items_denied,
                                    request_id, chain_key, chain_seq, hash)
     select ?::timestamptz, ?, 'test', 'order.delivery', ?, ?, ?::text[], ?::jsonb, r.id, 'test:' || r.id, 1, sha256(r.id::bytea)
       from (select gen_random_uuid()::text as id) r`,
    [row.at.toISOString(), row.partner, row.subject, row.order, `{${row.released.join(',')}}`, denied],
  );
}

async function changeStatus(orm: MikroORM, code: string, status: PartnerStatus): Promise<void> {
  const em = orm.em.fork();
  const partner = await em.findOneOrFail(Partner, { code });
  em.create(PartnerStatusChange, { partner, status, reason: 'test', effectiveAt: clock.now(), recordedAt: clock.now(), recordedBy: 'test' });
  await em.flush();
}

describe('runWindowSweep on the demo data', () => {
  it('closes the order confirmed 100 days ago with one window-closed notice to its seller, and a second sweep adds nothing', async () => {
    const orm = await seeded();

    // MIK-DEMO-0002's seller, and MIK-DEMO-0004's (delivered 3 days ago, see below).
    expect(await runWindowSweep(orm, clock)).toEqual({ closures: 2, notices: 2 });

    const closesAt = windowClosesAt(P3M_AFTER_CONFIRMATION, { purchaseConfirmedAt: await confirmedAt(orm, 'MIK-DEMO-0002') });
    const notice = (await windowNotices(orm)).find((candidate) => candidate.partner === 'seoul-sneakers')!;
    expect((await closures(orm)).filter((row) => row.partner === 'seoul-sneakers')).toEqual([
      { partner: 'seoul-sneakers', shopId: 'MIK-DEMO-0002', closedAt: closesAt, noticeId: notice.id },
    ]);
    const order = await orm.em.fork().findOneOrFail(Order, { shopOrderId: 'MIK-DEMO-0002' });
    expect(notice).toEqual({
      id: notice.id,
      partner: 'seoul-sneakers',
      payload: {
        action: 'DESTROY',
        retentionRule: 'P3M after purchase-confirmation',
        sweptAt: SEEDED_AT,
        part: 1,
        parts: 1,
        orders: [{ id: order.id, shopId: 'MIK-DEMO-0002', windowClosedAt: closesAt?.toISOString() }],
        subscriptions: [],
        supportCases: [],
      },
    });

    // The notice is for the partner's systems: ids only, none of the subjects' personal values.
    const text = JSON.stringify(notice.payload);
    for (const subject of await orm.em.fork().find(Subject, {})) {
      for (const value of [subject.name, subject.mobile, subject.phone, subject.email, subject.address, subject.customsCode]) {
        if (value) expect(text).not.toContain(value);
      }
    }

    expect(await runWindowSweep(orm, clock)).toEqual({ closures: 0, notices: 0 });
    clock.advance(DAY);
    expect(await runWindowSweep(orm, clock)).toEqual({ closures: 0, notices: 0 });
    expect(await closures(orm)).toHaveLength(2);
    expect(await windowNotices(orm)).toHaveLength(2);
  });

  it('closes the order delivered 3 days ago for the seller whose rule ends a day after delivery completion; an undelivered one stays open', async () => {
    const orm = await seeded();
    const em = orm.em.fork();
    const delivered = await em.findOneOrFail(Order, { shopOrderId: 'MIK-DEMO-0004' });
    const closesAt = windowClosesAt(parseRetentionRule('P1D after delivery-completion'), { deliveredAt: delivered.deliveredAt }) as Date;
    expect(closesAt.getTime()).toBeLessThan(clock.now().getTime());

    await runWindowSweep(orm, clock);
    const [notice] = (await windowNotices(orm)).filter((candidate) => candidate.partner === 'skin-dermatech');
    expect(notice.payload).toEqual({
      action: 'DESTROY',
      retentionRule: 'P1D after delivery-completion',
      sweptAt: SEEDED_AT,
      part: 1,
      parts: 1,
      orders: [{ id: delivered.id, shopId: 'MIK-DEMO-0004', windowClosedAt: closesAt.toISOString() }],
      subscriptions: [],
      supportCases: [],
    });
    expect((await closures(orm)).filter((row) => row.partner === 'skin-dermatech')).toEqual([
      { partner: 'skin-dermatech', shopId: 'MIK-DEMO-0004', closedAt: closesAt, noticeId: notice.id },
    ]);

    // MIK-DEMO-0005 has shipped but not arrived: its window has not started, however long it takes.
    clock.advance(3650 * DAY);
    await runWindowSweep(orm, clock);
    expect((await closures(orm)).map((row) => row.shopId)).not.toContain('MIK-DEMO-0005');
  });

  it('closes every engagement of a partner whose rule runs until a date, at the start of that day in Seoul, not a millisecond before', async () => {
    const orm = await seeded();
    await runWindowSweep(orm, clock);
    const em = orm.em.fork();
    // Each kind of engagement: KTIS's support case, and the web-fax subscription; the date is a Seoul day.
    for (const code of ['ktis', 'seoul-information-system']) {
      addAgreement(em, await em.findOneOrFail(Partner, { code }), 2, 'until 2026-07-01', clock.now());
    }
    await em.flush();
    const closesAt = windowClosesAt(parseRetentionRule('until 2026-07-01'), {}) as Date;
    expect(closesAt.toISOString()).toBe('2026-06-30T15:00:00.000Z');

    clock.set(new Date(closesAt.getTime() - 1));
    expect(await runWindowSweep(orm, clock)).toEqual({ closures: 0, notices: 0 });
    clock.set(closesAt);
    expect(await runWindowSweep(orm, clock)).toEqual({ closures: 2, notices: 2 });
    expect((await closures(orm)).filter((row) => row.closedAt.getTime() === closesAt.getTime()).map((row) => `${row.partner} ${row.shopId}`)).toEqual([
      'ktis CASE-DEMO-0001',
      'seoul-information-system SUB-DEMO-0002',
    ]);
    const notices = (await windowNotices(orm)).filter((notice) => notice.payload.sweptAt === closesAt.toISOString());
    expect(notices.map((notice) => notice.payload.retentionRule)).toEqual(['until 2026-07-01', 'until 2026-07-01']);
    expect(notices[0].payload.supportCases.map((supportCase) => supportCase.windowClosedAt)).toEqual([closesAt.toISOString()]);
    expect(await runWindowSweep(orm, clock)).toEqual({ closures: 0, notices: 0 });
  });

  it("closes an engagement a period after the partner's first release of any of its data subjects, and not one it never received", async () => {
    const orm = await seeded();
    await runWindowSweep(orm, clock);
    const em = orm.em.fork();
    const broker = await em.findOneOrFail(Partner, { code: 'incheon-customs-brokerage' });
    addAgreement(em, broker, 2, 'P30D after provision', clock.now());
    await em.flush();
    const order = await em.findOneOrFail(Order, { shopOrderId: 'MIK-DEMO-0001' });
    const other = await em.findOneOrFail(Order, { shopOrderId: 'MIK-DEMO-0003' });
    // The broker was denied MIK-DEMO-0003's receiver (no release: no window) and received
    // MIK-DEMO-0001's receiver twice; another partner's release of the same subject does not count.
    const first = new Date(clock.now().getTime() - 5 * DAY);
    await addLedgerRow(orm, { partner: broker.id, subject: other.receiver.id, order: other.id, at: new Date(first.getTime() - DAY), released: [] });
    await addLedgerRow(orm, { partner: order.seller.id, subject: order.receiver.id, order: order.id, at: new Date(first.getTime() - DAY), released: ['receiver.name'] });
    await addLedgerRow(orm, { partner: broker.id, subject: order.receiver.id, order: order.id, at: first, released: ['customsCode'] });
    await addLedgerRow(orm, { partner: broker.id, subject: order.receiver.id, order: order.id, at: new Date(first.getTime() + DAY), released: ['customsCode'] });
    const closesAt = windowClosesAt(parseRetentionRule('P30D after provision'), { providedAt: first }) as Date;

    clock.set(new Date(closesAt.getTime() - 1));
    expect(await runWindowSweep(orm, clock)).toEqual({ closures: 0, notices: 0 });
    clock.set(closesAt);
    expect(await runWindowSweep(orm, clock)).toEqual({ closures: 1, notices: 1 });
    const [notice] = (await windowNotices(orm)).filter((candidate) => candidate.partner === 'incheon-customs-brokerage');
    expect(notice.payload).toEqual(
      expect.objectContaining({
        retentionRule: 'P30D after provision',
        orders: [{ id: order.id, shopId: 'MIK-DEMO-0001', windowClosedAt: closesAt.toISOString() }],
      }),
    );
    clock.advance(3650 * DAY);
    await runWindowSweep(orm, clock);
    expect((await closures(orm)).filter((row) => row.partner === 'incheon-customs-brokerage').map((row) => row.shopId)).toEqual(['MIK-DEMO-0001']);
  });

  it('closes the order confirmed 10 days ago at its three-month boundary, for its seller and its customs broker, not a millisecond before', async () => {
    const orm = await seeded();
    await runWindowSweep(orm, clock);
    const closesAt = windowClosesAt(P3M_AFTER_CONFIRMATION, { purchaseConfirmedAt: await confirmedAt(orm, 'MIK-DEMO-0001') }) as Date;

    clock.set(new Date(closesAt.getTime() - 1));
    expect(await runWindowSweep(orm, clock)).toEqual({ closures: 0, notices: 0 });

    clock.set(closesAt);
    expect(await runWindowSweep(orm, clock)).toEqual({ closures: 2, notices: 2 });
    const rows = await closures(orm);
    expect(rows.filter((row) => row.shopId === 'MIK-DEMO-0001').map(({ partner, closedAt }) => ({ partner, closedAt }))).toEqual([
      { partner: 'hanbok-house', closedAt: closesAt },
      { partner: 'incheon-customs-brokerage', closedAt: closesAt },
    ]);
    const notices = (await windowNotices(orm)).filter((notice) => notice.payload.sweptAt === closesAt.toISOString());
    expect(listed(notices)).toEqual(['hanbok-house MIK-DEMO-0001', 'incheon-customs-brokerage MIK-DEMO-0001']);
  });

  it("closes an order for its customs broker by the broker's own rule, independently of the seller's", async () => {
    const orm = await seeded();
    await runWindowSweep(orm, clock);
    const em = orm.em.fork();
    const broker = await em.findOneOrFail(Partner, { code: 'incheon-customs-brokerage' });
    addAgreement(em, broker, 2, 'P1M after purchase-confirmation', clock.now());
    await em.flush();
    const confirmed = await confirmedAt(orm, 'MIK-DEMO-0001');
    const brokerClosesAt = windowClosesAt(parseRetentionRule('P1M after purchase-confirmation'), { purchaseConfirmedAt: confirmed }) as Date;

    clock.set(brokerClosesAt);
    expect(await runWindowSweep(orm, clock)).toEqual({ closures: 1, notices: 1 });
    expect((await closures(orm)).filter((row) => row.shopId === 'MIK-DEMO-0001')).toEqual([
      expect.objectContaining({ partner: 'incheon-customs-brokerage', closedAt: brokerClosesAt }),
    ]);
    const [latest] = (await windowNotices(orm)).filter((notice) => notice.partner === 'incheon-customs-brokerage');
    expect(latest.payload.retentionRule).toBe('P1M after purchase-confirmation');
  });

  it('closes a subscription six months after it ended, for the service partner', async () => {
    const orm = await seeded();
    await runWindowSweep(orm, clock);
    const subscription = await orm.em.fork().findOneOrFail(Subscription, { shopSubscriptionId: 'SUB-DEMO-0002' });
    const closesAt = windowClosesAt(parseRetentionRule('P6M after subscription-end'), {
      subscriptionEndedAt: subscription.endedAt,
    }) as Date;

    clock.set(new Date(closesAt.getTime() - 1));
    await runWindowSweep(orm, clock); // MIK-DEMO-0001 closed meanwhile
    expect((await closures(orm)).map((row) => row.shopId)).not.toContain('SUB-DEMO-0002');
    clock.set(closesAt);
    expect(await runWindowSweep(orm, clock)).toEqual({ closures: 1, notices: 1 });

    const notice = (await windowNotices(orm)).find((candidate) => candidate.partner === 'seoul-information-system');
    expect(notice?.payload).toEqual(
      expect.objectContaining({
        retentionRule: 'P6M after subscription-end',
        orders: [],
        subscriptions: [{ id: subscription.id, shopId: 'SUB-DEMO-0002', windowClosedAt: closesAt.toISOString() }],
      }),
    );
    // kt-mhows's subscription has not ended: its window is not even running.
    clock.advance(3650 * DAY);
    await runWindowSweep(orm, clock);
    expect((await closures(orm)).map((row) => row.shopId)).not.toContain('SUB-DEMO-0001');
  });

  it('leaves terminated partners to the termination event, still sweeps suspended ones, and never sweeps rules not anchored on an event', async () => {
    const orm = await seeded();
    await changeStatus(orm, 'seoul-sneakers', 'TERMINATED');
    await changeStatus(orm, 'hanbok-house', 'SUSPENDED');
    const em = orm.em.fork();
    const supportCase = await em.findOneOrFail(SupportCase, { shopCaseId: 'CASE-DEMO-0001' });
    supportCase.closedAt = clock.now();
    await em.flush();

    clock.advance(3650 * DAY);
    await runWindowSweep(orm, clock);
    // MIK-DEMO-0002 is seoul-sneakers' (terminated); KTIS keeps its case until the partnership ends.
    expect((await closures(orm)).map((row) => `${row.partner} ${row.shopId}`)).toEqual([
      'hanbok-house MIK-DEMO-0001',
      'incheon-customs-brokerage MIK-DEMO-0001',
      'seoul-information-system SUB-DEMO-0002',
      'skin-dermatech MIK-DEMO-0004',
    ]);
  });
});

describe('runWindowSweep computes closing instants like the domain', () => {
  // Seoul wall times that stress the calendar: month ends, leap days, the last minute of a day
  // (a different UTC date), New Year in Seoul while it is still the old year in UTC.
  const ANCHORS = [
    '2024-01-31T23:59:59.999+09:00',
    '2023-01-31T00:00:00.000+09:00',
    '2023-11-30T12:00:00.000+09:00',
    '2024-02-29T09:00:00.000+09:00',
    '2024-08-31T23:59:00.000+09:00',
    '2025-01-01T00:00:00.000+09:00',
    '2024-12-31T23:59:00.000+09:00',
    '2024-03-31T00:30:00.123+09:00',
  ].map((text) => new Date(text));
  const RULES = ['P1M', 'P3M', 'P6M', 'P1Y', 'P1Y1M', 'P2W', 'P1M1DT1H', 'P11M'];

  it('for orders, subscriptions and support cases', async () => {
    const orm = await seeded();
    const em = orm.em.fork();
    const since = new Date('2022-01-01T00:00:00Z');
    const buyer = await em.findOneOrFail(Subject, { shopSubjectId: 'member-0001' });
    const expected: string[] = [];
    const expectClosure = (partner: string, shopId: string, rule: string, anchors: RetentionAnchors) =>
      expected.push(`${partner} ${shopId} ${windowClosesAt(parseRetentionRule(rule), anchors)?.toISOString()}`);

    for (const [r, duration] of RULES.entries()) {
      const rule = `${duration} after purchase-confirmation`;
      const seller = addPartner(em, `calendar-seller-${r}`, 'SELLER', rule, since);
      for (const [a, anchor] of ANCHORS.entries()) {
        const shopOrderId = `CAL-${r}-${a}`;
        em.create(Order, {
          shopOrderId,
          buyer,
          receiver: buyer,
          seller,
          status: 'PURCHASE_CONFIRMED',
          orderedAt: anchor,
          purchaseConfirmedAt: anchor,
          createdAt: anchor,
        });
        expectClosure(seller.code, shopOrderId, rule, { purchaseConfirmedAt: anchor });
      }
    }
    const service = addPartner(em, 'calendar-service', 'SERVICE_PROVIDER', 'P1M after subscription-end', since);
    const consignee = addPartner(em, 'calendar-consignee', 'SUPPORT', 'P1M1DT1H after case-closure', since);
    for (const [a, anchor] of ANCHORS.entries()) {
      em.create(Subscription, {
        shopSubscriptionId: `CAL-SUB-${a}`,
        subject: buyer,
        partner: service,
        purpose: 'service.gift-voucher',
        startedAt: since,
        endedAt: anchor,
      });
      expectClosure(service.code, `CAL-SUB-${a}`, 'P1M after subscription-end', { subscriptionEndedAt: anchor });
      em.create(SupportCase, {
        shopCaseId: `CAL-CASE-${a}`,
        subject: buyer,
        partner: consignee,
        purpose: 'support.call-center',
        openedAt: since,
        closedAt: anchor,
      });
      expectClosure(consignee.code, `CAL-CASE-${a}`, 'P1M1DT1H after case-closure', { caseClosedAt: anchor });
    }
    await em.flush();

    clock.set('2030-01-01T00:00:00Z');
    await runWindowSweep(orm, clock);
    const actual = (await closures(orm))
      .filter((row) => row.partner.startsWith('calendar-'))
      .map((row) => `${row.partner} ${row.shopId} ${row.closedAt.toISOString()}`);
    expect(actual.sort()).toEqual(expected.sort());
    expect(actual).toHaveLength(RULES.length * ANCHORS.length + 2 * ANCHORS.length);
  });
});

describe('runWindowSweep computes closing instants like the domain, for delivery completion, first provision and fixed days', () => {
  const ANCHORS = [
    '2024-01-31T23:59:59.999+09:00',
    '2023-01-31T00:00:00.000+09:00',
    '2024-02-29T09:00:00.000+09:00',
    '2024-12-31T23:59:00.000+09:00',
    '2024-03-31T00:30:00.123+09:00',
  ].map((text) => new Date(text));
  const DURATIONS = ['P1D', 'P1M', 'P1Y1M', 'PT36H', 'P1M1DT1H'];
  // The first minute of a Seoul day is still the day before in UTC; a leap day; a year end.
  const DATES = ['2025-01-01', '2024-02-29', '2024-03-01', '2023-12-31'];

  it('for orders (seller and customs broker), subscriptions and support cases', async () => {
    const orm = await seeded();
    const em = orm.em.fork();
    const since = new Date('2022-01-01T00:00:00Z');
    const seller = await em.findOneOrFail(Partner, { code: 'hanbok-house' });
    const expected: string[] = [];
    const expectClosure = (partner: string, shopId: string, rule: string, anchors: RetentionAnchors) =>
      expected.push(`${partner} ${shopId} ${windowClosesAt(parseRetentionRule(rule), anchors)?.toISOString()}`);
    let subjects = 0;
    const newSubject = () => em.create(Subject, { shopSubjectId: `CAL-SUBJECT-${(subjects += 1)}`, kind: 'MEMBER', createdAt: since, updatedAt: since });
    const order = (shopOrderId: string, orderSeller: Partner, broker: Partner | null, deliveredAt: Date | null) =>
      em.create(Order, {
        shopOrderId,
        buyer: newSubject(),
        receiver: newSubject(),
        seller: orderSeller,
        customsBroker: broker,
        status: deliveredAt ? 'DELIVERED' : 'SHIPPED',
        orderedAt: since,
        deliveredAt,
        createdAt: since,
      });
    const ledger: Parameters<typeof addLedgerRow>[1][] = [];

    for (const [r, duration] of DURATIONS.entries()) {
      const onDelivery = `${duration} after delivery-completion`;
      const deliverySeller = addPartner(em, `calendar-delivery-seller-${r}`, 'SELLER', onDelivery, since);
      const deliveryBroker = addPartner(em, `calendar-delivery-broker-${r}`, 'CUSTOMS_BROKER', onDelivery, since);
      const onProvision = `${duration} after provision`;
      const provisionBroker = addPartner(em, `calendar-provision-broker-${r}`, 'CUSTOMS_BROKER', onProvision, since);
      const provisionService = addPartner(em, `calendar-provision-service-${r}`, 'SERVICE_PROVIDER', onProvision, since);
      const provisionConsignee = addPartner(em, `calendar-provision-consignee-${r}`, 'SUPPORT', onProvision, since);
      for (const [a, anchor] of ANCHORS.entries()) {
        order(`CAL-DLV-S-${r}-${a}`, deliverySeller, null, anchor);
        expectClosure(deliverySeller.code, `CAL-DLV-S-${r}-${a}`, onDelivery, { deliveredAt: anchor });
        order(`CAL-DLV-B-${r}-${a}`, seller, deliveryBroker, anchor);
        expectClosure(deliveryBroker.code, `CAL-DLV-B-${r}-${a}`, onDelivery, { deliveredAt: anchor });

        // The receiver's first release is the anchor, the buyer's comes an hour later.
        const provided = order(`CAL-PRV-${r}-${a}`, seller, provisionBroker, null);
        ledger.push({ partner: provisionBroker.id, subject: provided.receiver.id, order: provided.id, at: anchor, released: ['receiver.name'] });
        ledger.push({ partner: provisionBroker.id, subject: provided.buyer.id, order: provided.id, at: new Date(anchor.getTime() + 3_600_000), released: ['name'] });
        expectClosure(provisionBroker.code, `CAL-PRV-${r}-${a}`, onProvision, { providedAt: anchor });
        const subject = newSubject();
        ledger.push({ partner: provisionService.id, subject: subject.id, order: null, at: anchor, released: ['email'] });
        ledger.push({ partner: provisionConsignee.id, subject: subject.id, order: null, at: anchor, released: ['name'] });
        em.create(Subscription, { shopSubscriptionId: `CAL-PRV-SUB-${r}-${a}`, subject, partner: provisionService, purpose: 'service.gift-voucher', startedAt: since });
        expectClosure(provisionService.code, `CAL-PRV-SUB-${r}-${a}`, onProvision, { providedAt: anchor });
        em.create(SupportCase, { shopCaseId: `CAL-PRV-CASE-${r}-${a}`, subject, partner: provisionConsignee, purpose: 'support.call-center', openedAt: since });
        expectClosure(provisionConsignee.code, `CAL-PRV-CASE-${r}-${a}`, onProvision, { providedAt: anchor });
      }
    }
    for (const [d, date] of DATES.entries()) {
      const until = `until ${date}`;
      const untilSeller = addPartner(em, `calendar-until-seller-${d}`, 'SELLER', until, since);
      const untilConsignee = addPartner(em, `calendar-until-consignee-${d}`, 'SUPPORT', until, since);
      order(`CAL-UNTIL-${d}`, untilSeller, null, null);
      expectClosure(untilSeller.code, `CAL-UNTIL-${d}`, until, {});
      em.create(SupportCase, { shopCaseId: `CAL-UNTIL-CASE-${d}`, subject: newSubject(), partner: untilConsignee, purpose: 'support.call-center', openedAt: since });
      expectClosure(untilConsignee.code, `CAL-UNTIL-CASE-${d}`, until, {});
    }
    await em.flush();
    for (const row of ledger) await addLedgerRow(orm, row);

    clock.set('2030-01-01T00:00:00Z');
    await runWindowSweep(orm, clock);
    const actual = (await closures(orm))
      .filter((row) => row.partner.startsWith('calendar-'))
      .map((row) => `${row.partner} ${row.shopId} ${row.closedAt.toISOString()}`);
    expect(actual.sort()).toEqual(expected.sort());
    expect(actual).toHaveLength(5 * DURATIONS.length * ANCHORS.length + 2 * DATES.length);
  });
});

describe('runWindowSweep at scale', () => {
  /** `count` orders of hanbok-house, confirmed 200 days before the seed (all due), in one statement. */
  async function addDueOrders(orm: MikroORM, count: number): Promise<void> {
    const em = orm.em.fork();
    const seller = await partnerId(em, 'hanbok-house');
    const buyer = (await em.findOneOrFail(Subject, { shopSubjectId: 'member-0001' })).id;
    await em.execute(
      `insert into orders (id, shop_order_id, buyer_id, receiver_id, seller_id, status, ordered_at, purchase_confirmed_at, created_at)
       select gen_random_uuid(), 'BULK-' || lpad(i::text, 5, '0'), ?, ?, ?, 'PURCHASE_CONFIRMED', t, t, t
       from generate_series(1, ?) as i, lateral (select ?::timestamptz - interval '200 days' + i * interval '1 second' as t) as at_`,
      [buyer, buyer, seller, count, SEEDED_AT],
    );
  }

  it('splits a large partner into notices of at most 1,000 engagements, in closing order, each listed once', async () => {
    const orm = await seeded();
    await addDueOrders(orm, 2500);

    expect(await runWindowSweep(orm, clock)).toEqual({ closures: 2502, notices: 5 });
    const hanbok = (await windowNotices(orm)).filter((notice) => notice.partner === 'hanbok-house');
    expect(hanbok.map((notice) => [notice.payload.part, notice.payload.parts, notice.payload.orders.length])).toEqual([
      [1, 3, MAX_ENGAGEMENTS_PER_NOTICE],
      [2, 3, MAX_ENGAGEMENTS_PER_NOTICE],
      [3, 3, 500],
    ]);
    const shopIds = hanbok.flatMap((notice) => notice.payload.orders.map((order) => order.shopId));
    expect(shopIds).toEqual(Array.from({ length: 2500 }, (_, i) => `BULK-${String(i + 1).padStart(5, '0')}`));
    // Each closure points at the notice that listed it.
    const rows = (await closures(orm)).filter((row) => row.partner === 'hanbok-house');
    const noticeOf = new Map(hanbok.flatMap((notice) => notice.payload.orders.map((order) => [order.shopId, notice.id])));
    expect(rows.every((row) => noticeOf.get(row.shopId) === row.noticeId)).toBe(true);
  });

  it('runs the same number of statements for 2 and for 2,500 due engagements', async () => {
    const orm = await seeded();
    const statements: string[] = [];
    const counting = await openOrm(db!.url, { poolSize: 1, onQuery: (statement) => statements.push(statement) });
    try {
      await counting.em.fork().execute('select 1'); // the first use of an ORM checks the database
      statements.length = 0;
      expect(await runWindowSweep(counting, clock)).toEqual({ closures: 2, notices: 2 });
      const forOne = statements.length;
      await addDueOrders(orm, 2500);
      statements.length = 0;
      expect(await runWindowSweep(counting, clock)).toEqual({ closures: 2500, notices: 3 });
      expect(statements.length).toBe(forOne);
    } finally {
      await counting.close(true);
    }
  });
});

describe('runWindowSweep run concurrently', () => {
  it('records each closure once and lists it in exactly one notice, however many workers sweep at once', async () => {
    const orm = await seeded();
    const others = await Promise.all([openOrm(db!.url, { poolSize: 2 }), openOrm(db!.url, { poolSize: 2 })]);
    try {
      clock.advance(100 * DAY);
      const results = await Promise.all([orm, ...others, orm].map((each) => runWindowSweep(each, clock)));
      const all = ['hanbok-house MIK-DEMO-0001', 'incheon-customs-brokerage MIK-DEMO-0001', 'seoul-sneakers MIK-DEMO-0002', 'skin-dermatech MIK-DEMO-0004'];
      expect(results.reduce((sum, result) => sum + result.closures, 0)).toBe(all.length);
      expect(results.reduce((sum, result) => sum + result.notices, 0)).toBe(all.length);
      expect((await closures(orm)).map((row) => `${row.partner} ${row.shopId}`)).toEqual(all);
      expect(listed(await windowNotices(orm))).toEqual(all);
    } finally {
      await Promise.all(others.map((other) => other.close(true)));
    }
  });

  it('rolls back, writing no notice, when another writer records one of its closures first', async () => {
    const orm = await seeded();
    const em = orm.em.fork();
    const seller = await partnerId(em, 'seoul-sneakers');
    const order = await em.findOneOrFail(Order, { shopOrderId: 'MIK-DEMO-0002' });

    // A transaction outside the sweep's lock records the same closure and stays open.
    const intruder = orm.em.fork();
    await intruder.begin();
    let sweep: Promise<WindowSweepResult> | undefined;
    try {
      await intruder.execute(
        `with n as (insert into notices (id, partner_id, type, payload, created_at, next_attempt_at)
                    values (gen_random_uuid(), ?, 'window-closed', '{}', now(), now()) returning id)
         insert into window_closures (id, partner_id, order_id, closed_at, swept_at, notice_id)
         select gen_random_uuid(), ?, ?, now(), now(), n.id from n`,
        [seller, seller, order.id],
      );
      sweep = runWindowSweep(orm, clock);
      sweep.catch(() => undefined);
      // The sweep's insert now waits on the intruder's uncommitted row.
      await waitFor(async () => {
        const [row] = await orm.em.fork().execute<{ waiting: string }[]>(
          `select count(*) as waiting from pg_stat_activity where wait_event_type = 'Lock' and query like '%insert into window_closures%'`,
        );
        return Number(row.waiting) > 0;
      });
      await intruder.commit();
    } catch (error) {
      // An open transaction would keep the pool, and so the suite, from closing.
      await intruder.rollback();
      throw error;
    }

    await expect(sweep).rejects.toThrow('recorded concurrently; rolled back');
    const notices = await windowNotices(orm);
    expect(notices.map((notice) => notice.payload)).toEqual([{}]);
    // The next sweep reports what is left: MIK-DEMO-0004's closure, which the intruder did not record.
    expect(await runWindowSweep(orm, clock)).toEqual({ closures: 1, notices: 1 });
    expect(listed((await windowNotices(orm)).filter((notice) => notice.partner === 'skin-dermatech'))).toEqual(['skin-dermatech MIK-DEMO-0004']);
    expect(await runWindowSweep(orm, clock)).toEqual({ closures: 0, notices: 0 });
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
