import type { EntityManager } from '@mikro-orm/postgresql';
import type { Keyring } from '@provision/crypto';
import {
  formatRetentionRule,
  piiScope,
  validateAgreementDraft,
  type ClientKind,
  type LegalBasis,
  type OrderStatus,
  type PartnerKind,
  type PartnerRole,
  type SubjectKind,
} from '@provision/domain';
import type { Clock } from '@provision/util';
import { createHash } from 'node:crypto';
import {
  Agreement,
  AgreementGrant,
  Client,
  Consent,
  Order,
  OrderStatusEvent,
  Partner,
  PartnerStatusChange,
  Subject,
  Subscription,
  SupportCase,
} from './entities/index.js';
import { SUBJECT_ITEM_FIELDS, type SubjectField, writeSubjectValue } from './subject-items.js';
import { agreementPublished, clientAdded, partnerRegistered, recordAccessChange, statusChanged } from './access-history.js';

/** The demo clients; the README lists them and tests log in as them. */
export const DEMO_CLIENT_IDS = {
  hanbokHouse: 'seller-hanbok-house',
  seoulSneakers: 'seller-seoul-sneakers',
  skinDermatech: 'seller-skin-dermatech',
  ktMhows: 'kt-mhows-giftishow',
  sisWebfax: 'sis-webfax',
  customsBroker: 'customs-broker-incheon',
  ktis: 'ktis-callcenter',
  shopBackend: 'shop-backend',
  privacyAdmin: 'privacy-admin',
  /** The privacy officer's console: officers sign in through it (authorization code), each as themselves. */
  privacyConsole: 'privacy-console',
} as const;

/** Who the seed records as the actor of everything it writes. */
const SEED_ACTOR = 'seed';
const DAY = 24 * 60 * 60 * 1000;

interface DemoPartner {
  code: string;
  name: { ko: string; en: string };
  kind: PartnerKind;
  role: PartnerRole;
  consignedTask?: { ko: string; en: string };
  privacyContact: { name: string; email: string; phone: string };
  clientId?: string;
  agreement: {
    items: string[];
    purposes: string[];
    retentionRule: string;
    legalBasis: LegalBasis;
    statute?: string;
    consentRequired: boolean;
    /** Most distinct subjects per Seoul day: a few times the partner's busiest normal day. */
    dailySubjectCeiling: number;
  };
}

const MIKMIK_SELLER_AGREEMENT = {
  items: ['receiver.name', 'receiver.phone', 'receiver.address', 'customsCode'],
  purposes: ['order.delivery', 'order.customer-service'],
  retentionRule: 'P3M after purchase-confirmation',
  legalBasis: 'CONSENT',
  consentRequired: true,
  dailySubjectCeiling: 2_000,
} as const satisfies DemoPartner['agreement'];

// KT bizmeka's recipient table (Ch. 7): "ID, name, mobile phone number, name of company, and email address".
const KT_RECIPIENT_ITEMS = ['memberId', 'name', 'mobile', 'companyName', 'email'];

const CONSIGNMENT = {
  retentionRule: 'until partnership-termination',
  legalBasis: 'CONTRACT',
  consentRequired: false,
} as const;

// All contact data is fictitious: example.com-style domains, 0000 exchange numbers.
const PARTNERS: readonly DemoPartner[] = [
  {
    code: 'hanbok-house',
    name: { ko: '한복하우스', en: 'Hanbok House' },
    kind: 'RECIPIENT',
    role: 'SELLER',
    privacyContact: { name: 'Han Ji-woo', email: 'privacy@hanbok-house.example', phone: '02-0000-1001' },
    clientId: DEMO_CLIENT_IDS.hanbokHouse,
    agreement: MIKMIK_SELLER_AGREEMENT,
  },
  {
    code: 'seoul-sneakers',
    name: { ko: '서울스니커즈', en: 'Seoul Sneakers' },
    kind: 'RECIPIENT',
    role: 'SELLER',
    privacyContact: { name: 'Oh Tae-yang', email: 'privacy@seoul-sneakers.example', phone: '02-0000-1002' },
    clientId: DEMO_CLIENT_IDS.seoulSneakers,
    agreement: MIKMIK_SELLER_AGREEMENT,
  },
  {
    // Keeps shipping data only until the goods are delivered (seed Dr.esthetique+ Art. 4), plus the
    // day the courier's proof of delivery may take: what it needs is the address, not the buyer.
    code: 'skin-dermatech',
    name: { ko: '스킨더마테크', en: 'Skin Dermatech' },
    kind: 'RECIPIENT',
    role: 'SELLER',
    privacyContact: { name: 'Yeon Bo-kyoung', email: 'privacy@skin-dermatech.example', phone: '02-0000-1003' },
    clientId: DEMO_CLIENT_IDS.skinDermatech,
    agreement: {
      items: ['receiver.name', 'receiver.phone', 'receiver.address'],
      purposes: ['order.delivery'],
      retentionRule: 'P1D after delivery-completion',
      legalBasis: 'CONSENT',
      consentRequired: true,
      dailySubjectCeiling: 2_000,
    },
  },
  {
    code: 'kt-mhows',
    name: { ko: '(주)케이티엠하우스 (기프티쇼)', en: 'kt mhows Co., Ltd. (Gifti-show)' },
    kind: 'RECIPIENT',
    role: 'SERVICE_PROVIDER',
    privacyContact: { name: 'Yoon Seo-jun', email: 'privacy@kt-mhows.example', phone: '02-0000-2001' },
    clientId: DEMO_CLIENT_IDS.ktMhows,
    agreement: {
      items: KT_RECIPIENT_ITEMS,
      purposes: ['service.gift-voucher'],
      retentionRule: 'P6M after subscription-end',
      legalBasis: 'CONSENT',
      consentRequired: true,
      dailySubjectCeiling: 20_000,
    },
  },
  {
    code: 'seoul-information-system',
    name: { ko: '서울정보시스템(주) (웹팩스)', en: 'Seoul Information System Co., Ltd. (web-fax)' },
    kind: 'RECIPIENT',
    role: 'SERVICE_PROVIDER',
    privacyContact: { name: 'Kang Min-seo', email: 'privacy@sis-webfax.example', phone: '02-0000-2002' },
    clientId: DEMO_CLIENT_IDS.sisWebfax,
    agreement: {
      items: KT_RECIPIENT_ITEMS,
      purposes: ['service.web-fax'],
      retentionRule: 'P6M after subscription-end',
      legalBasis: 'CONSENT',
      consentRequired: true,
      dailySubjectCeiling: 20_000,
    },
  },
  {
    code: 'incheon-customs-brokerage',
    name: { ko: '인천관세사무소', en: 'Incheon Customs Brokerage' },
    kind: 'RECIPIENT',
    role: 'CUSTOMS_BROKER',
    privacyContact: { name: 'Shin Hyun-woo', email: 'privacy@incheon-customs.example', phone: '032-0000-3001' },
    clientId: DEMO_CLIENT_IDS.customsBroker,
    agreement: {
      items: ['customsCode', 'receiver.name', 'receiver.address'],
      purposes: ['customs.clearance'],
      retentionRule: 'P3M after purchase-confirmation',
      // Import declarations are required by the Customs Act, so no per-subject consent.
      legalBasis: 'STATUTE',
      statute: 'customs-act.art-241',
      consentRequired: false,
      dailySubjectCeiling: 10_000,
    },
  },
  {
    code: 'ktis',
    name: { ko: '(주)케이티아이에스', en: 'KTIS' },
    kind: 'CONSIGNEE',
    role: 'SUPPORT',
    consignedTask: {
      ko: '서비스 관련 상담, 불만 처리, 가입·해지 관련 고객 응대',
      en: 'Consultation related to service, handling of complaints, and responding to customers in relation to subscription and cancellation',
    },
    privacyContact: { name: 'Jang Eun-bi', email: 'privacy@ktis.example', phone: '02-0000-4001' },
    clientId: DEMO_CLIENT_IDS.ktis,
    agreement: { items: ['name', 'mobile', 'memberId', 'email'], purposes: ['support.call-center'], ...CONSIGNMENT, dailySubjectCeiling: 3_000 },
  },
  {
    code: 'korea-mobile-certification',
    name: { ko: '한국모바일인증(주)', en: 'Korea Mobile Certification Inc.' },
    kind: 'CONSIGNEE',
    role: 'SUPPORT',
    consignedTask: {
      ko: '휴대폰 본인확인 대행, 연계정보(CI)·중복가입확인정보(DI) 전달',
      en: 'Mobile phone identity certification; connection information (CI) and duplication information (DI)',
    },
    privacyContact: { name: 'Lim Ha-eun', email: 'privacy@kmcert.example', phone: '02-0000-4002' },
    agreement: { items: ['ci', 'di', 'mobile', 'name'], purposes: ['support.identity-verification'], ...CONSIGNMENT, dailySubjectCeiling: 50_000 },
  },
  {
    code: 'impix-visionmeet',
    name: { ko: '(주)비전밋', en: 'IMPIX Visionmeet Co.' },
    kind: 'CONSIGNEE',
    role: 'SUPPORT',
    consignedTask: { ko: '시스템 유지보수', en: 'System maintenance' },
    privacyContact: { name: 'Song Ji-ho', email: 'privacy@visionmeet.example', phone: '02-0000-4003' },
    agreement: { items: ['memberId', 'name', 'email'], purposes: ['support.system-maintenance'], ...CONSIGNMENT, dailySubjectCeiling: 500 },
  },
];

const STAFF_CLIENTS: readonly { clientId: string; kind: ClientKind; scopes: string[] }[] = [
  { clientId: DEMO_CLIENT_IDS.shopBackend, kind: 'SHOP', scopes: ['shop:read', 'shop:write'] },
  { clientId: DEMO_CLIENT_IDS.privacyAdmin, kind: 'ADMIN', scopes: ['admin:read', 'admin:write'] },
  { clientId: DEMO_CLIENT_IDS.privacyConsole, kind: 'ADMIN', scopes: ['admin:read', 'admin:write'] },
];

type DemoSubject = { shopSubjectId: string; kind: SubjectKind; name: string } & Partial<Record<SubjectField, string>>;

// Names are common Korean names; streets (예시로 "example-ro", 샘플길 "sample-gil") do not exist,
// and 010-0000-xxxx numbers are never assigned.
const SUBJECTS: readonly DemoSubject[] = [
  {
    shopSubjectId: 'member-0001',
    kind: 'MEMBER',
    name: '김민지',
    mobile: '010-0000-0001',
    email: 'minji.kim@example.com',
    address: '서울특별시 마포구 예시로 12, 301호',
    birthDate: '1990-04-12',
    gender: 'F',
    memberId: 'minji_k',
    companyName: '민지디자인',
    customsCode: 'P100000000001',
    // Connecting information (88 characters of base64) and duplicate-joining information (64), made up.
    ci: '9jP6mZB1yA4pDx+drBUeM4DLkprqE3IqnMGmhNgDWwvakfU8bSr95aqUSKk4O/tIP2wcig58SUfpKPMIbbrjVA==',
    di: 'SoVXK3E9gShMPJM4UogHEMjK1yizjj1eSjV9LFmtlCSEn9cQ6nf4oMYQqt+eqVW3',
  },
  {
    shopSubjectId: 'member-0002',
    kind: 'MEMBER',
    name: '이준호',
    mobile: '010-0000-0002',
    email: 'junho.lee@example.com',
    address: '경기도 성남시 분당구 샘플길 8, 1203호',
    birthDate: '1985-11-03',
    gender: 'M',
    memberId: 'junho.lee',
    companyName: '준호상사',
    customsCode: 'P100000000002',
    ci: 'K2nWed9GoDxhHWgduOH/We/Vl/8slGetx4U0K6F+NJCYselv/vEsQEzpNiO8gcVtlTwxp752KDrbWtjPo7xdWA==',
    di: '0h10PRa3wehM407nxeNPQL/RYH8Lu6n6N+vtt8WP8ygidyyjCmBpTf6NQ1FZOATe',
  },
  {
    shopSubjectId: 'guest-0001',
    kind: 'NON_MEMBER',
    name: '박서연',
    mobile: '010-0000-0003',
    email: 'seoyeon.park@example.com',
    customsCode: 'P100000000003',
  },
  {
    shopSubjectId: 'receiver-0001',
    kind: 'RECEIVER',
    name: '최영희',
    phone: '010-0000-0011',
    address: '부산광역시 해운대구 예시로 45, 702호',
  },
  {
    shopSubjectId: 'receiver-0002',
    kind: 'RECEIVER',
    name: '정다은',
    phone: '010-0000-0012',
    address: '대전광역시 유성구 샘플길 7',
  },
];

interface DemoOrder {
  shopOrderId: string;
  buyer: string;
  receiver: string;
  seller: string;
  customsBroker?: string;
  /** Status timeline in days before the seed's "now". */
  timeline: readonly (readonly [OrderStatus, number])[];
}

const ORDERS: readonly DemoOrder[] = [
  {
    // Confirmed 10 days ago: the sellers' three-month window is open.
    shopOrderId: 'MIK-DEMO-0001',
    buyer: 'member-0001',
    receiver: 'receiver-0001',
    seller: 'hanbok-house',
    customsBroker: 'incheon-customs-brokerage',
    timeline: [['PLACED', 20], ['PAID', 20], ['SHIPPED', 17], ['DELIVERED', 13], ['PURCHASE_CONFIRMED', 10]],
  },
  {
    // Confirmed 100 days ago: the window closed about ten days ago.
    shopOrderId: 'MIK-DEMO-0002',
    buyer: 'member-0002',
    receiver: 'member-0002',
    seller: 'seoul-sneakers',
    timeline: [['PLACED', 110], ['PAID', 110], ['SHIPPED', 108], ['DELIVERED', 105], ['PURCHASE_CONFIRMED', 100]],
  },
  {
    // On its way, not yet confirmed: the window has not started to run.
    shopOrderId: 'MIK-DEMO-0003',
    buyer: 'guest-0001',
    receiver: 'receiver-0002',
    seller: 'hanbok-house',
    customsBroker: 'incheon-customs-brokerage',
    timeline: [['PLACED', 3], ['PAID', 3], ['SHIPPED', 1]],
  },
  {
    // Delivered 3 days ago: Skin Dermatech's window closed a day after delivery.
    shopOrderId: 'MIK-DEMO-0004',
    buyer: 'member-0001',
    receiver: 'receiver-0001',
    seller: 'skin-dermatech',
    timeline: [['PLACED', 6], ['PAID', 6], ['SHIPPED', 5], ['DELIVERED', 3]],
  },
  {
    // Shipped yesterday, not delivered yet: Skin Dermatech's window has not started to run.
    shopOrderId: 'MIK-DEMO-0005',
    buyer: 'guest-0001',
    receiver: 'receiver-0002',
    seller: 'skin-dermatech',
    timeline: [['PLACED', 2], ['PAID', 2], ['SHIPPED', 1]],
  },
];

const SUBSCRIPTIONS = [
  { shopSubscriptionId: 'SUB-DEMO-0001', subject: 'member-0001', partner: 'kt-mhows', purpose: 'service.gift-voucher', startedDaysAgo: 200, endedDaysAgo: null },
  // Cancelled 30 days ago: still inside the six months KT keeps provided data after cancellation.
  { shopSubscriptionId: 'SUB-DEMO-0002', subject: 'member-0002', partner: 'seoul-information-system', purpose: 'service.web-fax', startedDaysAgo: 300, endedDaysAgo: 30 },
] as const;

const SUPPORT_CASES = [
  { shopCaseId: 'CASE-DEMO-0001', subject: 'member-0001', partner: 'ktis', order: 'MIK-DEMO-0001', purpose: 'support.call-center', openedDaysAgo: 5 },
] as const;

/** Consents to the consent-based agreements, given when the engagement began. */
const CONSENTS = [
  { subject: 'member-0001', partner: 'hanbok-house', givenDaysAgo: 20 },
  { subject: 'member-0002', partner: 'seoul-sneakers', givenDaysAgo: 110 },
  { subject: 'guest-0001', partner: 'hanbok-house', givenDaysAgo: 3 },
  { subject: 'member-0001', partner: 'skin-dermatech', givenDaysAgo: 6 },
  { subject: 'guest-0001', partner: 'skin-dermatech', givenDaysAgo: 2 },
  { subject: 'member-0001', partner: 'kt-mhows', givenDaysAgo: 200 },
  { subject: 'member-0002', partner: 'seoul-information-system', givenDaysAgo: 300 },
] as const;

/** What {@link seedDemo} added; all zero when the demo data was already there. */
export interface SeedResult {
  partners: number;
  clients: number;
  subjects: number;
  orders: number;
  consents: number;
  subscriptions: number;
  supportCases: number;
}

/**
 * Seeds the demo partners, agreements, clients, subjects, orders, consents, subscriptions and a
 * support case, with times relative to `clock`. Idempotent: rows are keyed on partner codes, client
 * ids and the shop's ids, and a second run adds nothing. Runs in one transaction under an advisory
 * lock, so replicas starting together cannot both insert. Unique identifiers are sealed with `keyring`.
 */
export async function seedDemo(em: EntityManager, clock: Clock, keyring: Keyring): Promise<SeedResult> {
  return em.transactional(async (tx) => {
    await tx.execute(`select pg_advisory_xact_lock(hashtext('provision-gateway:demo-seed'))`);
    const now = clock.now();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const registeredAt = ago(365);
    const result: SeedResult = { partners: 0, clients: 0, subjects: 0, orders: 0, consents: 0, subscriptions: 0, supportCases: 0 };

    const partners = new Map<string, Partner>();
    const agreements = new Map<string, Agreement>();
    const existingPartners = await tx.find(Partner, { code: { $in: PARTNERS.map((p) => p.code) } });
    const existingAgreements = await tx.find(Agreement, { partner: { $in: existingPartners }, version: 1 });
    for (const partner of existingPartners) partners.set(partner.code, partner);
    for (const agreement of existingAgreements) {
      const partner = existingPartners.find((p) => p.id === agreement.partner.id);
      if (partner) agreements.set(partner.code, agreement);
    }

    for (const demo of PARTNERS) {
      if (!partners.has(demo.code)) {
        const partner = tx.create(Partner, {
          code: demo.code,
          nameKo: demo.name.ko,
          nameEn: demo.name.en,
          kind: demo.kind,
          role: demo.role,
          consignedTaskKo: demo.consignedTask?.ko ?? null,
          consignedTaskEn: demo.consignedTask?.en ?? null,
          privacyContactName: demo.privacyContact.name,
          privacyContactEmail: demo.privacyContact.email,
          privacyContactPhone: demo.privacyContact.phone,
          registeredAt,
          registeredBy: SEED_ACTOR,
        });
        const registered = tx.create(PartnerStatusChange, {
          partner,
          status: 'ACTIVE',
          reason: 'registered',
          effectiveAt: registeredAt,
          recordedAt: registeredAt,
          recordedBy: SEED_ACTOR,
        });
        recordAccessChange(tx, registeredAt, SEED_ACTOR, partnerRegistered(partner, null));
        recordAccessChange(tx, registeredAt, SEED_ACTOR, statusChanged(registered));
        partners.set(demo.code, partner);
        result.partners += 1;
      }
      const partner = partners.get(demo.code) as Partner;
      if (!agreements.has(demo.code)) {
        // The same rules as an admin's publication, dated back to the demo registration.
        const validated = validateAgreementDraft(
          {
            grants: demo.agreement.items.flatMap((item) => demo.agreement.purposes.map((purpose) => ({ item, purpose }))),
            retentionRule: demo.agreement.retentionRule,
            legalBasis: demo.agreement.legalBasis,
            statute: demo.agreement.statute ?? null,
            consentRequired: demo.agreement.consentRequired,
            effectiveFrom: registeredAt,
            quota: { dailySubjectCeiling: demo.agreement.dailySubjectCeiling },
          },
          { partnerKind: demo.kind, partnerStatusAtEffectiveFrom: 'ACTIVE', now: registeredAt },
        );
        const agreement = tx.create(Agreement, {
          partner,
          version: 1,
          retentionRule: formatRetentionRule(validated.rule),
          legalBasis: validated.legalBasis,
          statute: validated.statute,
          consentRequired: validated.consentRequired,
          effectiveFrom: validated.effectiveFrom,
          ...validated.quota,
          publishedAt: registeredAt,
          publishedBy: SEED_ACTOR,
        });
        for (const { item, purpose } of validated.grants) {
          tx.create(AgreementGrant, { agreement, item, purpose });
        }
        recordAccessChange(tx, registeredAt, SEED_ACTOR, agreementPublished(agreement, partner, validated.grants));
        agreements.set(demo.code, agreement);
      }
    }

    const clientIds = [...PARTNERS.flatMap((p) => (p.clientId ? [p.clientId] : [])), ...STAFF_CLIENTS.map((c) => c.clientId)];
    const existingClients = new Set((await tx.find(Client, { clientId: { $in: clientIds } })).map((c) => c.clientId));
    const addClient = (clientId: string, kind: ClientKind, partner: Partner | null, scopes: string[]) => {
      if (existingClients.has(clientId)) return;
      const client = tx.create(Client, { clientId, kind, partner, allowedScopes: scopes, addedAt: registeredAt, addedBy: SEED_ACTOR });
      recordAccessChange(tx, registeredAt, SEED_ACTOR, clientAdded(client));
      result.clients += 1;
    };
    for (const demo of PARTNERS) {
      if (!demo.clientId) continue;
      // A scope only lets the client ask; the agreement still decides what is released.
      const scopes = ['partner:read', ...[...new Set(demo.agreement.items)].sort().map(piiScope)];
      addClient(demo.clientId, 'PARTNER', partners.get(demo.code) as Partner, scopes);
    }
    for (const staff of STAFF_CLIENTS) addClient(staff.clientId, staff.kind, null, staff.scopes);

    const subjects = new Map<string, Subject>();
    for (const subject of await tx.find(Subject, { shopSubjectId: { $in: SUBJECTS.map((s) => s.shopSubjectId) } })) {
      subjects.set(subject.shopSubjectId, subject);
    }
    for (const demo of SUBJECTS) {
      if (subjects.has(demo.shopSubjectId)) continue;
      const subject = tx.create(Subject, { shopSubjectId: demo.shopSubjectId, kind: demo.kind, createdAt: now, updatedAt: now });
      for (const field of SUBJECT_ITEM_FIELDS) writeSubjectValue(subject, field, demo[field] ?? null, keyring);
      subjects.set(demo.shopSubjectId, subject);
      result.subjects += 1;
    }
    const subject = (shopSubjectId: string) => subjects.get(shopSubjectId) as Subject;
    const partner = (code: string) => partners.get(code) as Partner;

    const orders = new Map<string, Order>();
    for (const order of await tx.find(Order, { shopOrderId: { $in: ORDERS.map((o) => o.shopOrderId) } })) {
      orders.set(order.shopOrderId, order);
    }
    for (const demo of ORDERS) {
      if (orders.has(demo.shopOrderId)) continue;
      const [first] = demo.timeline;
      const [lastStatus] = demo.timeline[demo.timeline.length - 1];
      const confirmed = demo.timeline.find(([status]) => status === 'PURCHASE_CONFIRMED');
      // Same-day steps (placed, paid) are an hour apart so the timeline keeps its order.
      const stepTimes = demo.timeline.map(([, daysAgo], step) => new Date(ago(daysAgo).getTime() + step * 60 * 60 * 1000));
      const delivered = demo.timeline.findIndex(([status]) => status === 'DELIVERED');
      const order = tx.create(Order, {
        shopOrderId: demo.shopOrderId,
        buyer: subject(demo.buyer),
        receiver: subject(demo.receiver),
        seller: partner(demo.seller),
        customsBroker: demo.customsBroker ? partner(demo.customsBroker) : null,
        status: lastStatus,
        orderedAt: ago(first[1]),
        // The first DELIVERED step of the timeline, as confirmDelivery records it.
        deliveredAt: delivered < 0 ? null : stepTimes[delivered],
        purchaseConfirmedAt: confirmed ? ago(confirmed[1]) : null,
        createdAt: ago(first[1]),
      });
      demo.timeline.forEach(([status], step) => {
        tx.create(OrderStatusEvent, { order, status, occurredAt: stepTimes[step], recordedAt: stepTimes[step] });
      });
      orders.set(demo.shopOrderId, order);
      result.orders += 1;
    }

    const existingConsents = new Set(
      (await tx.find(Consent, { shopConsentId: { $in: CONSENTS.map(consentId) } })).map((c) => c.shopConsentId),
    );
    for (const demo of CONSENTS) {
      const shopConsentId = consentId(demo);
      if (existingConsents.has(shopConsentId)) continue;
      const wording = `I consent to ${partner(demo.partner).nameEn} receiving my personal information as listed in agreement version 1.`;
      tx.create(Consent, {
        shopConsentId,
        subject: subject(demo.subject),
        agreement: agreements.get(demo.partner) as Agreement,
        channel: 'WEB',
        wordingHash: createHash('sha256').update(wording).digest('hex'),
        givenAt: ago(demo.givenDaysAgo),
      });
      result.consents += 1;
    }

    const existingSubscriptions = new Set(
      (await tx.find(Subscription, { shopSubscriptionId: { $in: SUBSCRIPTIONS.map((s) => s.shopSubscriptionId) } })).map(
        (s) => s.shopSubscriptionId,
      ),
    );
    for (const demo of SUBSCRIPTIONS) {
      if (existingSubscriptions.has(demo.shopSubscriptionId)) continue;
      tx.create(Subscription, {
        shopSubscriptionId: demo.shopSubscriptionId,
        subject: subject(demo.subject),
        partner: partner(demo.partner),
        purpose: demo.purpose,
        startedAt: ago(demo.startedDaysAgo),
        endedAt: demo.endedDaysAgo === null ? null : ago(demo.endedDaysAgo),
      });
      result.subscriptions += 1;
    }

    const existingCases = new Set(
      (await tx.find(SupportCase, { shopCaseId: { $in: SUPPORT_CASES.map((c) => c.shopCaseId) } })).map((c) => c.shopCaseId),
    );
    for (const demo of SUPPORT_CASES) {
      if (existingCases.has(demo.shopCaseId)) continue;
      tx.create(SupportCase, {
        shopCaseId: demo.shopCaseId,
        subject: subject(demo.subject),
        partner: partner(demo.partner),
        order: orders.get(demo.order) as Order,
        purpose: demo.purpose,
        openedAt: ago(demo.openedDaysAgo),
      });
      result.supportCases += 1;
    }

    await tx.flush();
    return result;
  });
}

function consentId({ subject, partner }: { subject: string; partner: string }): string {
  return `CONSENT-DEMO-${subject}-${partner}-v1`;
}
