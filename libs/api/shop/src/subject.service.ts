import type { EntityManager } from '@mikro-orm/postgresql';
import { Subject } from '@provision/db';
import { InputError } from '@provision/domain';
import type { Clock } from '@provision/util';
import { assertSameTime, eventTime, seoulDate } from './event-time.js';
import { writeIdempotently } from './idempotent-write.js';
import { findSubject } from './shop.repository.js';
import type { UpsertSubjectInput, WithdrawMembershipInput } from './subject.input.js';

/** The personal items a subject row holds, in catalog order; the input and the entity use the same names. */
export const SUBJECT_ITEMS = [
  'name',
  'mobile',
  'phone',
  'email',
  'address',
  'birthDate',
  'gender',
  'memberId',
  'companyName',
  'customsCode',
  'ci',
  'di',
] as const satisfies readonly (keyof UpsertSubjectInput & keyof Subject)[];

/**
 * Subjects as the shop reports them. Corrections are, for now, plain re-sends; a later issue turns
 * them into a flow that tells the partners holding the old values.
 */
export class SubjectService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  /**
   * Creates the subject or applies the items the shop sent: an omitted item is kept, `null` clears
   * it. A re-send that changes nothing writes nothing, so `updatedAt` tells when values last changed.
   */
  async upsertSubject(input: UpsertSubjectInput): Promise<Subject> {
    const now = this.clock.now();
    if (input.birthDate != null && input.birthDate > seoulDate(now)) {
      throw new InputError('birthDate', 'must not be in the future');
    }
    return writeIdempotently(this.em, async (em) => {
      const existing = await em.findOne(Subject, { shopSubjectId: input.shopSubjectId });
      if (!existing) {
        const subject = em.create(Subject, {
          shopSubjectId: input.shopSubjectId,
          kind: input.kind,
          under14: input.under14 ?? false,
          createdAt: now,
          updatedAt: now,
        });
        for (const item of SUBJECT_ITEMS) subject[item] = input[item] ?? null;
        await em.flush();
        return subject;
      }

      let changed = false;
      const assign = <K extends keyof Subject>(key: K, value: Subject[K] | undefined) => {
        if (value === undefined || existing[key] === value) return;
        existing[key] = value;
        changed = true;
      };
      assign('kind', input.kind);
      assign('under14', input.under14 ?? undefined);
      for (const item of SUBJECT_ITEMS) assign(item, input[item]);
      if (changed) existing.updatedAt = now;
      await em.flush();
      return existing;
    });
  }

  /** Ends a member's membership, which closes every provision window of the subject. Idempotent. */
  async withdrawMembership(input: WithdrawMembershipInput): Promise<Subject> {
    return writeIdempotently(this.em, async (em) => {
      const now = this.clock.now();
      const withdrawnAt = eventTime(input.withdrawnAt, 'withdrawnAt', now);
      const subject = await findSubject(em, input.shopSubjectId, 'shopSubjectId', true);
      if (subject.membershipWithdrawnAt) {
        assertSameTime(input.withdrawnAt, subject.membershipWithdrawnAt, 'withdrawnAt', 'membership already withdrawn at another time');
        return subject;
      }
      if (subject.kind !== 'MEMBER') throw new InputError('shopSubjectId', 'only a MEMBER subject has a membership to withdraw');
      subject.membershipWithdrawnAt = withdrawnAt;
      subject.updatedAt = now;
      await em.flush();
      return subject;
    });
  }

  async findSubject(shopSubjectId: string): Promise<Subject | null> {
    return this.em.findOne(Subject, { shopSubjectId });
  }
}
