import type { EntityManager } from '@mikro-orm/postgresql';
import { firstReleaseSql } from '@provision/audit';
import {
  agreementInForce,
  decide,
  DESTRUCTION_NOTICE_TYPES,
  InputError,
  isDisclosureNotifiable,
  isOneOf,
  NOTICE_TYPES,
  parseRetentionRule,
  STATUTE_CATALOG,
  statusAt,
  terminatedAt,
  windowClosesAt,
  type AgeFacts,
  type DenialReason,
  type Label,
  type NoticeType,
  type PartnerKind,
  type PartnerRole,
  type PartnerStatus,
  type ProvisionAgreement,
  type RetentionAnchors,
} from '@provision/domain';
import type { NoticeState } from '@provision/db';
import { itemLabel, itemsInCatalogOrder, purposeLabel, purposesInCatalogOrder, type Labelled } from './labels.js';

/** The shop's own ids (as the shop API accepts them): safe in URLs, logs and SQL parameters. */
const SHOP_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/**
 * Checks a shop subject id from a URL or an argument.
 * @throws InputError on `shopSubjectId` (the message names the rule, never the value)
 */
export function assertShopSubjectId(value: string): void {
  if (!SHOP_ID.test(value)) {
    throw new InputError('shopSubjectId', 'must be 1-128 letters, digits, dots, underscores, colons or dashes');
  }
}

/** What one partner received under one purpose and agreement version: item, first and last time, how often. */
export interface ReportedRelease {
  item: Labelled;
  purpose: Labelled;
  /** The partner's agreement version in force when the item was released (null: none was, which the decision never allows). */
  agreementVersion: number | null;
  firstAt: Date;
  lastAt: Date;
  times: number;
}

/** Items the gateway withheld from the partner, by reason. */
export interface ReportedDenial {
  item: Labelled;
  reason: DenialReason | string;
  times: number;
  lastAt: Date;
}

/** The subject's own consent to a version of the partner's agreement. */
export interface ReportedConsent {
  shopConsentId: string;
  agreementVersion: number;
  givenAt: Date;
  withdrawnAt: Date | null;
  /** SUBJECT: the subject's own consent; ORDERER: the consent of who ordered for the subject as receiver, which covers the receiver's data. */
  givenBy: 'SUBJECT' | 'ORDERER';
}

/** The kinds of business relation through which a partner sees a subject. */
export type EngagementKind = 'ORDER' | 'SUBSCRIPTION' | 'SUPPORT_CASE';

/** One engagement and its provision window, computed now by the domain's decision. */
export interface ReportedEngagement {
  kind: EngagementKind;
  /** The shop's id of the order, subscription or support case. */
  shopId: string;
  /** Whether the partner could receive any item it received before, now. */
  windowOpen: boolean;
  /** When the window closes (or closed) by the retention rule in force and the partnership's end; null while open-ended. */
  windowClosesAt: Date | null;
  /** Why nothing is provided any more (the decision's first reason); null while open. */
  closedReason: DenialReason | null;
}

/** A notice the gateway sent the partner about the subject (or about everything it holds). */
export interface ReportedNotice {
  type: NoticeType;
  createdAt: Date;
  deliveredAt: Date | null;
  /** PENDING (being delivered, retried with back-off), DELIVERED, or DEAD (given up: the shop re-queues it). */
  state: NoticeState;
  /** Delivery attempts so far. */
  attempts: number;
  /** Whether the notice asks the partner to destroy data. */
  asksForDestruction: boolean;
  acknowledgedAt: Date | null;
  destroyedAt: Date | null;
  destructionMethod: string | null;
}

/** One partner that received personal data of the subject. */
export interface ReportedPartner {
  code: string;
  name: Label;
  kind: PartnerKind;
  role: PartnerRole;
  country: string;
  /** The partnership's status now. */
  status: PartnerStatus;
  /** When the partnership ends or ended; null when no termination is recorded. */
  terminatedAt: Date | null;
  /** Distinct items received, in catalog order. */
  items: Labelled[];
  /** Distinct purposes, in catalog order. */
  purposes: Labelled[];
  firstProvidedAt: Date;
  lastProvidedAt: Date;
  agreementVersions: number[];
  releases: ReportedRelease[];
  consents: ReportedConsent[];
  engagements: ReportedEngagement[];
  /** Open while any engagement's window is. */
  windowOpen: boolean;
  /** The latest close among the engagements; null while any is open-ended (or there is none). */
  windowClosesAt: Date | null;
  denials: ReportedDenial[];
  notices: ReportedNotice[];
}

/** A provision to an authority under a statute, without consent (PIPA Art. 18(2)): what the subject is told of it. */
export interface ReportedStatutoryDisclosure {
  /** The requesting authority. */
  authority: string;
  /** The article it rests on. */
  statute: Labelled;
  purpose: Labelled;
  /** The date of the authority's document (`YYYY-MM-DD`). */
  documentDate: string;
  disclosedAt: Date;
  /** Items provided, in catalog order. */
  items: Labelled[];
}

/** "Who received my data" for one subject (PIPA Art. 35): item names only, never values. */
export interface SubjectProvisionReport {
  shopSubjectId: string;
  generatedAt: Date;
  partners: ReportedPartner[];
  /** Provision to authorities under a statute, oldest first; one whose notice the law defers is left out until the deferral ends. */
  statutoryDisclosures: ReportedStatutoryDisclosure[];
}

/** Raw rows carry timestamps as the driver gives them. */
type SqlTimestamp = string | Date;


interface LedgerRow {
  kind: 'release' | 'denial' | 'engagement';
  partnerId: string;
  purpose: string | null;
  item: string | null;
  reason: string | null;
  agreementVersion: number | null;
  orderId: string | null;
  firstAt: SqlTimestamp;
  lastAt: SqlTimestamp;
  times: number;
}

// One statement over the subject's ledger rows (the (subject_id, occurred_at) index), aggregated in
// SQL so that only a few rows per partner come back however many releases there were. Rows of
// admins' reads (no partner) are not provision to a partner. The agreement version of a release is
// the highest version effective at its time, as `agreementInForce` picks it: `periods` turns each
// partner's versions into the intervals in which each running-highest version is in force, joined
// by hash (a lookup per row cost 20 ms per 1,000 rows). Denials are read with jsonb_array_elements,
// and only from rows that have any (jsonb_to_recordset costs ~13 µs a call even on an empty array).
const LEDGER_SQL = `
with mine as materialized (
  select r.partner_id, r.purpose, r.order_id, r.occurred_at, r.items_released, r.items_denied
    from provision_records r
   where r.subject_id = ? and r.partner_id is not null
),
periods as (
  select a.partner_id, a.effective_from as from_at,
         lead(a.effective_from) over w as until_at,
         max(a.version) over (w rows between unbounded preceding and current row) as version
    from agreements a
   where a.partner_id in (select distinct partner_id from mine)
  window w as (partition by a.partner_id order by a.effective_from, a.version)
)
select 'release' as kind, m.partner_id as "partnerId", m.purpose, i.item, null as reason, v.version as "agreementVersion",
       null::uuid as "orderId", min(m.occurred_at) as "firstAt", max(m.occurred_at) as "lastAt", count(*)::int as times
  from mine m
       cross join lateral unnest(m.items_released) as i(item)
       left join periods v on v.partner_id = m.partner_id and m.occurred_at >= v.from_at
                              and (v.until_at is null or m.occurred_at < v.until_at)
 group by m.partner_id, m.purpose, i.item, v.version
union all
select 'denial', m.partner_id, null, d.item, d.reason, null, null, min(m.occurred_at), max(m.occurred_at), count(*)::int
  from mine m cross join lateral jsonb_array_elements(m.items_denied) as e(denial)
       cross join lateral (select e.denial->>'item' as item, e.denial->>'reason' as reason) d
 where jsonb_array_length(m.items_denied) > 0
 group by m.partner_id, d.item, d.reason
union all
select 'engagement', m.partner_id, null, null, null, null, m.order_id, min(m.occurred_at), max(m.occurred_at), count(*)::int
  from mine m
 where cardinality(m.items_released) > 0
 group by m.partner_id, m.order_id`;

/** Timestamps inside JSON come back as ISO 8601 text. */
type JsonTimestamp = string;

/** Everything besides the ledger that the report needs, as one JSON row (see FACTS_SQL). */
interface FactsRow {
  partners: { id: string; code: string; name: Label; kind: PartnerKind; role: PartnerRole; country: string; overseasTransferBasis: string | null }[];
  changes: { partnerId: string; status: PartnerStatus; effectiveAt: JsonTimestamp }[];
  agreements: {
    id: string;
    partnerId: string;
    version: number;
    retentionRule: string;
    consentRequired: boolean;
    effectiveFrom: JsonTimestamp;
    grants: { item: string; purpose: string }[];
  }[];
  orders: {
    id: string;
    shopOrderId: string;
    sellerId: string;
    customsBrokerId: string | null;
    buyerId: string;
    buyerMembershipWithdrawnAt: JsonTimestamp | null;
    buyerBirthDate: string | null;
    buyerUnder14: boolean;
    purchaseConfirmedAt: JsonTimestamp | null;
    deliveredAt: JsonTimestamp | null;
    /** The first release to the seller, and to the customs broker, of the order's receiver or buyer (any engagement): the `provision` anchor. */
    providedToSellerAt: JsonTimestamp | null;
    providedToBrokerAt: JsonTimestamp | null;
  }[];
  subscriptions: { id: string; partnerId: string; shopSubscriptionId: string; endedAt: JsonTimestamp | null }[];
  supportCases: { id: string; partnerId: string; shopCaseId: string; closedAt: JsonTimestamp | null }[];
  suspensions: { partnerId: string | null; requestedAt: JsonTimestamp; resumedAt: JsonTimestamp | null }[];
  corrections: { items: string[]; requestedAt: JsonTimestamp; appliedAt: JsonTimestamp | null }[];
  consents: {
    shopConsentId: string;
    subjectId: string;
    agreementId: string;
    givenAt: JsonTimestamp;
    withdrawnAt: JsonTimestamp | null;
    legalRepresentative: boolean;
  }[];
  notices: {
    partnerId: string;
    type: string;
    createdAt: JsonTimestamp;
    deliveredAt: JsonTimestamp | null;
    state: NoticeState;
    attempts: number;
    acknowledgedAt: JsonTimestamp | null;
    destroyedAt: JsonTimestamp | null;
    destructionMethod: string | null;
  }[];
}

// One statement, one row: the registry facts of the partners the ledger names (status history,
// agreement versions with grants), the subject's engagements with them, suspensions and corrections,
// consents (the subject's, and the buyers' of the orders, whose consent covers a receiver's data),
// and the notices. A round trip per table cost more than the ledger itself on a loaded machine.
// Notices: those naming the subject (withdrawal, suspension, correction), the window-closed notices
// listing one of its engagements, and termination notices whose `held` names it or is incomplete
// (the instruction then covers everything); the (partner_id, created_at) index narrows them to the
// report's partners. Lists travel as JSON: the driver would expand an array parameter into a value list.
const FACTS_SQL = `
with pids as (select jsonb_array_elements_text(?::jsonb)::uuid as id),
     subject as (select ?::uuid as id, ?::text as shop_subject_id),
     ords as (select o.id, o.shop_order_id, o.seller_id, o.customs_broker_id, o.buyer_id, b.membership_withdrawn_at, b.birth_date, b.under14, o.purchase_confirmed_at,
                     o.delivered_at,
                     ${firstReleaseSql(['o.receiver_id', 'o.buyer_id'], 'o.seller_id')} as provided_to_seller_at,
                     ${firstReleaseSql(['o.receiver_id', 'o.buyer_id'], 'o.customs_broker_id')} as provided_to_broker_at
                from orders o join subjects b on b.id = o.buyer_id
               where o.id in (select jsonb_array_elements_text(?::jsonb)::uuid)),
     subs as (select s.id, s.partner_id, s.shop_subscription_id, s.ended_at, s.started_at from subscriptions s
               where s.subject_id = (select id from subject) and s.partner_id in (select id from pids)),
     cases as (select c.id, c.partner_id, c.shop_case_id, c.closed_at, c.opened_at from support_cases c
                where c.subject_id = (select id from subject) and c.partner_id in (select id from pids)),
     ags as (select a.id, a.partner_id, a.version, a.retention_rule, a.consent_required, a.effective_from from agreements a
              where a.partner_id in (select id from pids)),
     engagement_ids as (select id::text from ords union all select id::text from subs union all select id::text from cases)
select
  (select coalesce(jsonb_agg(jsonb_build_object('id', p.id, 'code', p.code, 'name', jsonb_build_object('ko', p.name_ko, 'en', p.name_en), 'kind', p.kind, 'role', p.role,
                                                'country', p.country, 'overseasTransferBasis', p.overseas_transfer_basis)), '[]')
     from partners p where p.id in (select id from pids)) as partners,
  (select coalesce(jsonb_agg(jsonb_build_object('partnerId', c.partner_id, 'status', c.status, 'effectiveAt', c.effective_at)
                             order by c.effective_at, c.recorded_at), '[]')
     from partner_status_changes c where c.partner_id in (select id from pids)) as changes,
  (select coalesce(jsonb_agg(jsonb_build_object('id', a.id, 'partnerId', a.partner_id, 'version', a.version,
                                                'retentionRule', a.retention_rule, 'consentRequired', a.consent_required,
                                                'effectiveFrom', a.effective_from,
                                                'grants', (select coalesce(jsonb_agg(jsonb_build_object('item', g.item, 'purpose', g.purpose)), '[]')
                                                             from agreement_grants g where g.agreement_id = a.id))
                             order by a.version), '[]')
     from ags a) as agreements,
  (select coalesce(jsonb_agg(jsonb_build_object('id', o.id, 'shopOrderId', o.shop_order_id, 'sellerId', o.seller_id,
                                                'customsBrokerId', o.customs_broker_id, 'buyerId', o.buyer_id,
                                                'buyerMembershipWithdrawnAt', o.membership_withdrawn_at,
                                                'buyerBirthDate', o.birth_date, 'buyerUnder14', o.under14,
                                                'purchaseConfirmedAt', o.purchase_confirmed_at, 'deliveredAt', o.delivered_at,
                                                'providedToSellerAt', o.provided_to_seller_at, 'providedToBrokerAt', o.provided_to_broker_at)
                             order by o.shop_order_id), '[]')
     from ords o) as orders,
  (select coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'partnerId', s.partner_id, 'shopSubscriptionId', s.shop_subscription_id,
                                                'endedAt', s.ended_at) order by s.started_at), '[]')
     from subs s) as subscriptions,
  (select coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'partnerId', c.partner_id, 'shopCaseId', c.shop_case_id,
                                                'closedAt', c.closed_at) order by c.opened_at), '[]')
     from cases c) as "supportCases",
  (select coalesce(jsonb_agg(jsonb_build_object('partnerId', x.partner_id, 'requestedAt', x.requested_at, 'resumedAt', x.resumed_at)), '[]')
     from processing_suspensions x where x.subject_id = (select id from subject)) as suspensions,
  (select coalesce(jsonb_agg(jsonb_build_object('items', x.items, 'requestedAt', x.requested_at, 'appliedAt', x.applied_at)), '[]')
     from correction_requests x where x.subject_id = (select id from subject)) as corrections,
  (select coalesce(jsonb_agg(jsonb_build_object('shopConsentId', c.shop_consent_id, 'subjectId', c.subject_id, 'agreementId', c.agreement_id,
                                                'givenAt', c.given_at, 'withdrawnAt', c.withdrawn_at,
                                                'legalRepresentative', c.legal_representative_name is not null) order by c.given_at), '[]')
     from consents c
    where c.subject_id in (select id from subject union select buyer_id from ords)
      and c.agreement_id in (select id from ags)) as consents,
  (select coalesce(jsonb_agg(jsonb_build_object('partnerId', n.partner_id, 'type', n.type, 'createdAt', n.created_at,
                                                'deliveredAt', n.delivered_at, 'state', n.status, 'attempts', n.attempts,
                                                'acknowledgedAt', n.acknowledged_at,
                                                'destroyedAt', n.destroyed_at, 'destructionMethod', n.destruction_method)
                             order by n.created_at, n.id), '[]')
     from notices n
    where n.partner_id in (select id from pids)
      and (n.payload->>'shopSubjectId' = (select shop_subject_id from subject)
           or (n.type = 'partnership-terminated'
               and (n.payload->'held'->'shopSubjectIds' @> jsonb_build_array((select shop_subject_id from subject))
                    or n.payload->'held'->>'complete' = 'false'))
           or (n.type = 'window-closed'
               and exists (select 1
                             from jsonb_array_elements(coalesce(n.payload->'orders', '[]') || coalesce(n.payload->'subscriptions', '[]')
                                                       || coalesce(n.payload->'supportCases', '[]')) e
                            where e->>'id' in (select id from engagement_ids))))) as notices`;

// The register's rows naming the subject (the GIN index on subject_ids), with their deferral; the
// domain decides which the subject may be told of now.
const STATUTORY_SQL = `
select authority, statute, purpose, to_char(document_date, 'YYYY-MM-DD') as "documentDate", recorded_at as "disclosedAt", items,
       to_char(notify_deferred_until, 'YYYY-MM-DD') as "deferredUntil"
  from statutory_disclosures
 where subject_ids @> array[?]::uuid[]
 order by recorded_at, id`;

interface StatutoryRow {
  authority: string;
  statute: string;
  purpose: string;
  documentDate: string;
  disclosedAt: SqlTimestamp;
  items: string[];
  deferredUntil: string | null;
}

const instant = (value: SqlTimestamp): Date => new Date(value);

/** The subject's statutory disclosures it may be told of now. */
async function statutoryDisclosuresOf(em: EntityManager, subjectId: string, now: Date): Promise<ReportedStatutoryDisclosure[]> {
  const rows = await em.execute<StatutoryRow[]>(STATUTORY_SQL, [subjectId]);
  return rows
    .filter((row) => isDisclosureNotifiable(row.deferredUntil, now))
    .map((row) => ({
      authority: row.authority,
      statute: { key: row.statute, ...(STATUTE_CATALOG.get(row.statute)?.label ?? { en: row.statute, ko: row.statute }) },
      purpose: purposeLabel(row.purpose),
      documentDate: row.documentDate,
      disclosedAt: instant(row.disclosedAt),
      items: itemsInCatalogOrder(row.items),
    }));
}
const optionalInstant = (value: SqlTimestamp | null): Date | null => (value === null ? null : new Date(value));

/** An engagement with the facts the decision needs about it. */
interface EngagementFacts {
  kind: EngagementKind;
  shopId: string;
  consentSubjectId: string;
  anchors: Omit<RetentionAnchors, 'partnershipTerminatedAt'>;
}

/**
 * Builds the report for one subject, or null when the shop never recorded it (as `shopSubject`
 * answers). Four statements whatever the size of the ledger or the subject's history: the
 * subject, one aggregate over its ledger rows, its statutory disclosures, one row of facts about
 * the partners found. Windows are the domain's: the decision (`decide`) run now for every item ×
 * purpose the partner received, per engagement, and the close instant from `windowClosesAt` under
 * the agreement in force.
 */
export async function buildSubjectReport(em: EntityManager, shopSubjectId: string, now: Date): Promise<SubjectProvisionReport | null> {
  assertShopSubjectId(shopSubjectId);
  // The subject's id, membership and age facts only (the decision's inputs): the report shows no personal values.
  const [subject] = await em.execute<{ id: string; membershipWithdrawnAt: SqlTimestamp | null; birthDate: string | null; under14: boolean }[]>(
    `select id, membership_withdrawn_at as "membershipWithdrawnAt", to_char(birth_date, 'YYYY-MM-DD') as "birthDate", under14
       from subjects where shop_subject_id = ?`,
    [shopSubjectId],
  );
  if (!subject) return null;
  const ledger = await em.execute<LedgerRow[]>(LEDGER_SQL, [subject.id]);
  const statutoryDisclosures = await statutoryDisclosuresOf(em, subject.id, now);
  const report: SubjectProvisionReport = { shopSubjectId, generatedAt: now, partners: [], statutoryDisclosures };
  const partnerIds = [...new Set(ledger.filter((row) => row.kind === 'release').map((row) => row.partnerId))];
  if (partnerIds.length === 0) return report;

  const orderIds = [
    ...new Set(ledger.flatMap((row) => (row.kind === 'engagement' && row.orderId !== null ? [row.orderId] : []))),
  ];
  const [facts] = await em.execute<FactsRow[]>(FACTS_SQL, [
    JSON.stringify(partnerIds),
    subject.id,
    shopSubjectId,
    JSON.stringify(orderIds),
  ]);
  /** Per consenting subject (the subject, the buyers of its orders): membership withdrawal and age facts. */
  const consentingSubjects = new Map<string, { membershipWithdrawnAt: Date | null; age: AgeFacts }>([
    [subject.id, { membershipWithdrawnAt: optionalInstant(subject.membershipWithdrawnAt), age: { birthDate: subject.birthDate, under14: subject.under14 } }],
    ...facts.orders.map((order): [string, { membershipWithdrawnAt: Date | null; age: AgeFacts }] => [
      order.buyerId,
      { membershipWithdrawnAt: optionalInstant(order.buyerMembershipWithdrawnAt), age: { birthDate: order.buyerBirthDate, under14: order.buyerUnder14 } },
    ]),
  ]);
  const suspensions = facts.suspensions.map((x) => ({ partnerId: x.partnerId, requestedAt: instant(x.requestedAt), resumedAt: optionalInstant(x.resumedAt) }));
  const corrections = facts.corrections.map((x) => ({ items: x.items, requestedAt: instant(x.requestedAt), appliedAt: optionalInstant(x.appliedAt) }));
  const consents = facts.consents.map((x) => ({ ...x, givenAt: instant(x.givenAt), withdrawnAt: optionalInstant(x.withdrawnAt) }));

  for (const partner of facts.partners) {
    const history = facts.changes
      .filter((change) => change.partnerId === partner.id)
      .map((change) => ({ status: change.status, effectiveAt: instant(change.effectiveAt) }));
    const versions = facts.agreements
      .filter((agreement) => agreement.partnerId === partner.id)
      .map((agreement) => ({ ...agreement, effectiveFrom: instant(agreement.effectiveFrom) }));
    const grantsOf = new Map(versions.map((v) => [v.id, v.grants]));
    const versionOf = new Map(versions.map((v) => [v.id, v.version]));
    const current = agreementInForce(versions, now);
    const agreement: ProvisionAgreement | null = current
      ? { grants: current.grants, rule: parseRetentionRule(current.retentionRule), consentRequired: current.consentRequired }
      : null;
    const partnerTerminatedAt = terminatedAt(history);
    const status = statusAt(history, now);
    const rows = ledger.filter((row) => row.partnerId === partner.id);
    const releases = rows.filter((row) => row.kind === 'release');
    const firstAt = new Date(Math.min(...releases.map((row) => instant(row.firstAt).getTime())));
    const lastAt = new Date(Math.max(...releases.map((row) => instant(row.lastAt).getTime())));

    const engagements: EngagementFacts[] = [];
    for (const row of rows) {
      if (row.kind !== 'engagement' || row.orderId === null) continue;
      const order = facts.orders.find((candidate) => candidate.id === row.orderId);
      if (!order || (order.sellerId !== partner.id && order.customsBrokerId !== partner.id)) continue;
      engagements.push({
        kind: 'ORDER',
        shopId: order.shopOrderId,
        consentSubjectId: order.buyerId,
        // The read path's anchors: the first release of either of the order's subjects to this partner (its role's).
        anchors: {
          purchaseConfirmedAt: optionalInstant(order.purchaseConfirmedAt),
          deliveredAt: optionalInstant(order.deliveredAt),
          providedAt: optionalInstant(order.sellerId === partner.id ? order.providedToSellerAt : order.providedToBrokerAt),
        },
      });
    }
    for (const subscription of facts.subscriptions.filter((s) => s.partnerId === partner.id)) {
      engagements.push({
        kind: 'SUBSCRIPTION',
        shopId: subscription.shopSubscriptionId,
        consentSubjectId: subject.id,
        anchors: { subscriptionEndedAt: optionalInstant(subscription.endedAt), providedAt: firstAt },
      });
    }
    for (const supportCase of facts.supportCases.filter((c) => c.partnerId === partner.id)) {
      engagements.push({
        kind: 'SUPPORT_CASE',
        shopId: supportCase.shopCaseId,
        consentSubjectId: subject.id,
        anchors: { caseClosedAt: optionalInstant(supportCase.closedAt), providedAt: firstAt },
      });
    }

    const consentSubjects = new Set([subject.id, ...engagements.map((engagement) => engagement.consentSubjectId)]);
    const received = [...new Map(releases.map((row) => [`${row.item} ${row.purpose}`, { item: row.item ?? '', purpose: row.purpose ?? '' }])).values()];
    const partnerSuspensions = suspensions.filter((x) => x.partnerId === null || x.partnerId === partner.id);
    const reportedEngagements = engagements.map((engagement): ReportedEngagement => {
      const decisions = received.map(({ item, purpose }) =>
        decide({
          purpose,
          item,
          // A report is not a token's request: the scope check has no counterpart here.
          scopes: new Set([`pii:${item}`]),
          partner: {
            status,
            country: partner.country,
            overseasTransferBasis: partner.overseasTransferBasis,
            terminatedAt: partnerTerminatedAt,
          },
          agreement,
          consents: consents
            .filter((consent) => consent.subjectId === engagement.consentSubjectId && grantsOf.has(consent.agreementId))
            .map((consent) => ({
              grants: grantsOf.get(consent.agreementId) ?? [],
              givenAt: consent.givenAt,
              withdrawnAt: consent.withdrawnAt,
              legalRepresentative: consent.legalRepresentative,
            })),
          membershipWithdrawnAt: consentingSubjects.get(engagement.consentSubjectId)?.membershipWithdrawnAt ?? null,
          // A consenting subject not found counts as a child (fail closed).
          consentingSubject: consentingSubjects.get(engagement.consentSubjectId)?.age ?? { birthDate: null, under14: true },
          anchors: engagement.anchors,
          suspensions: partnerSuspensions,
          corrections,
          // The daily ceiling limits a day's new subjects, not whether a window is open.
          dailyCeiling: null,
          now,
        }),
      );
      const denial = decisions.find((decision) => !decision.release);
      const open = decisions.some((decision) => decision.release);
      return {
        kind: engagement.kind,
        shopId: engagement.shopId,
        windowOpen: open,
        windowClosesAt: agreement
          ? windowClosesAt(agreement.rule, { ...engagement.anchors, partnershipTerminatedAt: partnerTerminatedAt })
          : partnerTerminatedAt,
        closedReason: open || denial === undefined || denial.release ? null : denial.reason,
      };
    });
    const closes = reportedEngagements.map((engagement) => engagement.windowClosesAt);

    report.partners.push({
      code: partner.code,
      name: partner.name,
      kind: partner.kind,
      role: partner.role,
      country: partner.country,
      status,
      terminatedAt: partnerTerminatedAt,
      items: itemsInCatalogOrder(releases.map((row) => row.item ?? '')),
      purposes: purposesInCatalogOrder(releases.map((row) => row.purpose ?? '')),
      firstProvidedAt: firstAt,
      lastProvidedAt: lastAt,
      agreementVersions: [...new Set(releases.flatMap((row) => (row.agreementVersion === null ? [] : [row.agreementVersion])))].sort((a, b) => a - b),
      releases: releases
        .map((row) => ({
          item: itemLabel(row.item ?? ''),
          purpose: purposeLabel(row.purpose ?? ''),
          agreementVersion: row.agreementVersion,
          firstAt: instant(row.firstAt),
          lastAt: instant(row.lastAt),
          times: row.times,
        }))
        .sort((a, b) => a.firstAt.getTime() - b.firstAt.getTime() || (a.item.key < b.item.key ? -1 : 1)),
      // Whose consents covered what this partner received: the subject's own, and those of whoever
      // ordered with the subject as receiver (their consent covers the receiver's data).
      consents: consents
        .filter((consent) => consentSubjects.has(consent.subjectId) && versionOf.has(consent.agreementId))
        .map((consent) => ({
          shopConsentId: consent.shopConsentId,
          agreementVersion: versionOf.get(consent.agreementId) ?? 0,
          givenAt: consent.givenAt,
          withdrawnAt: consent.withdrawnAt,
          givenBy: consent.subjectId === subject.id ? ('SUBJECT' as const) : ('ORDERER' as const),
        })),
      engagements: reportedEngagements,
      windowOpen: reportedEngagements.some((engagement) => engagement.windowOpen),
      windowClosesAt:
        closes.length === 0 || closes.includes(null)
          ? null
          : new Date(Math.max(...closes.map((close) => (close as Date).getTime()))),
      denials: rows
        .filter((row) => row.kind === 'denial')
        .map((row) => ({ item: itemLabel(row.item ?? ''), reason: row.reason ?? '', times: row.times, lastAt: instant(row.lastAt) }))
        .sort((a, b) => b.lastAt.getTime() - a.lastAt.getTime()),
      notices: facts.notices
        .filter((notice) => notice.partnerId === partner.id && isOneOf(NOTICE_TYPES, notice.type))
        .map((notice) => ({
          type: notice.type as NoticeType,
          createdAt: instant(notice.createdAt),
          deliveredAt: optionalInstant(notice.deliveredAt),
          state: notice.state,
          attempts: notice.attempts,
          asksForDestruction: isOneOf(DESTRUCTION_NOTICE_TYPES, notice.type),
          acknowledgedAt: optionalInstant(notice.acknowledgedAt),
          destroyedAt: optionalInstant(notice.destroyedAt),
          destructionMethod: notice.destructionMethod,
        })),
    });
  }
  report.partners.sort((a, b) => a.firstProvidedAt.getTime() - b.firstProvidedAt.getTime() || (a.code < b.code ? -1 : 1));
  return report;
}
