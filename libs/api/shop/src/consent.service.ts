import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { Agreement, Consent, type Subject } from '@provision/db';
import { InputError, isUnder14At } from '@provision/domain';
import { enqueueNotice } from '@provision/notices';
import type { Clock } from '@provision/util';
import type { RecordConsentInput, WithdrawConsentInput } from './consent.input.js';
import { assertNotBefore, assertSameTime, eventTime } from './event-time.js';
import { writeIdempotently } from './idempotent-write.js';
import { holdingsOf } from './ledger.repository.js';
import { consentWithdrawnNotice } from './partner-notice.js';
import { findActivePartner, findSubject } from './shop.repository.js';

/** A consent with what its view names: the subject and the agreement version (with its partner). */
export interface ConsentRecord {
  consent: Consent;
  subject: Subject;
  agreement: Agreement;
  partnerCode: string;
}

/**
 * Consents as evidence (PIPA Art. 17, 22, 22-2): one subject's consent to the exact agreement
 * version it was shown, with the hash of the wording, the channel, the time and, for under-14s,
 * the legal representative. A consent covers only what that version grants; withdrawing keeps
 * the row and stamps the time.
 */
export class ConsentService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  /**
   * Records a consent. A replay with the same content is a no-op; a replay that differs is refused
   * on the first differing field, because evidence of consent must not be rewritten.
   */
  async recordConsent(input: RecordConsentInput): Promise<ConsentRecord> {
    return writeIdempotently(this.em, async (em) => {
      const now = this.clock.now();
      const givenAt = eventTime(input.givenAt, 'givenAt', now);
      const existing = await em.findOne(Consent, { shopConsentId: input.shopConsentId });
      if (existing) {
        const record = await this.recordOf(em, existing);
        assertSameConsent(record, input);
        return record;
      }

      const subject = await findSubject(em, input.shopSubjectId, 'shopSubjectId');
      const partner = await findActivePartner(em, input.partnerCode, now, { field: 'partnerCode' });
      const agreement = await em.findOne(Agreement, { partner, version: input.agreementVersion });
      if (!agreement) throw new InputError('agreementVersion', 'the partner has no agreement with this version');
      if (!agreement.consentRequired) {
        throw new InputError('agreementVersion', 'this agreement version does not ask for consent (its legal basis is not consent)');
      }
      assertNotBefore(givenAt, agreement.publishedAt, 'givenAt', 'the publication of the agreement version');
      // Under 14 when the consent is given: by the shop's flag, or by the birth date on the Seoul calendar.
      if (isUnder14At({ birthDate: subject.birthDate, under14: subject.under14 }, givenAt) && !input.legalRepresentative) {
        throw new InputError('legalRepresentative', 'a subject under 14 consents through a legal representative (PIPA Art. 22-2)');
      }
      const consent = em.create(Consent, {
        shopConsentId: input.shopConsentId,
        subject,
        agreement,
        channel: input.channel,
        wordingHash: input.wordingHash,
        givenAt,
        legalRepresentativeName: input.legalRepresentative?.name ?? null,
        legalRepresentativeRelation: input.legalRepresentative?.relation ?? null,
      });
      await em.flush();
      return { consent, subject, agreement, partnerCode: partner.code };
    });
  }

  /**
   * Withdraws a consent from the time given (now when omitted) and, in the same transaction, puts a
   * `consent-withdrawn` notice for the agreement's partner in the outbox. Idempotent: a replay
   * finds the consent withdrawn and sends nothing again; the first time stands.
   */
  async withdrawConsent(input: WithdrawConsentInput): Promise<ConsentRecord> {
    return writeIdempotently(this.em, async (em) => {
      const now = this.clock.now();
      const withdrawnAt = eventTime(input.withdrawnAt, 'withdrawnAt', now);
      const consent = await em.findOne(
        Consent,
        { shopConsentId: input.shopConsentId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!consent) throw new InputError('shopConsentId', 'no consent with this shop consent id');
      if (consent.withdrawnAt) {
        assertSameTime(input.withdrawnAt, consent.withdrawnAt, 'withdrawnAt', 'consent already withdrawn at another time');
        return this.recordOf(em, consent);
      }
      assertNotBefore(withdrawnAt, consent.givenAt, 'withdrawnAt', 'the time the consent was given');
      consent.withdrawnAt = withdrawnAt;
      const record = await this.recordOf(em, consent);
      const partnerId = record.agreement.partner.id;
      const holdings = await holdingsOf(em, record.subject.id, 'consent-subject');
      enqueueNotice(
        em,
        consentWithdrawnNotice({
          partnerId,
          shopSubjectId: record.subject.shopSubjectId,
          cause: 'CONSENT',
          agreementVersion: record.agreement.version,
          withdrawnAt,
          holding: holdings.get(partnerId),
        }),
        now,
      );
      await em.flush();
      return record;
    });
  }

  async findConsent(shopConsentId: string): Promise<ConsentRecord | null> {
    const consent = await this.em.findOne(Consent, { shopConsentId });
    return consent ? this.recordOf(this.em, consent) : null;
  }

  private async recordOf(em: EntityManager, consent: Consent): Promise<ConsentRecord> {
    await em.populate(consent, ['subject', 'agreement.partner']);
    const agreement = consent.agreement.getEntity();
    return { consent, subject: consent.subject.getEntity(), agreement, partnerCode: agreement.partner.getEntity().code };
  }
}

/** Refuses a replay of `recordConsent` that differs from the recorded consent. */
function assertSameConsent({ consent, subject, agreement, partnerCode }: ConsentRecord, input: RecordConsentInput): void {
  const representative = input.legalRepresentative ?? null;
  const differs: [boolean, string][] = [
    [subject.shopSubjectId !== input.shopSubjectId, 'shopSubjectId'],
    [partnerCode !== input.partnerCode, 'partnerCode'],
    [agreement.version !== input.agreementVersion, 'agreementVersion'],
    [consent.channel !== input.channel, 'channel'],
    [consent.wordingHash !== input.wordingHash, 'wordingHash'],
    [
      consent.legalRepresentativeName !== (representative?.name ?? null) ||
        consent.legalRepresentativeRelation !== (representative?.relation ?? null),
      'legalRepresentative',
    ],
  ];
  for (const [different, field] of differs) {
    if (different) throw new InputError(field, `consent already recorded with another ${field}`);
  }
  assertSameTime(input.givenAt, consent.givenAt, 'givenAt', 'consent already recorded with another givenAt');
}
