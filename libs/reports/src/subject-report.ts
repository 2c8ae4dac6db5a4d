import type { EntityManager } from '@mikro-orm/postgresql';
import {
  Agreement,
  Consent,
  CorrectionRequest,
  Order,
  Partner,
  PartnerStatusChange,
  ProcessingSuspension,
  Subject,
  Subscription,
  SupportCase,
} from '@provision/db';
import {
  agreementInForce,
  decide,
  DESTRUCTION_NOTICE_TYPES,
  InputError,
  isOneOf,
  NOTICE_TYPES,
  parseRetentionRule,
  statusAt,
  terminatedAt,
  windowClosesAt,
  type DenialReason,
  type NoticeType,
  type PartnerKind,
  type PartnerRole,
  type PartnerStatus,
  type ProvisionAgreement,
  type RetentionAnchors,
} from '@provision/domain';
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
  /** Whether the notice asks the partner to destroy data. */
  asksForDestruction: boolean;
  acknowledgedAt: Date | null;
  destroyedAt: Date | null;
  destructionMethod: string | null;
}

/** One partner that received personal data of the subject. */
export interface ReportedPartner {
  code: string;
  name: string;
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
  firstAt: Date;
  lastAt: Date;
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

/** "Who received my data" for one subject (PIPA Art. 35): item names only, never values. */
export interface SubjectProvisionReport {
  shopSubjectId: string;
  generatedAt: Date;
  partners: ReportedPartner[];
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
// the highest version effective at its time, as `agreementInForce` picks it.
const LEDGER_SQL = `
with mine as materialized (
  select r.partner_id, r.purpose, r.order_id, r.occurred_at, r.items_released, r.items_denied
    from provision_records r
   where r.subject_id = ? and r.partner_id is not null
)
select 'release' as kind, m.partner_id as "partnerId", m.purpose, i.item, null as reason, v.version as "agreementVersion",
       null::uuid as "orderId", min(m.occurred_at) as "firstAt", max(m.occurred_at) as "lastAt", count(*)::int as times
  from mine m
       cross join lateral unnest(m.items_released) as i(item)
       left join lateral (select max(a.version) as version from agreements a
                           where a.partner_id = m.partner_id and a.effective_from <= m.occurred_at) v on true
 group by m.partner_id, m.purpose, i.item, v.version
union all
select 'denial', m.partner_id, null, d.item, d.reason, null, null, min(m.occurred_at), max(m.occurred_at), count(*)::int
  from mine m cross join lateral jsonb_to_recordset(m.items_denied) as d(item text, reason text)
 group by m.partner_id, d.item, d.reason
union all
select 'engagement', m.partner_id, null, null, null, null, m.order_id, min(m.occurred_at), max(m.occurred_at), count(*)::int
  from mine m
 where cardinality(m.items_released) > 0
 group by m.partner_id, m.order_id`;

interface NoticeRow {
  partnerId: string;
  type: string;
  createdAt: SqlTimestamp;
  deliveredAt: SqlTimestamp | null;
  acknowledgedAt: SqlTimestamp | null;
  destroyedAt: SqlTimestamp | null;
  destructionMethod: string | null;
}

// Notices that name the subject (withdrawal, suspension, correction), the window-closed notices
// that list one of its engagements, and the termination notices whose `held` names it or is
// incomplete (the instruction then covers everything). The partner's (partner_id, created_at)
// index narrows the search to the partners of the report. Lists travel as JSON (the driver would
// expand an array parameter into a value list).
const NOTICES_SQL = `
select n.partner_id as "partnerId", n.type, n.created_at as "createdAt", n.delivered_at as "deliveredAt",
       n.acknowledged_at as "acknowledgedAt", n.destroyed_at as "destroyedAt", n.destruction_method as "destructionMethod"
  from notices n
 where n.partner_id in (select jsonb_array_elements_text(?::jsonb)::uuid)
   and (n.payload->>'shopSubjectId' = ?
        or (n.type = 'partnership-terminated'
            and (n.payload->'held'->'shopSubjectIds' @> jsonb_build_array(?::text) or n.payload->'held'->>'complete' = 'false'))
        or (n.type = 'window-closed'
            and exists (select 1
                          from jsonb_array_elements(coalesce(n.payload->'orders', '[]') || coalesce(n.payload->'subscriptions', '[]')
                                                    || coalesce(n.payload->'supportCases', '[]')) e
                         where e->>'id' in (select jsonb_array_elements_text(?::jsonb)))))
 order by n.created_at, n.id`;

const instant = (value: SqlTimestamp): Date => new Date(value);
const optionalInstant = (value: SqlTimestamp | null): Date | null => (value === null ? null : new Date(value));

/** An engagement with the facts the decision needs about it. */
interface EngagementFacts {
  kind: EngagementKind;
  shopId: string;
  id: string;
  consentSubjectId: string;
  anchors: Omit<RetentionAnchors, 'partnershipTerminatedAt'>;
}

/**
 * Builds the report for one subject, or null when the shop never recorded it (as `shopSubject`
 * answers). A constant number of statements whatever the size of the ledger or the subject's
 * history: the subject, one aggregate over its ledger rows, then the registry facts, engagements,
 * consents and notices of the partners found, side by side. Windows are the domain's: the
 * decision (`decide`) run now for every item the partner received, per engagement, and the close
 * instant from `windowClosesAt` under the agreement in force.
 */
export async function buildSubjectReport(em: EntityManager, shopSubjectId: string, now: Date): Promise<SubjectProvisionReport | null> {
  assertShopSubjectId(shopSubjectId);
  const subject = await em.findOne(Subject, { shopSubjectId });
  if (!subject) return null;
  const ledger = await em.execute<LedgerRow[]>(LEDGER_SQL, [subject.id]);
  const report: SubjectProvisionReport = { shopSubjectId, generatedAt: now, partners: [] };
  const partnerIds = [...new Set(ledger.filter((row) => row.kind === 'release').map((row) => row.partnerId))];
  if (partnerIds.length === 0) return report;

  const orderIds = [
    ...new Set(ledger.flatMap((row) => (row.kind === 'engagement' && row.orderId !== null ? [row.orderId] : []))),
  ];
  const [partners, changes, agreements, orders, subscriptions, supportCases, suspensions, corrections] = await Promise.all([
    em.find(Partner, { id: { $in: partnerIds } }),
    em.find(PartnerStatusChange, { partner: { $in: partnerIds } }, { orderBy: { effectiveAt: 'asc', recordedAt: 'asc' } }),
    em.find(Agreement, { partner: { $in: partnerIds } }, { populate: ['grants'], orderBy: { version: 'asc' } }),
    orderIds.length > 0 ? em.find(Order, { id: { $in: orderIds } }, { populate: ['buyer'] }) : Promise.resolve([]),
    em.find(Subscription, { subject: subject.id, partner: { $in: partnerIds } }, { orderBy: { startedAt: 'asc' } }),
    em.find(SupportCase, { subject: subject.id, partner: { $in: partnerIds } }, { orderBy: { openedAt: 'asc' } }),
    em.find(ProcessingSuspension, { subject: subject.id }),
    em.find(CorrectionRequest, { subject: subject.id }),
  ]);
  const consentSubjectIds = [...new Set([subject.id, ...orders.map((order) => order.buyer.id)])];
  const engagementIds = [...orderIds, ...subscriptions.map((s) => s.id), ...supportCases.map((c) => c.id)];
  const [consents, notices] = await Promise.all([
    em.find(Consent, { subject: { $in: consentSubjectIds }, agreement: { $in: agreements.map((a) => a.id) } }),
    em.execute<NoticeRow[]>(NOTICES_SQL, [JSON.stringify(partnerIds), shopSubjectId, shopSubjectId, JSON.stringify(engagementIds)]),
  ]);
  const membershipWithdrawnAt = new Map<string, Date | null>([
    [subject.id, subject.membershipWithdrawnAt],
    ...orders.map((order): [string, Date | null] => [order.buyer.id, order.buyer.getEntity().membershipWithdrawnAt]),
  ]);

  for (const partner of partners) {
    const history = changes.filter((change) => change.partner.id === partner.id);
    const versions = agreements.filter((agreement) => agreement.partner.id === partner.id);
    const grantsOf = new Map(versions.map((v) => [v.id, v.grants.getItems().map(({ item, purpose }) => ({ item, purpose }))]));
    const versionOf = new Map(versions.map((v) => [v.id, v.version]));
    const current = agreementInForce(versions, now);
    const agreement: ProvisionAgreement | null = current
      ? { grants: grantsOf.get(current.id) ?? [], rule: parseRetentionRule(current.retentionRule), consentRequired: current.consentRequired }
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
      const order = orders.find((candidate) => candidate.id === row.orderId);
      if (!order || (order.seller.id !== partner.id && order.customsBroker?.id !== partner.id)) continue;
      engagements.push({
        kind: 'ORDER',
        id: order.id,
        shopId: order.shopOrderId,
        consentSubjectId: order.buyer.id,
        anchors: { purchaseConfirmedAt: order.purchaseConfirmedAt, providedAt: firstAt },
      });
    }
    for (const subscription of subscriptions.filter((s) => s.partner.id === partner.id)) {
      engagements.push({
        kind: 'SUBSCRIPTION',
        id: subscription.id,
        shopId: subscription.shopSubscriptionId,
        consentSubjectId: subject.id,
        anchors: { subscriptionEndedAt: subscription.endedAt, providedAt: firstAt },
      });
    }
    for (const supportCase of supportCases.filter((c) => c.partner.id === partner.id)) {
      engagements.push({
        kind: 'SUPPORT_CASE',
        id: supportCase.id,
        shopId: supportCase.shopCaseId,
        consentSubjectId: subject.id,
        anchors: { caseClosedAt: supportCase.closedAt, providedAt: firstAt },
      });
    }

    const received = [...new Map(releases.map((row) => [`${row.item} ${row.purpose}`, { item: row.item ?? '', purpose: row.purpose ?? '' }])).values()];
    const partnerSuspensions = suspensions.filter((s) => s.partner === null || s.partner.id === partner.id);
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
            .filter((consent) => consent.subject.id === engagement.consentSubjectId && grantsOf.has(consent.agreement.id))
            .map((consent) => ({ grants: grantsOf.get(consent.agreement.id) ?? [], givenAt: consent.givenAt, withdrawnAt: consent.withdrawnAt })),
          membershipWithdrawnAt: membershipWithdrawnAt.get(engagement.consentSubjectId) ?? null,
          anchors: engagement.anchors,
          suspensions: partnerSuspensions,
          corrections,
          now,
        }),
      );
      const open = decisions.some((decision) => decision.release);
      const firstDenial = decisions.find((decision) => !decision.release);
      return {
        kind: engagement.kind,
        shopId: engagement.shopId,
        windowOpen: open,
        windowClosesAt: agreement
          ? windowClosesAt(agreement.rule, { ...engagement.anchors, partnershipTerminatedAt: partnerTerminatedAt })
          : partnerTerminatedAt,
        closedReason: open || firstDenial === undefined || firstDenial.release ? null : firstDenial.reason,
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
      firstAt,
      lastAt,
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
      consents: consents
        .filter((consent) => consent.subject.id === subject.id && versionOf.has(consent.agreement.id))
        .map((consent) => ({
          shopConsentId: consent.shopConsentId,
          agreementVersion: versionOf.get(consent.agreement.id) ?? 0,
          givenAt: consent.givenAt,
          withdrawnAt: consent.withdrawnAt,
        }))
        .sort((a, b) => a.givenAt.getTime() - b.givenAt.getTime()),
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
      notices: notices
        .filter((notice) => notice.partnerId === partner.id && isOneOf(NOTICE_TYPES, notice.type))
        .map((notice) => ({
          type: notice.type as NoticeType,
          createdAt: instant(notice.createdAt),
          deliveredAt: optionalInstant(notice.deliveredAt),
          asksForDestruction: isOneOf(DESTRUCTION_NOTICE_TYPES, notice.type),
          acknowledgedAt: optionalInstant(notice.acknowledgedAt),
          destroyedAt: optionalInstant(notice.destroyedAt),
          destructionMethod: notice.destructionMethod,
        })),
    });
  }
  report.partners.sort((a, b) => a.firstAt.getTime() - b.firstAt.getTime() || (a.code < b.code ? -1 : 1));
  return report;
}
