import type { EntityManager } from '@mikro-orm/postgresql';
import { InputError, isUniqueIdentifier, type Label } from '@provision/domain';
import type { ReceiptController } from './consent-receipt.js';
import { itemsInCatalogOrder, type Labelled } from './labels.js';

// Breach scope (PIPA Art. 34): given what leaked — a partner, a client, a token or a time range —
// which subjects and which items were released, from the ledger (not guessed), whether the
// regulator must be told, and a draft of the notice to the subjects.

/** What leaked: any combination; at least a partner, a client or a token, or a whole time range. */
export interface BreachFilter {
  partnerCode?: string | undefined;
  clientId?: string | undefined;
  /** The token's `jti`, as the ledger keeps it. */
  tokenId?: string | undefined;
  /** Releases at or after. */
  from?: Date | undefined;
  /** Releases before. */
  to?: Date | undefined;
}

/** Art. 34(3) and Enforcement Decree Art. 40: 1,000 subjects or more, or any unique identifier. */
export const REGULATOR_THRESHOLD_SUBJECTS = 1000;
/** The regulator is told within 72 hours of learning of the breach. */
export const REGULATOR_DEADLINE_HOURS = 72;

export interface BreachScope {
  filter: BreachFilter;
  /** Distinct subjects whose data the matching releases carried. */
  subjects: number;
  /** Releases (ledger rows with released items) that match. */
  releases: number;
  items: Labelled[];
  uniqueIdentifiers: Labelled[];
  firstReleaseAt: Date | null;
  lastReleaseAt: Date | null;
  thresholdCrossed: boolean;
  regulatorNotificationRequired: boolean;
  /** For the notification channel: each subject with the items released about it. */
  perSubject: { shopSubjectId: string; items: string[] }[];
  /** The items Art. 34(1) asks a notice to state, drafted in Korean and English. */
  noticeDraft: { items: Label; whenAndHow: Label; whatYouCanDo: Label; whatWeDid: Label; contact: Label };
}

/** The filter from an endpoint's query parameters. @throws InputError naming the parameter */
export function parseBreachFilter(query: Record<string, unknown>): BreachFilter {
  const text = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(value)) throw new InputError(name, 'must be printable ASCII of at most 200 characters');
    return value;
  };
  const instant = (name: string): Date | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/.test(value) ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(at)) throw new InputError(name, 'must be an ISO 8601 timestamp with an offset');
    return new Date(at);
  };
  const filter: BreachFilter = { partnerCode: text('partner'), clientId: text('clientId'), tokenId: text('jti'), from: instant('from'), to: instant('to') };
  if (filter.from && filter.to && filter.from.getTime() >= filter.to.getTime()) throw new InputError('to', 'must be after from');
  // Without a party, only a closed time range bounds the answer; an open one would be the whole ledger.
  if (!filter.partnerCode && !filter.clientId && !filter.tokenId && !(filter.from && filter.to)) {
    throw new InputError('partner', 'name a partner, a clientId, a jti, or both from and to');
  }
  return filter;
}

const when = (date: Date | null) => (date === null ? '—' : date.toISOString());

function noticeDraft(scope: Omit<BreachScope, 'noticeDraft'>, controller: ReceiptController): BreachScope['noticeDraft'] {
  const items = { en: scope.items.map((item) => item.en).join(', '), ko: scope.items.map((item) => item.ko).join(', ') };
  const period = `${when(scope.firstReleaseAt)} – ${when(scope.lastReleaseAt)}`;
  return {
    items,
    whenAndHow: {
      en: `Provided to a partner between ${period}; then exposed beyond the purpose agreed. [Describe how and when the leak was discovered.]`,
      ko: `${period} 사이 제휴사에 제공된 개인정보가 약정된 목적 밖으로 유출되었습니다. [유출 경위와 인지 시점을 기재하십시오.]`,
    },
    whatYouCanDo: {
      en: 'Beware of calls, messages and mail that use this information; change passwords you may share with other services. [Add measures for the items concerned.]',
      ko: '이 정보를 이용한 전화, 문자, 우편에 주의하시고, 다른 서비스와 같은 비밀번호를 쓰신다면 변경하십시오. [해당 항목에 맞는 조치를 추가하십시오.]',
    },
    whatWeDid: {
      en: "The partner's access was suspended and its tokens revoked; the partner was told to destroy the data. [Add remedies and support offered.]",
      ko: '해당 제휴사의 접근을 중지하고 토큰을 폐기했으며, 제공된 정보의 파기를 요청했습니다. [피해 구제 절차와 지원 내용을 추가하십시오.]',
    },
    contact: {
      en: `${controller.name}, ${controller.contact}: ${controller.email}, ${controller.phone}`,
      ko: `${controller.name} ${controller.contact}: ${controller.email}, ${controller.phone}`,
    },
  };
}

/**
 * The breach scope of `filter` from the ledger: one statement, aggregated in PostgreSQL (one row
 * per subject). Each kind of question has an index (measured by `npm run bench -- breach-scope`):
 * a partner its `(partner_id, occurred_at)`; a client the same, through the partner the client acts
 * for (a client never changes partner, so no index of its own is needed; an admin's or the shop's
 * client has none and matches no partner row); a token `token_id`; a period alone the BRIN on
 * `occurred_at`. The ORM sends the values inlined in the statement, so PostgreSQL plans with them
 * and the conditions of the parties not named fold away.
 * @throws InputError on `partner` for an unknown partner code
 */
export async function buildBreachScope(em: EntityManager, filter: BreachFilter, controller: ReceiptController): Promise<BreachScope> {
  let partnerId: string | null = null;
  if (filter.partnerCode) {
    const [partner] = await em.execute<{ id: string }[]>('select id from partners where code = ?', [filter.partnerCode]);
    if (!partner) throw new InputError('partner', 'no partner has this code');
    partnerId = partner.id;
  }
  const rows = await em.execute<SubjectRow[]>(
    `select s.shop_subject_id as "shopSubjectId", array_agg(distinct i.item order by i.item) as items,
            count(distinct r.id)::int as releases, min(r.occurred_at) as "firstAt", max(r.occurred_at) as "lastAt"
       from provision_records r
       join subjects s on s.id = r.subject_id
       cross join lateral unnest(r.items_released) as i(item)
      where r.actor_kind = 'PARTNER'
        and (?::uuid is null or r.partner_id = ?::uuid)
        and (?::text is null or (r.client_id = ?::text and r.partner_id = (select c.partner_id from clients c where c.client_id = ?::text)))
        and (?::text is null or r.token_id = ?::text)
        and (?::timestamptz is null or r.occurred_at >= ?::timestamptz)
        and (?::timestamptz is null or r.occurred_at < ?::timestamptz)
      group by s.shop_subject_id
      order by s.shop_subject_id`,
    [partnerId, partnerId, filter.clientId ?? null, filter.clientId ?? null, filter.clientId ?? null, filter.tokenId ?? null, filter.tokenId ?? null,
      filter.from ?? null, filter.from ?? null, filter.to ?? null, filter.to ?? null],
  );
  return scopeOf(filter, rows, controller);
}

/** One subject's share of the matching releases, as the statement returns it. */
interface SubjectRow {
  shopSubjectId: string;
  items: string[];
  releases: number;
  firstAt: string | Date;
  lastAt: string | Date;
}

/** The scope from the per-subject rows (pure). */
export function scopeOf(filter: BreachFilter, rows: readonly SubjectRow[], controller: ReceiptController): BreachScope {
  // Folded, not spread into Math.min: a breach may name hundreds of thousands of subjects.
  const first = rows.reduce((min, row) => Math.min(min, new Date(row.firstAt).getTime()), Number.POSITIVE_INFINITY);
  const last = rows.reduce((max, row) => Math.max(max, new Date(row.lastAt).getTime()), Number.NEGATIVE_INFINITY);
  const items = itemsInCatalogOrder(rows.flatMap((row) => row.items));
  const uniqueIdentifiers = items.filter((item) => isUniqueIdentifier(item.key));
  const thresholdCrossed = rows.length >= REGULATOR_THRESHOLD_SUBJECTS;
  const scope = {
    filter,
    subjects: rows.length,
    releases: rows.reduce((sum, row) => sum + row.releases, 0),
    items,
    uniqueIdentifiers,
    firstReleaseAt: rows.length === 0 ? null : new Date(first),
    lastReleaseAt: rows.length === 0 ? null : new Date(last),
    thresholdCrossed,
    regulatorNotificationRequired: thresholdCrossed || uniqueIdentifiers.length > 0,
    perSubject: rows.map((row) => ({ shopSubjectId: row.shopSubjectId, items: row.items })),
  };
  return { ...scope, noticeDraft: noticeDraft(scope, controller) };
}
