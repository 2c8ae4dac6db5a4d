import type { EntityManager } from '@mikro-orm/postgresql';
import { HarvestAlert, Notice } from '@provision/db';
import { type PartnerKind, type PartnerStatus, seoulDayOf } from '@provision/domain';
import type { Clock } from '@provision/util';
import { NoticeAdminService } from './notice.service.js';
import { RegistryService } from './registry.service.js';

const DAY_MS = 24 * 3600_000;

/** Released and denied items of one partner on one Seoul day. */
export interface DailyActivity {
  partnerCode: string;
  day: string;
  releases: number;
  denials: number;
}

/** What the console's overview shows: everything that needs the privacy officer today. */
export interface Overview {
  partners: { kind: PartnerKind; status: PartnerStatus; count: number }[];
  activity: DailyActivity[];
  overdueDestructions: number;
  deadNotices: number;
  harvestAlerts: number;
  reviewsAwaitingSignOff: number;
  days: number;
}

// Items released and denied per partner and Seoul day, from the partner-and-time index of the ledger.
const ACTIVITY_SQL = `select p.code as "partnerCode",
       to_char(r.occurred_at at time zone 'Asia/Seoul', 'YYYY-MM-DD') as day,
       sum(cardinality(r.items_released))::int as releases,
       sum(jsonb_array_length(r.items_denied))::int as denials
  from provision_records r join partners p on p.id = r.partner_id
 where r.partner_id is not null and r.occurred_at >= ?
 group by 1, 2 order by 1, 2`;

// A report is awaiting sign-off until its current revision has one.
const UNSIGNED_SQL = `select count(*)::int as count from review_reports rr
 where not exists (select 1 from review_sign_offs s where s.report_id = rr.id and s.revision = rr.revision)`;

/** Aggregates for the console's overview, each one statement (partners: the registry's four). */
export class OverviewService {
  constructor(
    private readonly em: EntityManager,
    private readonly registry: RegistryService,
    private readonly notices: NoticeAdminService,
    private readonly clock: Clock,
  ) {}

  async overview(days: number): Promise<Overview> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - days * DAY_MS);
    const [records, activity, overdue, deadNotices, harvestAlerts, [unsigned]] = await Promise.all([
      this.registry.listPartners(),
      this.em.execute<DailyActivity[]>(ACTIVITY_SQL, [since]),
      this.notices.overdueDestructions(5),
      this.em.count(Notice, { status: 'DEAD' }),
      this.em.count(HarvestAlert, { day: { $gte: seoulDayOf(since) } }),
      this.em.execute<{ count: number }[]>(UNSIGNED_SQL),
    ]);
    const counts = new Map<string, { kind: PartnerKind; status: PartnerStatus; count: number }>();
    for (const { partner, status } of records.map((record) => ({ partner: record.partner, status: this.registry.statusNow(record) }))) {
      const key = `${partner.kind}/${status}`;
      const entry = counts.get(key) ?? { kind: partner.kind, status, count: 0 };
      entry.count += 1;
      counts.set(key, entry);
    }
    return {
      partners: [...counts.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.status.localeCompare(b.status)),
      activity,
      overdueDestructions: overdue.reduce((sum, group) => sum + group.notices.length, 0),
      deadNotices,
      harvestAlerts,
      reviewsAwaitingSignOff: unsigned?.count ?? 0,
      days,
    };
  }
}
