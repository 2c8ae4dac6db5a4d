import type { Notice } from '@provision/db';
import { asksDestruction, destructionDueFrom, type OverdueGroup } from './notice.service.js';
import { NoticeView, OverdueDestructionsView } from './notice.type.js';
import { personView } from './person.type.js';

/**
 * A notice without its payload: a correction's payload holds personal values, so the view takes
 * only the subject's shop id from it.
 */
export function toNoticeView(notice: Notice): NoticeView {
  const shopSubjectId = notice.payload['shopSubjectId'];
  return Object.assign(new NoticeView(), {
    id: notice.id,
    partnerId: notice.partner.id,
    partnerCode: notice.partner.getEntity().code,
    type: notice.type,
    shopSubjectId: typeof shopSubjectId === 'string' ? shopSubjectId : null,
    status: notice.status,
    createdAt: notice.createdAt,
    attempts: notice.attempts,
    nextAttemptAt: notice.nextAttemptAt,
    deliveredAt: notice.deliveredAt,
    lastError: notice.lastError,
    asksDestruction: asksDestruction(notice),
    destructionDueFrom: destructionDueFrom(notice),
    acknowledgedAt: notice.acknowledgedAt,
    acknowledgedBy: notice.acknowledgedBy,
    acknowledgedByPerson: personView(notice.acknowledgedBySub, notice.acknowledgedByName),
    destroyedAt: notice.destroyedAt,
    destructionMethod: notice.destructionMethod,
  });
}

export function toOverdueDestructionsView({ partner, notices, oldestDueFrom }: OverdueGroup): OverdueDestructionsView {
  return Object.assign(new OverdueDestructionsView(), {
    partnerId: partner.id,
    partnerCode: partner.code,
    partnerName: partner.nameKo,
    partnerNameEn: partner.nameEn,
    privacyContact: {
      name: partner.privacyContactName,
      email: partner.privacyContactEmail,
      phone: partner.privacyContactPhone ?? null,
    },
    count: notices.length,
    oldestDueFrom,
    notices: notices.map(toNoticeView),
  });
}
