import { LockMode, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { isUUID } from 'class-validator';
import { Notice, NoticeRequeue, type NoticeState, type Partner } from '@provision/db';
import { type Actor, DESTRUCTION_NOTICE_TYPES, InputError, type NoticeType } from '@provision/domain';
import type { Clock } from '@provision/util';

const DAY_MS = 24 * 60 * 60 * 1000;


export interface NoticeFilter {
  partnerId?: string | null;
  type?: NoticeType | null;
  status?: NoticeState | null;
}

/** One partner's overdue destructions, as the admin API groups them. */
export interface OverdueGroup {
  partner: Partner;
  notices: Notice[];
  oldestDueFrom: Date;
}

/** Whether `notice` asks the partner to destroy data. */
export function asksDestruction(notice: Pick<Notice, 'type'>): boolean {
  return (DESTRUCTION_NOTICE_TYPES as readonly string[]).includes(notice.type);
}

/**
 * When the destruction a notice asks for became due: when the notice was written, or, for a
 * termination dated ahead, when the partnership ends (the partner may still read until then).
 */
export function destructionDueFrom(notice: Pick<Notice, 'type' | 'createdAt' | 'payload'>): Date | null {
  if (!asksDestruction(notice)) return null;
  const effective = notice.type === 'partnership-terminated' ? notice.payload['effectiveAt'] : undefined;
  const effectiveAt = typeof effective === 'string' ? new Date(effective) : null;
  return effectiveAt !== null && effectiveAt.getTime() > notice.createdAt.getTime() ? effectiveAt : notice.createdAt;
}

/**
 * What admins see of the notice outbox: every notice with its delivery state (dead letters
 * included) and its acknowledgement, and the destructions partners have not confirmed in time.
 * Read-only; the worker delivers and partners confirm.
 */
export class NoticeAdminService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  /**
   * Puts a dead notice back in the outbox (after the partner fixed its webhook): attempts start
   * again from zero and the worker delivers it on its next pass. Who did it, and what the notice
   * had been through, is kept in `notice_requeues`.
   */
  async requeue(noticeId: string, actor: Actor): Promise<Notice> {
    return this.em.transactional(async (em) => {
      const notice = isUUID(noticeId) ? await em.findOne(Notice, { id: noticeId }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['partner'] }) : null;
      if (!notice) throw new InputError('noticeId', 'no notice with this id');
      if (notice.status !== 'DEAD') throw new InputError('noticeId', `only a dead notice can be re-queued; this one is ${notice.status}`);
      const now = this.clock.now();
      em.create(NoticeRequeue, {
        notice,
        at: now,
        requeuedBy: actor.clientId,
        requeuedBySub: actor.person?.sub ?? null,
        requeuedByName: actor.person?.name ?? null,
        previousAttempts: notice.attempts,
        previousError: notice.lastError,
      });
      notice.status = 'PENDING';
      notice.attempts = 0;
      notice.nextAttemptAt = now;
      notice.lastError = null;
      await em.flush();
      return notice;
    });
  }

  /** The newest `first` notices that match `filter`, with their partner loaded. */
  async list(filter: NoticeFilter, first: number): Promise<Notice[]> {
    const where: FilterQuery<Notice> = {};
    if (filter.partnerId) where.partner = filter.partnerId;
    if (filter.type) where.type = filter.type;
    if (filter.status) where.status = filter.status;
    return this.em.find(Notice, where, { populate: ['partner'], orderBy: { createdAt: 'desc', id: 'desc' }, limit: first });
  }

  /**
   * Destruction notices not confirmed `olderThanDays` days after they became due, grouped by
   * partner; the partner with the oldest first, each partner's notices oldest first. Undelivered
   * and dead notices count too: the partner still holds the data.
   */
  async overdueDestructions(olderThanDays: number): Promise<OverdueGroup[]> {
    const cutoff = new Date(this.clock.now().getTime() - olderThanDays * DAY_MS);
    const candidates = await this.em.find(
      Notice,
      { type: { $in: [...DESTRUCTION_NOTICE_TYPES] }, acknowledgedAt: null, createdAt: { $lte: cutoff } },
      { populate: ['partner'], orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    const groups = new Map<string, { partner: Partner; notices: Notice[]; due: Date[] }>();
    for (const notice of candidates) {
      const due = destructionDueFrom(notice);
      if (due === null || due.getTime() > cutoff.getTime()) continue;
      const group = groups.get(notice.partner.id) ?? { partner: notice.partner.getEntity(), notices: [], due: [] };
      group.notices.push(notice);
      group.due.push(due);
      groups.set(notice.partner.id, group);
    }
    return [...groups.values()]
      .map(({ partner, notices, due }) => {
        const order = notices.map((notice, index) => ({ notice, due: due[index] as Date }));
        order.sort((a, b) => a.due.getTime() - b.due.getTime() || (a.notice.id < b.notice.id ? -1 : 1));
        return { partner, notices: order.map(({ notice }) => notice), oldestDueFrom: order[0]?.due ?? cutoff };
      })
      .sort((a, b) => a.oldestDueFrom.getTime() - b.oldestDueFrom.getTime());
  }
}
