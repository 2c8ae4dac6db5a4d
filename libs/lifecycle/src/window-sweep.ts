import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { firstReleaseSql } from '@provision/audit';
import {
  agreementInForce,
  formatRetentionRule,
  isWindowOpen,
  parseRetentionRule,
  statusAt,
  type CalendarDuration,
  type PartnerStatus,
  type RetentionAnchor,
} from '@provision/domain';
import { enqueueNotice } from '@provision/notices';
import type { Clock } from '@provision/util';
import { latestAnchorClosedBy } from './anchor-bound.js';

/** What one sweep recorded: closures inserted and `window-closed` notices written. */
export interface WindowSweepResult {
  closures: number;
  notices: number;
}

/** Most engagements one `window-closed` notice lists; a partner with more gets several notices. */
export const MAX_ENGAGEMENTS_PER_NOTICE = 1000;

/** The kinds of engagement a provision window is kept on. */
export type EngagementKind = 'order' | 'subscription' | 'supportCase';

/** One engagement a `window-closed` notice asks the partner to destroy the data of. No personal values. */
export interface ClosedEngagement {
  /** The gateway's id of the order, subscription or support case. */
  id: string;
  /** The shop's own id of it (order number, subscription or case id). */
  shopId: string;
  /** When the window closed by the partner's retention rule (ISO 8601). */
  windowClosedAt: string;
}

/** The payload of a `window-closed` notice. */
export interface WindowClosedPayload {
  /** What the partner must do with what it holds of the listed engagements (as in the other notices). */
  action: 'DESTROY';
  /** The retention rule that closed the windows, e.g. `P3M after purchase-confirmation`, `until 2027-12-31`. */
  retentionRule: string;
  /** When the sweep ran; with `part` and `parts` it tells the notices of one sweep apart. */
  sweptAt: string;
  part: number;
  parts: number;
  orders: ClosedEngagement[];
  subscriptions: ClosedEngagement[];
  supportCases: ClosedEngagement[];
}

// One key for every replica: sweeps run one after another, never side by side. The unique
// constraints on window_closures are the second line: a conflicting insert rolls the sweep back.
const SWEEP_LOCK = 'provision-gateway:window-sweep';

/**
 * Where the engagements live, and the business events on them that a rule can be anchored on. An
 * order concerns two partners — its seller and its customs broker — each under its own agreement's
 * rule. `subjectColumns` are the engagement's data subjects, whose first release to the partner is
 * the anchor of `… after provision`. Names are constants, interpolated into SQL.
 */
const ENGAGEMENT_SOURCES: readonly {
  kind: EngagementKind;
  table: string;
  partnerColumn: string;
  subjectColumns: readonly string[];
  anchorColumns: Partial<Record<RetentionAnchor, string>>;
  shopIdColumn: string;
  closureColumn: string;
}[] = [
  ...(['seller_id', 'customs_broker_id'] as const).map((partnerColumn) => ({
    kind: 'order' as const,
    table: 'orders',
    partnerColumn,
    subjectColumns: ['receiver_id', 'buyer_id'],
    anchorColumns: { 'purchase-confirmation': 'purchase_confirmed_at', 'delivery-completion': 'delivered_at' },
    shopIdColumn: 'shop_order_id',
    closureColumn: 'order_id',
  })),
  { kind: 'subscription', table: 'subscriptions', partnerColumn: 'partner_id', subjectColumns: ['subject_id'], anchorColumns: { 'subscription-end': 'ended_at' }, shopIdColumn: 'shop_subscription_id', closureColumn: 'subscription_id' },
  { kind: 'supportCase', table: 'support_cases', partnerColumn: 'partner_id', subjectColumns: ['subject_id'], anchorColumns: { 'case-closure': 'closed_at' }, shopIdColumn: 'shop_case_id', closureColumn: 'support_case_id' },
];

/**
 * What a swept rule closes on: an event on the engagement (a column), the partner's first release of
 * the engagement's subjects (`provision`), or a fixed day (`until`).
 */
type SweptAnchor = RetentionAnchor | 'until';

/** A partner whose rule in force closes windows by itself (not only at a termination). */
interface SweptRule {
  partnerId: string;
  anchor: SweptAnchor;
  text: string;
  duration: CalendarDuration;
  /** Anchors after this instant cannot have closed yet (see `latestAnchorClosedBy`); null for `until`. */
  latestAnchor: Date | null;
  /** The day of an `until <date>` rule, `YYYY-MM-DD`; null otherwise. */
  untilDate: string | null;
}

const NO_DURATION: CalendarDuration = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };

/** Raw rows carry timestamps as PostgreSQL prints them (`2026-03-01 03:00:00.123+00`). */
type SqlTimestamp = string | Date;

interface DueRow {
  partner_id: string;
  part: number;
  kind: EngagementKind;
  engagement_id: string;
  shop_id: string;
  closed_at: SqlTimestamp;
}

const KINDS = [...new Map(ENGAGEMENT_SOURCES.map((source) => [source.kind, source])).values()];

/** Calendar arithmetic on the Seoul wall clock, as `addInSeoul` does it (see DUE_SQL). */
const plusDuration = (instant: string) => `((${instant} at time zone 'Asia/Seoul') + r.duration) at time zone 'Asia/Seoul'`;

type EngagementSource = (typeof ENGAGEMENT_SOURCES)[number];

/**
 * The `from … where` of one select of `due`: the engagements of `source` that belong to a partner
 * whose rule closes on `anchor` and have no closure yet; `lateral` joins what the closing instant
 * needs, `condition` narrows the rows.
 */
function openEngagements(source: EngagementSource, anchor: SweptAnchor, lateral: string, condition: string): string {
  return `  from rules r
  join ${source.table} e on e.${source.partnerColumn} = r.partner_id${lateral}
  where r.anchor = '${anchor}'${condition}
    and not exists (select 1 from window_closures w where w.partner_id = r.partner_id and w.${source.closureColumn} = e.id)`;
}

/** The `due` selects of one source, by the anchor each serves: one per event its engagements carry, one for first release, one for a fixed day. */
function dueOf(source: EngagementSource): [SweptAnchor, string][] {
  const select = (closedAt: string) => `  select r.partner_id, '${source.kind}'::text as kind, e.id as engagement_id, ${closedAt} as closed_at`;
  const byEvent = Object.entries(source.anchorColumns).map(([anchor, column]): [SweptAnchor, string] => [
    anchor as RetentionAnchor,
    `${select(plusDuration(`e.${column}`))}\n${openEngagements(source, anchor as RetentionAnchor, '', ` and e.${column} <= r.latest_anchor`)}`,
  ]);
  // The partner's first release of any of the engagement's data subjects, an index probe on
  // (subject_id, occurred_at) each; an engagement of which it received nothing has no window running.
  const firstRelease = `
  cross join lateral (select ${firstReleaseSql(
    source.subjectColumns.map((column) => `e.${column}`),
    'r.partner_id',
  )} as first_provided_at) p`;
  const byProvision = `${select(plusDuration('p.first_provided_at'))}\n${openEngagements(source, 'provision', firstRelease, ' and p.first_provided_at <= r.latest_anchor')}`;
  const byDate = `${select(`(r.until_date::timestamp at time zone 'Asia/Seoul')`)}\n${openEngagements(source, 'until', '', '')}`;
  return [...byEvent, ['provision', byProvision], ['until', byDate]];
}

/**
 * The sweep's one search, whose rows make both the notices and the closures (so the two list the
 * very same engagements; no temporary table: the app role may not create one): every engagement of a swept partner
 * whose window closed at or before `now` and that has no closure yet, numbered into notice parts
 * per partner in closing order. The closing instant is computed exactly as the domain's
 * `windowClosesAt`: calendar arithmetic on the Seoul wall clock, where PostgreSQL's month
 * addition clamps to the month's last day just like `addInSeoul`, and days and time add exactly
 * (a `timestamp` without zone has no daylight-saving jumps); `until <date>` is the start of that
 * day in Seoul, like `startOfSeoulDay`.
 *
 * Shaped for the indexes: the event selects read only (partner, anchor, id), which the
 * partner-and-anchor indexes hold, so engagements closed by earlier sweeps are skipped without
 * reading their rows; the shop ids are looked up for the new closures alone. `union` (not
 * `union all`) folds an order whose seller is also its customs broker into one row.
 */
const DUE_PLACEHOLDER = '-- the due selects';

const DUE_SQL = `
with rules as (
  select r.partner_id, r.anchor, r.latest_anchor, r.until_date,
         make_interval(years => r.years, months => r.months, weeks => r.weeks, days => r.days,
                       hours => r.hours, mins => r.minutes, secs => r.seconds) as duration
  from jsonb_to_recordset(?::jsonb) as r(partner_id uuid, anchor text, latest_anchor timestamptz, until_date date,
       years int, months int, weeks int, days int, hours int, minutes int, seconds int)
), due as (
${DUE_PLACEHOLDER}
)
select partner_id, kind, engagement_id, closed_at,
       case kind
${KINDS.map((source) => `         when '${source.kind}' then (select x.${source.shopIdColumn} from ${source.table} x where x.id = engagement_id)`).join('\n')}
       end as shop_id,
       ((row_number() over (partition by partner_id order by closed_at, kind, engagement_id) - 1) / ${MAX_ENGAGEMENTS_PER_NOTICE})::int as part
from due
where closed_at <= ?
order by partner_id, part, closed_at, kind, engagement_id`;

const DUE_SELECTS = ENGAGEMENT_SOURCES.flatMap(dueOf);

/**
 * The search of DUE_SQL over the anchors some swept rule has: the planner cannot know that a select
 * for an anchor nobody uses finds nothing, and would plan (and might scan) it all the same.
 */
function dueSql(anchors: ReadonlySet<SweptAnchor>): string {
  return DUE_SQL.replace(
    DUE_PLACEHOLDER,
    DUE_SELECTS.filter(([anchor]) => anchors.has(anchor))
      .map(([, select]) => select)
      .join('\n  union\n'),
  );
}

/**
 * The due rows come back as parallel arrays (one parameter each, whatever their number), each row
 * with the notice of its partner and part.
 */
const INSERT_SQL = `
insert into window_closures (id, partner_id, order_id, subscription_id, support_case_id, closed_at, swept_at, notice_id)
select gen_random_uuid(), d.partner_id,
       case d.kind when 'order' then d.engagement_id end,
       case d.kind when 'subscription' then d.engagement_id end,
       case d.kind when 'supportCase' then d.engagement_id end,
       d.closed_at, ?, d.notice_id
from unnest(?::uuid[], ?::text[], ?::uuid[], ?::timestamptz[], ?::uuid[]) as d(partner_id, kind, engagement_id, closed_at, notice_id)
-- In the order of the unique (partner, engagement) index, which is then filled page by page, not at random.
order by d.partner_id, d.engagement_id
on conflict do nothing`;

const PAYLOAD_LIST: Record<EngagementKind, 'orders' | 'subscriptions' | 'supportCases'> = {
  order: 'orders',
  subscription: 'subscriptions',
  supportCase: 'supportCases',
};

/**
 * Closes the provision windows that have run out since the last sweep: for every partner that is
 * not terminated and whose agreement in force closes windows by itself — `<duration> after <anchor>`
 * (purchase confirmation, delivery completion, subscription end, case closure, or provision: the
 * partner's first release of the engagement's data subjects) or `until <date>` once that day has
 * begun in Seoul — finds the engagements whose window closed at or before
 * `clock.now()` and were not yet recorded, records a closure (`window_closures`) for each, and writes
 * `window-closed` notices to the outbox — per partner, at most {@link MAX_ENGAGEMENTS_PER_NOTICE}
 * engagements each — all in one transaction. Set-based: the number of statements does not grow
 * with the number of engagements. Sweeps serialize on an advisory lock, so concurrent runs (several
 * workers) report each engagement exactly once. Terminated partners are left to the termination
 * event, which asks them to destroy everything.
 */
export async function runWindowSweep(orm: MikroORM, clock: Clock): Promise<WindowSweepResult> {
  const now = clock.now();
  return orm.em.fork().transactional(async (em) => {
    await em.execute('select pg_advisory_xact_lock(hashtext(?))', [SWEEP_LOCK]);
    const rules = await sweptRules(em, now);
    if (rules.size === 0) return { closures: 0, notices: 0 };

    const rows = await em.execute<DueRow[]>(dueSql(new Set([...rules.values()].map((rule) => rule.anchor))), [JSON.stringify([...rules.values()].map(toSqlRule)), now]);
    if (rows.length === 0) return { closures: 0, notices: 0 };

    const noticeOf: string[] = [];
    let notices = 0;
    for (const [partnerId, partnerRows] of groupBy(rows, (row) => row.partner_id)) {
      const rule = rules.get(partnerId) as SweptRule;
      const parts = groupBy(partnerRows, (row) => row.part);
      for (const [part, partRows] of parts) {
        const payload: WindowClosedPayload = {
          action: 'DESTROY',
          retentionRule: rule.text,
          sweptAt: now.toISOString(),
          part: part + 1,
          parts: parts.size,
          orders: [],
          subscriptions: [],
          supportCases: [],
        };
        for (const row of partRows) {
          payload[PAYLOAD_LIST[row.kind]].push({
            id: row.engagement_id,
            shopId: row.shop_id,
            windowClosedAt: toDate(row.closed_at).toISOString(),
          });
        }
        const notice = enqueueNotice(em, { partnerId, type: 'window-closed', payload: { ...payload } }, now);
        notices += 1;
        for (let row = 0; row < partRows.length; row += 1) noticeOf.push(notice.id);
      }
    }
    await em.flush();

    // `rows` is grouped by partner and part in its own order, so noticeOf[i] is row i's notice.
    const inserted = await em.execute<{ affectedRows: number }>(
      INSERT_SQL,
      [
        now,
        toPgArray(rows.map((row) => row.partner_id)),
        toPgArray(rows.map((row) => row.kind)),
        toPgArray(rows.map((row) => row.engagement_id)),
        toPgArray(rows.map((row) => toDate(row.closed_at).toISOString())),
        toPgArray(noticeOf),
      ],
      'run',
    );
    if (inserted.affectedRows !== rows.length) {
      // Someone recorded some of these closures since our search: the notices would list them a
      // second time, so give up this run (the transaction rolls back) and let the next one retry.
      throw new Error(
        `window sweep: ${rows.length - inserted.affectedRows} of ${rows.length} closures were recorded concurrently; rolled back`,
      );
    }
    return { closures: rows.length, notices };
  });
}

/**
 * The partners to sweep and their rules, decided by the domain's own functions (status in force,
 * agreement version in force) over the whole registry: two small queries, whatever the number of
 * engagements.
 */
async function sweptRules(em: EntityManager, now: Date): Promise<Map<string, SweptRule>> {
  const changes = await em.execute<{ partner_id: string; status: PartnerStatus; effective_at: SqlTimestamp }[]>(
    'select partner_id, status, effective_at from partner_status_changes order by partner_id, effective_at, recorded_at',
  );
  const agreements = await em.execute<{ partner_id: string; version: number; retention_rule: string; effective_from: SqlTimestamp }[]>(
    'select partner_id, version, retention_rule, effective_from from agreements where effective_from <= ?',
    [now],
  );

  const histories = new Map<string, { status: PartnerStatus; effectiveAt: Date }[]>();
  for (const change of changes) {
    const history = histories.get(change.partner_id) ?? [];
    history.push({ status: change.status, effectiveAt: toDate(change.effective_at) });
    histories.set(change.partner_id, history);
  }
  const versions = new Map<string, { version: number; effectiveFrom: Date; retentionRule: string }[]>();
  for (const agreement of agreements) {
    const list = versions.get(agreement.partner_id) ?? [];
    list.push({ version: agreement.version, effectiveFrom: toDate(agreement.effective_from), retentionRule: agreement.retention_rule });
    versions.set(agreement.partner_id, list);
  }

  const rules = new Map<string, SweptRule>();
  for (const [partnerId, history] of histories) {
    // Not registered yet at `now` (a registration dated ahead): nothing can have been provided.
    if (history[0].effectiveAt.getTime() > now.getTime()) continue;
    if (statusAt(history, now) === 'TERMINATED') continue;
    const agreement = agreementInForce(versions.get(partnerId) ?? [], now);
    if (agreement === null) continue;
    const rule = parseRetentionRule(agreement.retentionRule);
    const text = formatRetentionRule(rule);
    if (rule.kind === 'after-event') {
      rules.set(partnerId, {
        partnerId,
        anchor: rule.anchor,
        text,
        duration: rule.duration,
        latestAnchor: latestAnchorClosedBy(rule.duration, now),
        untilDate: null,
      });
    } else if (rule.kind === 'until-date' && !isWindowOpen(rule, {}, now)) {
      // Until the day has begun nothing is due, so its engagements are not even looked at.
      rules.set(partnerId, { partnerId, anchor: 'until', text, duration: NO_DURATION, latestAnchor: null, untilDate: rule.date });
    }
  }
  return rules;
}

function toDate(value: SqlTimestamp): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError('window sweep: the database returned an unreadable timestamp');
  return date;
}

function toSqlRule(rule: SweptRule) {
  return {
    partner_id: rule.partnerId,
    anchor: rule.anchor,
    latest_anchor: rule.latestAnchor?.toISOString() ?? null,
    until_date: rule.untilDate,
    ...rule.duration,
  };
}

/** A PostgreSQL array literal of `values` (each quoted), for one `?::<type>[]` parameter. */
function toPgArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

/** Groups rows by a key, keeping their order within each group and the order of first appearance. */
function groupBy<K, T>(rows: readonly T[], keyOf: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
