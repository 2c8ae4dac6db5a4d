import type { EntityManager } from '@mikro-orm/postgresql';
import { Notice, Partner } from '@provision/db';
import type { NoticeType } from '@provision/domain';

export interface NoticeDraft {
  partnerId: string;
  type: NoticeType;
  /** What the partner must act on: ids (orders, subjects' shop ids), times, and for corrections the new values. */
  payload: Record<string, unknown>;
}

/**
 * Puts a notice in the outbox through `em`, to be flushed by the caller in the same transaction as
 * the change that causes it (a transactional outbox): the notice exists exactly when the change
 * does. The worker delivers it later; its id is stable across retries for de-duplication.
 */
export function enqueueNotice(em: EntityManager, draft: NoticeDraft, now: Date): Notice {
  return em.create(Notice, {
    partner: em.getReference(Partner, draft.partnerId),
    type: draft.type,
    payload: draft.payload,
    createdAt: now,
    nextAttemptAt: now,
  });
}
