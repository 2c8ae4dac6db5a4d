import type { EntityManager } from '@mikro-orm/postgresql';
import type { Keyring } from '@provision/crypto';
import { NOTICE_PAYLOAD_COLUMN, Notice, Partner } from '@provision/db';
import type { NoticeType } from '@provision/domain';

export interface NoticeDraft {
  partnerId: string;
  type: NoticeType;
  /** What the partner must act on: ids (orders, subjects' shop ids), times. */
  payload: Record<string, unknown>;
  /**
   * Personal values the partner must receive (a correction's new values): stored sealed, merged
   * into `payload` only when the notice is sent (see {@link noticePayload}).
   */
  personal?: Record<string, unknown>;
}


/**
 * Puts a notice in the outbox through `em`, to be flushed by the caller in the same transaction as
 * the change that causes it (a transactional outbox): the notice exists exactly when the change
 * does. The worker delivers it later; its id is stable across retries for de-duplication. A draft
 * with `personal` values needs `keyring`: they are sealed for the notice's row, never stored plain.
 */
export function enqueueNotice(em: EntityManager, draft: NoticeDraft, now: Date, keyring?: Keyring): Notice {
  const notice = em.create(Notice, {
    partner: em.getReference(Partner, draft.partnerId),
    type: draft.type,
    payload: draft.payload,
    createdAt: now,
    nextAttemptAt: now,
  });
  if (draft.personal !== undefined) {
    if (keyring === undefined) throw new Error('a notice with personal values needs the keyring to seal them');
    notice.sealedPayload = keyring.seal(JSON.stringify(draft.personal), { column: NOTICE_PAYLOAD_COLUMN, rowId: notice.id });
  }
  return notice;
}

/**
 * The payload a partner receives: the stored one with the sealed personal values opened and merged
 * in. Throws `DecryptionError` when they do not open.
 */
export function noticePayload(
  keyring: Keyring,
  notice: { id: string; payload: Record<string, unknown>; sealedPayload: string | null },
): Record<string, unknown> {
  if (notice.sealedPayload === null) return notice.payload;
  const personal = JSON.parse(keyring.open(notice.sealedPayload, { column: NOTICE_PAYLOAD_COLUMN, rowId: notice.id })) as Record<string, unknown>;
  return { ...notice.payload, ...personal };
}
