import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { Notice } from '@provision/db';
import { type Actor, DESTRUCTION_NOTICE_TYPES, InputError } from '@provision/domain';
import type { Clock } from '@provision/util';
import { isUuid } from './cursor.js';
import type { ConfirmDestructionInput } from './destruction.input.js';
import { DESTRUCTION_METHODS, type DestructionMethod } from './enums.js';


/** A partner's clock may run this far ahead of ours before its time counts as the future. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** A notice with its confirmation recorded. */
export interface ConfirmedDestruction {
  notice: Notice;
  destroyedAt: Date;
  method: DestructionMethod;
}

/**
 * Destruction evidence (issue 4): a partner confirms that it destroyed what a notice named, when
 * and how. Only the notice's own partner may confirm it; another partner's notice answers exactly
 * like one that does not exist. The first confirmation stands: the same one again is a replay,
 * another is refused.
 */
export class DestructionService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    /** The partner whose notices may be confirmed; null for an admin recording any partner's evidence. */
    private readonly partnerId: string | null,
    /** Who acknowledges: the partner's client, or an admin (client and person) recording evidence given another way. */
    private readonly actor: Actor,
  ) {}

  async confirmDestruction(input: ConfirmDestructionInput): Promise<ConfirmedDestruction> {
    return this.em.transactional(async (em) => {
      const now = this.clock.now();
      const notice = isUuid(input.noticeId)
        ? await em.findOne(
            Notice,
            this.partnerId === null ? { id: input.noticeId } : { id: input.noticeId, partner: this.partnerId },
            { lockMode: LockMode.PESSIMISTIC_WRITE },
          )
        : null;
      if (!notice) throw new InputError('noticeId', 'no notice with this id for the calling partner');
      if (!(DESTRUCTION_NOTICE_TYPES as readonly string[]).includes(notice.type)) {
        throw new InputError('noticeId', `a ${notice.type} notice asks for no destruction`);
      }
      if (notice.acknowledgedAt !== null) return this.replay(notice, input);

      if (input.destroyedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
        throw new InputError('destroyedAt', 'must not be in the future');
      }
      if (input.destroyedAt.getTime() < notice.createdAt.getTime()) {
        throw new InputError('destroyedAt', 'must not precede the notice');
      }
      notice.acknowledgedAt = now;
      notice.acknowledgedBy = this.actor.clientId;
      notice.acknowledgedBySub = this.actor.person?.sub ?? null;
      notice.acknowledgedByName = this.actor.person?.name ?? null;
      notice.destroyedAt = input.destroyedAt;
      notice.destructionMethod = input.method;
      await em.flush();
      return { notice, destroyedAt: input.destroyedAt, method: input.method };
    });
  }

  private replay(notice: Notice, input: ConfirmDestructionInput): ConfirmedDestruction {
    const { destroyedAt, destructionMethod } = notice;
    if (destroyedAt === null || !isDestructionMethod(destructionMethod)) {
      throw new InputError('noticeId', 'the notice was acknowledged without a destruction record');
    }
    if (destroyedAt.getTime() !== input.destroyedAt.getTime()) {
      throw new InputError('destroyedAt', 'destruction already confirmed with another time');
    }
    if (destructionMethod !== input.method) throw new InputError('method', 'destruction already confirmed with another method');
    return { notice, destroyedAt, method: destructionMethod };
  }
}

function isDestructionMethod(value: string | null): value is DestructionMethod {
  return (DESTRUCTION_METHODS as readonly (string | null)[]).includes(value);
}
