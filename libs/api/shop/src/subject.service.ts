import type { EntityManager } from '@mikro-orm/postgresql';
import type { Keyring } from '@provision/crypto';
import { holdsSubjectValue, Subject, SUBJECT_ITEM_FIELDS, writeSubjectValue } from '@provision/db';
import { InputError } from '@provision/domain';
import { enqueueNotice } from '@provision/notices';
import type { Clock } from '@provision/util';
import { assertSameTime, eventTime, seoulDate } from './event-time.js';
import { writeIdempotently } from './idempotent-write.js';
import { holdingsOf } from './ledger.repository.js';
import { consentWithdrawnNotice } from './partner-notice.js';
import { findSubject } from './shop.repository.js';
import type { SubjectItemsInput, UpsertSubjectInput, WithdrawMembershipInput } from './subject.input.js';

/** The personal items a subject row holds, in catalog order; the input and the entity use the same names. */
export const SUBJECT_ITEMS = SUBJECT_ITEM_FIELDS satisfies readonly (keyof SubjectItemsInput)[];

/** Refuses a birth date after today in Korea, on the field path `field`. */
export function assertBirthDateNotInFuture(values: SubjectItemsInput, now: Date, field = 'birthDate'): void {
  if (values.birthDate != null && values.birthDate > seoulDate(now)) throw new InputError(field, 'must not be in the future');
}

/**
 * Writes the items the shop sent onto `subject`: an omitted item is kept, `null` clears it; unique
 * identifiers are sealed (and compared by blind index, never decrypted). Returns the items whose
 * stored value changed, so that a re-send that changes nothing writes nothing.
 */
export function assignItems(subject: Subject, values: SubjectItemsInput, keyring: Keyring): (typeof SUBJECT_ITEMS)[number][] {
  return SUBJECT_ITEMS.filter((item) => {
    const value = values[item];
    if (value === undefined || holdsSubjectValue(subject, item, value, keyring)) return false;
    writeSubjectValue(subject, item, value, keyring);
    return true;
  });
}

/**
 * Subjects as the shop reports them. `upsertSubject` records values and tells no partner;
 * a correction that partners must hear of goes through `applyCorrection` (subject-rights.service.ts).
 */
export class SubjectService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly keyring: Keyring,
  ) {}

  /**
   * Creates the subject or applies the items the shop sent: an omitted item is kept, `null` clears
   * it. A re-send that changes nothing writes nothing, so `updatedAt` tells when values last changed.
   */
  async upsertSubject(input: UpsertSubjectInput): Promise<Subject> {
    const now = this.clock.now();
    assertBirthDateNotInFuture(input, now);
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
        for (const item of SUBJECT_ITEMS) writeSubjectValue(subject, item, input[item] ?? null, this.keyring);
        await em.flush();
        return subject;
      }

      let changed = assignItems(existing, input, this.keyring).length > 0;
      if (existing.kind !== input.kind) {
        existing.kind = input.kind;
        changed = true;
      }
      if (input.under14 != null && existing.under14 !== input.under14) {
        existing.under14 = input.under14;
        changed = true;
      }
      if (changed) existing.updatedAt = now;
      await em.flush();
      return existing;
    });
  }

  /**
   * Ends a member's membership, which closes every provision window of the subject, and tells every
   * partner that the ledger shows received data of the subject (or under its consent) with one
   * `consent-withdrawn` notice each, in the same transaction. Idempotent: a replay sends nothing.
   */
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
      for (const holding of (await holdingsOf(em, subject.id, 'consent-subject')).values()) {
        enqueueNotice(
          em,
          consentWithdrawnNotice({
            partnerId: holding.partnerId,
            shopSubjectId: subject.shopSubjectId,
            cause: 'MEMBERSHIP',
            agreementVersion: null,
            withdrawnAt,
            holding,
          }),
          now,
        );
      }
      await em.flush();
      return subject;
    });
  }

  async findSubject(shopSubjectId: string): Promise<Subject | null> {
    return this.em.findOne(Subject, { shopSubjectId });
  }
}
