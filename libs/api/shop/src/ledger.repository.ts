import type { EntityManager } from '@mikro-orm/postgresql';
import { Subscription, SupportCase } from '@provision/db';

// What partners hold of a subject, read from the provision ledger: only a partner that the ledger
// shows received personal data of the subject is told about the subject at all, so a notice never
// names a subject to a partner that had nothing of it.

/**
 * What one partner received of a subject, and the references it knows the data by: the partner API
 * shows orders by shop order id, subscribers by subscription id and cases by shop case id. Item
 * keys only, never values.
 */
export interface Holding {
  partnerId: string;
  items: string[];
  shopOrderIds: string[];
  subscriptionIds: string[];
  shopCaseIds: string[];
}

/**
 * `data-subject`: data about the subject itself (what a suspension or a correction concerns).
 * `consent-subject`: also the data released under the subject's consent — the receiver of an order
 * the subject bought (what a withdrawal of consent or membership closes; see the partner API's
 * provision handles, whose consent subject is the buyer).
 */
export type HoldingScope = 'data-subject' | 'consent-subject';

interface HoldingRow {
  partnerId: string;
  items: string[];
  shopOrderIds: string[];
}

// `unnest` drops ledger rows that released nothing: a row of denials is no holding. Orders are
// listed only to their seller or customs broker, the partners that know them by that number. Rows
// of admins' reads (no partner) are no holding of anyone to notify.
const HOLDINGS_SELECT = `
  select r.partner_id as "partnerId",
         array_agg(distinct i.item) as "items",
         coalesce(array_agg(distinct o.shop_order_id) filter (where o.seller_id = r.partner_id or o.customs_broker_id = r.partner_id), '{}') as "shopOrderIds"
    from provision_records r
         cross join lateral unnest(r.items_released) as i(item)
         left join orders o on o.id = r.order_id`;

const DATA_SUBJECT_SQL = `${HOLDINGS_SELECT}
   where r.subject_id = ? and r.partner_id is not null
   group by r.partner_id`;

// The first condition keeps the ledger's subject index in play; the second keeps, of the
// receivers' rows, only those of the subject's own orders.
const CONSENT_SUBJECT_SQL = `${HOLDINGS_SELECT}
   where r.subject_id in (select ?::uuid union select receiver_id from orders where buyer_id = ?)
     and (r.subject_id = ? or o.buyer_id = ?) and r.partner_id is not null
   group by r.partner_id`;

/** The holdings of every partner that received data of the subject, by partner id. */
export async function holdingsOf(em: EntityManager, subjectId: string, scope: HoldingScope): Promise<Map<string, Holding>> {
  const rows =
    scope === 'data-subject'
      ? await em.execute<HoldingRow[]>(DATA_SUBJECT_SQL, [subjectId])
      : await em.execute<HoldingRow[]>(CONSENT_SUBJECT_SQL, [subjectId, subjectId, subjectId, subjectId]);
  if (rows.length === 0) return new Map();
  const partnerIds = rows.map((row) => row.partnerId);
  const [subscriptions, supportCases] = await Promise.all([
    em.find(Subscription, { subject: subjectId, partner: { $in: partnerIds } }, { orderBy: { startedAt: 'asc' } }),
    em.find(SupportCase, { subject: subjectId, partner: { $in: partnerIds } }, { orderBy: { openedAt: 'asc' } }),
  ]);
  return new Map(
    rows.map((row) => [
      row.partnerId,
      {
        partnerId: row.partnerId,
        items: [...row.items].sort(),
        shopOrderIds: [...row.shopOrderIds].sort(),
        subscriptionIds: subscriptions.filter((s) => s.partner.id === row.partnerId).map((s) => s.id),
        shopCaseIds: supportCases.filter((c) => c.partner.id === row.partnerId).map((c) => c.shopCaseId),
      },
    ]),
  );
}

/** One kind of personal item a partner received of the subject, under one purpose and engagement. */
export interface Receipt {
  partnerId: string;
  purpose: string;
  orderId: string | null;
  item: string;
}

/** Every distinct (partner, purpose, order, item) under which the ledger shows a release of the subject's data. */
export async function receiptsOf(em: EntityManager, subjectId: string): Promise<Receipt[]> {
  return em.execute<Receipt[]>(
    `select distinct r.partner_id as "partnerId", r.purpose, r.order_id as "orderId", i.item
       from provision_records r cross join lateral unnest(r.items_released) as i(item)
      where r.subject_id = ? and r.partner_id is not null`,
    [subjectId],
  );
}
