import { firstReleaseSql } from '@provision/audit';
import { ITEM_FIELDS, type SubjectField, type SubjectValues, SqlParams } from '@provision/db';
import type { ItemKey, OrderStatus, ProvisionCorrection, ProvisionSuspension } from '@provision/domain';
import { decodeCursor, encodeCursor, isUuid } from './cursor.js';
import { epochMs } from './partner-facts.js';

// The partner API's reads, compiled by hand (STYLE.md §13): each page is ONE statement that
// returns its rows together with every fact the decision needs about their subjects, as plain
// values — no entities, no identity map, no unit of work. Row binding is in every WHERE clause: a
// partner never reads a row it has no engagement with, and another partner's row answers exactly
// like a missing one.

/** A consent of the subject to one of the calling partner's agreement versions. */
export interface ConsentFacts {
  agreementId: string;
  givenAt: Date;
  withdrawnAt: Date | null;
  /** Whether a legal representative consented for the subject (PIPA Art. 22-2). */
  legalRepresentative: boolean;
}

/** One subject of a page row as the decision sees it, with the stored values a view may release. */
export interface SubjectFacts {
  id: string;
  /** The columns of the items the row's view can release; sealed ones still sealed. */
  values: SubjectValues;
  membershipWithdrawnAt: Date | null;
  /** `YYYY-MM-DD` or null, and the shop's under-14 flag: whether the subject is a child at read time. */
  birthDate: string | null;
  under14: boolean;
  /** Only where the subject is the consenting one (the buyer of an order, a subscriber): consents to this partner's agreements. */
  consents: readonly ConsentFacts[];
  /** Suspensions that apply to this partner (its own or all partners'). */
  suspensions: readonly ProvisionSuspension[];
  corrections: readonly ProvisionCorrection[];
  /**
   * The partner's first release of any item of the subject (its ledger), the anchor of `… after
   * provision`; read only for a partner whose rule in force has that anchor, null otherwise.
   */
  providedAt: Date | null;
}

export interface OrdersFilter {
  status?: OrderStatus | null;
  orderedFrom?: Date | null;
  orderedTo?: Date | null;
}

export interface Page<T> {
  rows: T[];
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface OrderRow {
  id: string;
  shopOrderId: string;
  status: OrderStatus;
  orderedAt: Date;
  purchaseConfirmedAt: Date | null;
  deliveredAt: Date | null;
  receiver: SubjectFacts;
  buyer: SubjectFacts;
}

export interface SubscriptionRow {
  id: string;
  purpose: string;
  startedAt: Date;
  endedAt: Date | null;
  subject: SubjectFacts;
}

export interface SupportCaseRow {
  id: string;
  shopCaseId: string;
  purpose: string;
  orderId: string | null;
  openedAt: Date;
  closedAt: Date | null;
  subject: SubjectFacts;
}

/** Runs one statement in the request's transaction. */
export type RunQuery = <R extends object>(text: string, values: unknown[]) => Promise<R[]>;

/** The items each view can release (its `@personal` fields); the page reads only their columns. */
export const VIEW_ITEMS = {
  receiver: ['receiver.name', 'receiver.phone', 'receiver.address', 'customsCode'],
  buyer: ['name', 'mobile', 'email'],
  contact: ['memberId', 'name', 'mobile', 'email', 'companyName'],
} as const satisfies Record<string, readonly ItemKey[]>;

const column = (field: SubjectField | 'id') => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** A list of facts per subject, as JSON: what it aggregates, from where, for which partner. */
interface FactList {
  /** The aggregate, a `json` array. */
  select: string;
  from: string;
  /** The column naming the subject. */
  subject: string;
  /** What narrows the rows to those of the partner. */
  where: string;
}

/** The consents of a subject to the partner's agreements, the suspensions that apply to the partner, the correction requests. */
function factLists(partner: string): Record<'consents' | 'suspensions' | 'corrections', FactList> {
  return {
    consents: {
      select: `json_agg(json_build_object('agreementId', c.agreement_id, 'givenAt', ${epochMs('c.given_at')}, 'withdrawnAt', ${epochMs('c.withdrawn_at')},
                                          'legalRepresentative', c.legal_representative_name is not null))`,
      from: 'consents c join agreements a on a.id = c.agreement_id',
      subject: 'c.subject_id',
      where: `a.partner_id = ${partner}`,
    },
    suspensions: {
      select: `json_agg(json_build_object('requestedAt', ${epochMs('x.requested_at')}, 'resumedAt', ${epochMs('x.resumed_at')}))`,
      from: 'processing_suspensions x',
      subject: 'x.subject_id',
      where: `(x.partner_id is null or x.partner_id = ${partner})`,
    },
    corrections: {
      select: `json_agg(json_build_object('items', k.items, 'requestedAt', ${epochMs('k.requested_at')}, 'appliedAt', ${epochMs('k.applied_at')}))`,
      from: 'correction_requests k',
      subject: 'k.subject_id',
      where: 'true',
    },
  };
}

/** One subject's list: an index look-up by subject. */
const listOf = (list: FactList, subjectId: string) => `coalesce((select ${list.select} from ${list.from} where ${list.subject} = ${subjectId} and ${list.where}), '[]')`;

/**
 * The lists of every subject in `subjectIds` (an SQL relation of ids) as ONE `jsonb` object from
 * subject id to list (null when none has any): each list is read once for all the page's
 * subjects, grouped, and each row then looks its subjects up by key — the same work whatever the
 * planner guesses of the page's size (a generic plan guesses a handful of rows, and would join a
 * list per row by a nested loop over all of them).
 */
const listsBySubject = (list: FactList, subjectIds: string) =>
  `(select jsonb_object_agg(g.subject_id, g.list) from (select ${list.subject} as subject_id, ${list.select} as list from ${list.from}
     where ${list.subject} in (${subjectIds}) and ${list.where} group by ${list.subject}) g)`;

/** The partner's first release of any item of the subject, in epoch milliseconds: the anchor of `… after provision`. */
const providedAtOf = (subjectId: string, partner: string) => epochMs(firstReleaseSql([subjectId], partner));

/** The facts of a subject given as SQL expressions: its lists and first provision. */
const LIST_FACTS = ['consents', 'suspensions', 'corrections', 'providedAt'] as const;
type SubjectLists = Record<(typeof LIST_FACTS)[number], string>;

/** A row of a page statement: named columns, among them a subject's `<alias>.<fact>`. */
type Row = Record<string, unknown>;

const instant = (ms: unknown) => (ms === null ? null : new Date(ms as number));

/** A subject's facts besides its values, each a column of its own. */
const SUBJECT_FACTS = ['membershipWithdrawnAt', 'birthDate', 'under14', 'consents', 'suspensions', 'corrections', 'providedAt'] as const;
type SubjectFact = (typeof SUBJECT_FACTS)[number];

type ConsentJson = { agreementId: string; givenAt: number; withdrawnAt: number | null; legalRepresentative: boolean };
type SuspensionJson = { requestedAt: number; resumedAt: number | null };
type CorrectionJson = { items: string[]; requestedAt: number; appliedAt: number | null };

/**
 * One subject of a page's row as plain columns, each named `<alias>.<fact>` (`r.name`,
 * `r.consents`, …) after the alias of its `subjects` row: the value columns of the view's items,
 * membership withdrawal, the age facts (birth date, under-14 flag), and the lists and first
 * provision. Plain columns cost PostgreSQL and the driver far less than one JSON object per subject.
 */
class SubjectColumns {
  readonly #values: readonly (readonly [field: 'id' | SubjectField, key: string])[];
  /** The column names of the other facts. */
  readonly #keys: Record<SubjectFact, string>;

  constructor(
    private readonly alias: string,
    items: readonly ItemKey[],
  ) {
    const fields = [...new Set(items.flatMap((item) => ITEM_FIELDS[item]))];
    this.#values = (['id', ...fields] as const).map((field) => [field, this.#key(field)] as const);
    this.#keys = Object.fromEntries(SUBJECT_FACTS.map((fact) => [fact, this.#key(fact)])) as Record<SubjectFact, string>;
  }

  /** The select list, with the lists and first provision given as SQL expressions (`json` lists, never null). */
  sql(lists: SubjectLists): string {
    const s = this.alias;
    return [
      ...this.#values.map(([field, key]) => `${s}.${column(field)} as "${key}"`),
      `${epochMs(`${s}.membership_withdrawn_at`)} as "${this.#keys.membershipWithdrawnAt}"`,
      `${s}.birth_date as "${this.#keys.birthDate}"`,
      `${s}.under14 as "${this.#keys.under14}"`,
      ...LIST_FACTS.map((fact) => `${lists[fact]} as "${this.#keys[fact]}"`),
    ].join(', ');
  }

  /** The subject's facts in `row`; values as stored, sealed ones still sealed (opened only where released). */
  read(row: Row): SubjectFacts {
    const fact = (name: SubjectFact) => row[this.#keys[name]];
    const stored: Record<string, unknown> = {};
    for (const [field, key] of this.#values) stored[field] = row[key];
    const values = stored as SubjectValues;
    return {
      id: values.id,
      values,
      membershipWithdrawnAt: instant(fact('membershipWithdrawnAt')),
      birthDate: fact('birthDate') as string | null,
      under14: fact('under14') as boolean,
      consents: (fact('consents') as ConsentJson[]).map((c) => ({
        agreementId: c.agreementId,
        givenAt: new Date(c.givenAt),
        withdrawnAt: instant(c.withdrawnAt),
        legalRepresentative: c.legalRepresentative,
      })),
      suspensions: (fact('suspensions') as SuspensionJson[]).map((x) => ({ requestedAt: new Date(x.requestedAt), resumedAt: instant(x.resumedAt) })),
      corrections: (fact('corrections') as CorrectionJson[]).map((k) => ({
        items: k.items,
        requestedAt: new Date(k.requestedAt),
        appliedAt: instant(k.appliedAt),
      })),
      providedAt: instant(fact('providedAt')),
    };
  }

  #key(fact: string): string {
    return `${this.alias}.${fact}`;
  }
}

/** An order's receiver and buyer, and the one subject of a subscription or support case. */
const RECEIVER = new SubjectColumns('r', VIEW_ITEMS.receiver);
const BUYER = new SubjectColumns('b', VIEW_ITEMS.buyer);
const CONTACT = new SubjectColumns('s', VIEW_ITEMS.contact);

/**
 * The one subject `s` of a subscription or support case (the statement joins `subjects s`), its
 * lists looked up by index: consents to the partner's agreements (it is the consenting subject),
 * the first provision only when `withProvidedAt` (a rule anchored on it).
 */
function contactColumns(partner: string, withProvidedAt: boolean): string {
  const lists = factLists(partner);
  return CONTACT.sql({
    consents: listOf(lists.consents, 's.id'),
    suspensions: listOf(lists.suspensions, 's.id'),
    corrections: listOf(lists.corrections, 's.id'),
    providedAt: withProvidedAt ? providedAtOf('s.id', partner) : 'null',
  });
}

/** Keyset condition "after this (time, id)" in descending order, or nothing without a cursor. */
function after(params: SqlParams, timeColumn: string, idColumn: string, cursor: string | null | undefined): string {
  if (!cursor) return '';
  const { at, id } = decodeCursor(cursor);
  const time = params.add(at, 'timestamptz');
  return `and (${timeColumn} < ${time} or (${timeColumn} = ${time} and ${idColumn} < ${params.add(id, 'uuid')}))`;
}

function page<T extends { id: string }>(rows: T[], first: number, timeOf: (row: T) => Date): Page<T> {
  const visible = rows.slice(0, first);
  const last = visible.at(-1);
  return {
    rows: visible,
    hasNextPage: rows.length > first,
    endCursor: last ? encodeCursor({ at: timeOf(last), id: last.id }) : null,
  };
}

interface OrderColumns extends Row {
  id: string;
  shop_order_id: string;
  status: OrderStatus;
  ordered_at: number;
  purchase_confirmed_at: number | null;
  delivered_at: number | null;
}

/**
 * The orders statement: an order, its receiver (whose data, under the buyer's consent) and its
 * buyer (whose data and consent). The partner's orders as seller and as customs broker are each
 * read newest first from their own `(partner, ordered_at, id)` index, at most `limit` of each, and
 * merged, so a page costs the same with ten orders or a million. The subjects' lists are then read
 * set-based, each list once for all the page's subjects (see `listsBySubject`), not by a look-up
 * per row. `where` narrows both scans (keyset cursor, filters).
 */
function ordersSql(partner: string, where: string, limit: string, withProvidedAt: boolean): string {
  const lists = factLists(partner);
  const subjects = 'select receiver_id from page union select buyer_id from page';
  const listed = (s: 'r' | 'b', withConsents: boolean) => ({
    consents: withConsents ? `coalesce(l.consents -> ${s}.id::text, '[]')` : `'[]'::json`,
    suspensions: `coalesce(l.suspensions -> ${s}.id::text, '[]')`,
    corrections: `coalesce(l.corrections -> ${s}.id::text, '[]')`,
    providedAt: withProvidedAt ? providedAtOf(`${s}.id`, partner) : 'null',
  });
  return `with page as (
  select o.id, o.shop_order_id, o.status, o.ordered_at, o.purchase_confirmed_at, o.delivered_at, o.receiver_id, o.buyer_id
    from ((select * from orders o where o.seller_id = ${partner} ${where} order by o.ordered_at desc, o.id desc limit ${limit})
          union all
          (select * from orders o where o.customs_broker_id = ${partner} and o.seller_id <> ${partner} ${where}
            order by o.ordered_at desc, o.id desc limit ${limit})) o
   order by o.ordered_at desc, o.id desc
   limit ${limit}
), lists as (
  select ${listsBySubject(lists.consents, 'select buyer_id from page')} as consents,
         ${listsBySubject(lists.suspensions, subjects)} as suspensions,
         ${listsBySubject(lists.corrections, subjects)} as corrections
)
select p.id, p.shop_order_id, p.status, ${epochMs('p.ordered_at')} as ordered_at,
       ${epochMs('p.purchase_confirmed_at')} as purchase_confirmed_at, ${epochMs('p.delivered_at')} as delivered_at,
       ${RECEIVER.sql(listed('r', false))},
       ${BUYER.sql(listed('b', true))}
  from page p join subjects r on r.id = p.receiver_id join subjects b on b.id = p.buyer_id cross join lists l
 order by p.ordered_at desc, p.id desc`;
}

function orderRowOf(row: OrderColumns): OrderRow {
  return {
    id: row.id,
    shopOrderId: row.shop_order_id,
    status: row.status,
    orderedAt: new Date(row.ordered_at),
    purchaseConfirmedAt: instant(row.purchase_confirmed_at),
    deliveredAt: instant(row.delivered_at),
    receiver: RECEIVER.read(row),
    buyer: BUYER.read(row),
  };
}

/** The partner's pages, each one statement run by `run` (in the request's transaction). */
export class PartnerPages {
  constructor(
    private readonly run: RunQuery,
    private readonly partnerId: string,
    /** Whether the rule in force is anchored on provision, so the subjects' first releases are read. */
    private readonly withProvidedAt: boolean,
  ) {}

  /** Orders the partner sells or clears through customs, newest first. */
  async orders(filter: OrdersFilter, first: number, cursor?: string | null): Promise<Page<OrderRow>> {
    const params = new SqlParams();
    const partner = params.add(this.partnerId, 'uuid');
    const conditions = [after(params, 'o.ordered_at', 'o.id', cursor)];
    if (filter.status) conditions.push(`and o.status = ${params.add(filter.status, 'text')}`);
    if (filter.orderedFrom) conditions.push(`and o.ordered_at >= ${params.add(filter.orderedFrom, 'timestamptz')}`);
    if (filter.orderedTo) conditions.push(`and o.ordered_at < ${params.add(filter.orderedTo, 'timestamptz')}`);
    const text = ordersSql(partner, conditions.join(' '), params.add(first + 1, 'int'), this.withProvidedAt);
    const rows = await this.run<OrderColumns>(text, params.values);
    return page(rows.map(orderRowOf), first, (order) => order.orderedAt);
  }

  /** One of the partner's orders; null for any other id, exactly as for a missing one. */
  async order(id: string): Promise<OrderRow | null> {
    if (!isUuid(id)) return null;
    const params = new SqlParams();
    const partner = params.add(this.partnerId, 'uuid');
    const [row] = await this.run<OrderColumns>(ordersSql(partner, `and o.id = ${params.add(id, 'uuid')}`, '1', this.withProvidedAt), params.values);
    return row === undefined ? null : orderRowOf(row);
  }

  /** Subjects subscribed to the partner's service (current and past: the window decides what is released). */
  async subscribers(first: number, cursor?: string | null): Promise<Page<SubscriptionRow>> {
    const params = new SqlParams();
    const partner = params.add(this.partnerId, 'uuid');
    const text = `select x.id, x.purpose, ${epochMs('x.started_at')} as started_at, ${epochMs('x.ended_at')} as ended_at,
       ${contactColumns(partner, this.withProvidedAt)}
  from subscriptions x join subjects s on s.id = x.subject_id
 where x.partner_id = ${partner} ${after(params, 'x.started_at', 'x.id', cursor)}
 order by x.started_at desc, x.id desc
 limit ${params.add(first + 1, 'int')}`;
    const rows = await this.run<{ id: string; purpose: string; started_at: number; ended_at: number | null }>(text, params.values);
    const subscriptions = rows.map((row) => ({
      id: row.id,
      purpose: row.purpose,
      startedAt: new Date(row.started_at),
      endedAt: instant(row.ended_at),
      subject: CONTACT.read(row),
    }));
    return page(subscriptions, first, (subscription) => subscription.startedAt);
  }

  /** Cases the shop handed to the partner (a consignee), newest first. */
  async supportCases(first: number, cursor?: string | null): Promise<Page<SupportCaseRow>> {
    const params = new SqlParams();
    const partner = params.add(this.partnerId, 'uuid');
    const text = `select k.id, k.shop_case_id, k.purpose, k.order_id, ${epochMs('k.opened_at')} as opened_at, ${epochMs('k.closed_at')} as closed_at,
       ${contactColumns(partner, this.withProvidedAt)}
  from support_cases k join subjects s on s.id = k.subject_id
 where k.partner_id = ${partner} ${after(params, 'k.opened_at', 'k.id', cursor)}
 order by k.opened_at desc, k.id desc
 limit ${params.add(first + 1, 'int')}`;
    const rows = await this.run<{
      id: string;
      shop_case_id: string;
      purpose: string;
      order_id: string | null;
      opened_at: number;
      closed_at: number | null;
    }>(text, params.values);
    const cases = rows.map((row) => ({
      id: row.id,
      shopCaseId: row.shop_case_id,
      purpose: row.purpose,
      orderId: row.order_id,
      openedAt: new Date(row.opened_at),
      closedAt: instant(row.closed_at),
      subject: CONTACT.read(row),
    }));
    return page(cases, first, (supportCase) => supportCase.openedAt);
  }
}
