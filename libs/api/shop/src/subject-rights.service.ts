import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import type { Keyring } from '@provision/crypto';
import { CorrectionRequest, holdsSubjectValue, Partner, ProcessingSuspension, type Subject } from '@provision/db';
import { InputError, isGrantableItem, ITEM_CATALOG, type ItemKey } from '@provision/domain';
import { enqueueNotice } from '@provision/notices';
import type { Clock } from '@provision/util';
import { correctionRecipients } from './correction-recipients.js';
import { assertNotBefore, assertSameTime, eventTime } from './event-time.js';
import { writeIdempotently } from './idempotent-write.js';
import { holdingsOf } from './ledger.repository.js';
import { processingSuspendedNotice, subjectCorrectedNotice } from './partner-notice.js';
import { findSubject } from './shop.repository.js';
import { fieldsUnderCorrection, itemFingerprints, itemsReading, itemsUnderCorrection } from './subject-items.js';
import type {
  ApplyCorrectionInput,
  RequestCorrectionInput,
  ResumeProcessingInput,
  SuspendProcessingInput,
} from './subject-rights.input.js';
import { assertBirthDateNotInFuture, assignItems, SUBJECT_ITEMS } from './subject.service.js';

/** A suspension with what its view names. */
export interface SuspensionRecord {
  suspension: ProcessingSuspension;
  subject: Subject;
  /** null: the suspension applies to every partner. */
  partnerCode: string | null;
}

export interface CorrectionRecord {
  correction: CorrectionRequest;
  subject: Subject;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The data subject's rights that reach partners. A suspension (PIPA Art. 37) and a pending
 * correction (Art. 36) are read by the decision at once; this service records them and, in the
 * same transaction, puts the notices partners must act on in the outbox: `processing-suspended`
 * to the partners that hold the subject's data, and on a correction `subject-corrected` with the
 * new values to the partners that hold an old one and may still receive it. Every write locks
 * the subject, so concurrent requests about one subject apply one after the other.
 */
export class SubjectRightsService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly keyring: Keyring,
  ) {}

  /**
   * Suspends processing towards the named partners, or all. A target already suspended is kept as
   * it is (the earlier request stands) and its partners are not told again; so is every target
   * while a suspension towards all partners is in force.
   */
  async suspendProcessing(input: SuspendProcessingInput): Promise<SuspensionRecord[]> {
    return writeIdempotently(this.em, async (em) => {
      const now = this.clock.now();
      const requestedAt = eventTime(input.requestedAt, 'requestedAt', now);
      const subject = await findSubject(em, input.shopSubjectId, 'shopSubjectId', true);
      const partners = await findPartners(em, input.partnerCodes ?? []);
      const active = await em.find(ProcessingSuspension, { subject, resumedAt: null }, { populate: ['partner'] });
      const targets: (Partner | null)[] = partners.length > 0 ? partners : [null];

      const records: SuspensionRecord[] = [];
      const added: (Partner | null)[] = [];
      for (const partner of targets) {
        const existing = active.find((suspension) => (suspension.partner?.id ?? null) === (partner?.id ?? null));
        if (existing) {
          records.push({ suspension: existing, subject, partnerCode: partner?.code ?? null });
          continue;
        }
        const suspension = em.create(ProcessingSuspension, { subject, partner, requestedAt, reason: input.reason });
        records.push({ suspension, subject, partnerCode: partner?.code ?? null });
        added.push(partner);
      }

      if (added.length > 0 && !active.some((suspension) => suspension.partner === null)) {
        const told = new Set(active.map((suspension) => suspension.partner?.id));
        const allPartners = added.includes(null);
        const holdings = await holdingsOf(em, subject.id, 'data-subject');
        // Only partners the ledger shows hold the subject's data hear of it: naming the subject to
        // a partner that has nothing of it would disclose it, and there is nothing to stop there.
        const recipients = allPartners
          ? [...holdings.keys()]
          : added.flatMap((partner) => (partner !== null && holdings.has(partner.id) ? [partner.id] : []));
        for (const partnerId of recipients.filter((id) => !told.has(id))) {
          enqueueNotice(
            em,
            processingSuspendedNotice({
              partnerId,
              shopSubjectId: subject.shopSubjectId,
              suspendedFrom: requestedAt,
              allPartners,
              holding: holdings.get(partnerId),
            }),
            now,
          );
        }
      }
      await em.flush();
      return records;
    });
  }

  /**
   * Resumes processing towards the named partners, or lifts every suspension of the subject. A
   * replay finds them resumed and answers with them; a time sent again must be the recorded one.
   */
  async resumeProcessing(input: ResumeProcessingInput): Promise<SuspensionRecord[]> {
    return writeIdempotently(this.em, async (em) => {
      const resumedAt = eventTime(input.resumedAt, 'resumedAt', this.clock.now());
      const subject = await findSubject(em, input.shopSubjectId, 'shopSubjectId', true);
      const partners = await findPartners(em, input.partnerCodes ?? []);
      const suspensions = await em.find(
        ProcessingSuspension,
        { subject },
        { populate: ['partner'], orderBy: { requestedAt: 'asc', id: 'asc' } },
      );
      const active = suspensions.filter((suspension) => suspension.resumedAt === null);

      const replayed: ProcessingSuspension[] = [];
      let targets: ProcessingSuspension[];
      if (partners.length === 0) {
        if (active.length === 0) return inOrder(lastResumed(suspensions, input.resumedAt).map((row) => suspensionRecord(row, subject)));
        targets = active;
      } else {
        targets = [];
        partners.forEach((partner, index) => {
          const field = `partnerCodes[${index}]`;
          const own = suspensions.filter((suspension) => suspension.partner?.id === partner.id);
          const current = own.find((suspension) => suspension.resumedAt === null);
          if (current) {
            targets.push(current);
            return;
          }
          if (active.some((suspension) => suspension.partner === null)) {
            throw new InputError(field, 'processing is suspended towards every partner; resume without partnerCodes');
          }
          if (own.length === 0) throw new InputError(field, 'processing of the subject is not suspended towards this partner');
          replayed.push(...lastResumed(own, input.resumedAt));
        });
      }
      for (const suspension of targets) {
        assertNotBefore(resumedAt, suspension.requestedAt, 'resumedAt', 'the suspension it ends');
        suspension.resumedAt = resumedAt;
      }
      await em.flush();
      return inOrder([...replayed, ...targets].map((row) => suspensionRecord(row, subject)));
    });
  }

  /**
   * Records a correction request. Its items, and every item read from the same stored values, are
   * withheld from partners (`UNDER_CORRECTION`) until the correction is applied; partners are not
   * told of a request. The same items pending again is a replay.
   */
  async requestCorrection(input: RequestCorrectionInput): Promise<CorrectionRecord> {
    const requested = input.items.map((item, index): ItemKey => {
      if (isGrantableItem(item)) return item;
      throw new InputError(
        `items[${index}]`,
        ITEM_CATALOG.has(item) ? 'is a group of items; name its items one by one' : 'is not an item of the item catalog',
      );
    });
    const items = itemsUnderCorrection(requested);
    return writeIdempotently(this.em, async (em) => {
      const requestedAt = eventTime(input.requestedAt, 'requestedAt', this.clock.now());
      const subject = await findSubject(em, input.shopSubjectId, 'shopSubjectId', true);
      const same = (await em.find(CorrectionRequest, { subject }, { orderBy: { requestedAt: 'asc' } })).filter((request) =>
        sameItems(request.items, items),
      );
      const pending = same.find((request) => request.appliedAt === null);
      if (pending) {
        assertSameTime(input.requestedAt, pending.requestedAt, 'requestedAt', 'the same correction is pending since another time');
        return { correction: pending, subject };
      }
      const applied = same.find((request) => request.requestedAt.getTime() === input.requestedAt?.getTime());
      if (applied) return { correction: applied, subject };
      const correction = em.create(CorrectionRequest, { subject, items, requestedAt });
      await em.flush();
      return { correction, subject };
    });
  }

  /**
   * Writes corrected values (checked like `upsertSubject`), marks the requests they answer applied,
   * and sends `subject-corrected` with the new values to each partner whose ledger shows it
   * received one of the changed items and that the decision would still release it to (see
   * `correctionRecipients`). Items whose value does not change are confirmed, not sent. A replay
   * changes nothing and sends nothing.
   */
  async applyCorrection(input: ApplyCorrectionInput): Promise<Subject> {
    const now = this.clock.now();
    const fields = SUBJECT_ITEMS.filter((field) => input.values[field] !== undefined);
    if (fields.length === 0) throw new InputError('values', 'name at least one corrected item');
    assertBirthDateNotInFuture(input.values, now, 'values.birthDate');

    return writeIdempotently(this.em, async (em) => {
      const appliedAt = eventTime(input.appliedAt, 'appliedAt', now);
      const subject = await findSubject(em, input.shopSubjectId, 'shopSubjectId', true);
      const touched = new Set<string>(itemsReading(fields));
      let requests: CorrectionRequest[];
      if (input.correctionId) {
        const request = await findCorrection(em, subject, input.correctionId);
        const covered = fieldsUnderCorrection(request.items);
        const outside = fields.find((field) => !covered.has(field));
        if (outside !== undefined) throw new InputError(`values.${outside}`, 'is not under this correction request');
        if (request.appliedAt) {
          assertSameTime(input.appliedAt, request.appliedAt, 'appliedAt', 'correction already applied at another time');
          if (fields.some((field) => !holdsSubjectValue(subject, field, input.values[field] ?? null, this.keyring))) {
            throw new InputError('correctionId', 'correction already applied with other values');
          }
          return subject;
        }
        requests = [request];
      } else {
        requests = (await em.find(CorrectionRequest, { subject, appliedAt: null })).filter((request) =>
          request.items.some((item) => touched.has(item)),
        );
      }
      for (const request of requests) {
        assertNotBefore(appliedAt, request.requestedAt, 'appliedAt', 'the correction request');
        request.appliedAt = appliedAt;
      }

      const before = itemFingerprints(subject);
      if (assignItems(subject, input.values, this.keyring).length > 0) subject.updatedAt = now;
      await em.flush();

      const after = itemFingerprints(subject);
      const changed = [...after.keys()].filter((item) => after.get(item) !== before.get(item));
      if (changed.length > 0) {
        for (const recipient of await correctionRecipients(em, subject, changed, now, this.keyring)) {
          enqueueNotice(
            em,
            subjectCorrectedNotice({
              partnerId: recipient.partnerId,
              shopSubjectId: subject.shopSubjectId,
              correctedAt: appliedAt,
              values: recipient.values,
              held: recipient.held,
            }),
            now,
            this.keyring,
          );
        }
        await em.flush();
      }
      return subject;
    });
  }

  async listSuspensions(shopSubjectId: string): Promise<SuspensionRecord[]> {
    const suspensions = await this.em.find(
      ProcessingSuspension,
      { subject: { shopSubjectId } },
      { populate: ['subject', 'partner'], orderBy: { requestedAt: 'asc', id: 'asc' } },
    );
    return inOrder(suspensions.map((row) => suspensionRecord(row, row.subject.getEntity())));
  }

  async listCorrections(shopSubjectId: string): Promise<CorrectionRecord[]> {
    const corrections = await this.em.find(
      CorrectionRequest,
      { subject: { shopSubjectId } },
      { populate: ['subject'], orderBy: { requestedAt: 'asc', id: 'asc' } },
    );
    return corrections.map((correction) => ({ correction, subject: correction.subject.getEntity() }));
  }
}

/** Oldest first; of one request, the suspension towards all partners first, then by partner code. */
function inOrder(records: SuspensionRecord[]): SuspensionRecord[] {
  const code = (record: SuspensionRecord) => record.partnerCode ?? '';
  return records.sort(
    (a, b) =>
      a.suspension.requestedAt.getTime() - b.suspension.requestedAt.getTime() ||
      (code(a) < code(b) ? -1 : code(a) > code(b) ? 1 : 0),
  );
}

function suspensionRecord(suspension: ProcessingSuspension, subject: Subject): SuspensionRecord {
  return { suspension, subject, partnerCode: suspension.partner?.getEntity().code ?? null };
}

/** The partners named by `codes`, in order; each unknown or repeated code is refused on its index. */
async function findPartners(em: EntityManager, codes: readonly string[]): Promise<Partner[]> {
  if (codes.length === 0) return [];
  const partners = await em.find(Partner, { code: { $in: [...codes] } });
  return codes.map((code, index) => {
    if (codes.indexOf(code) !== index) throw new InputError(`partnerCodes[${index}]`, 'partner is listed twice');
    const partner = partners.find((candidate) => candidate.code === code);
    if (!partner) throw new InputError(`partnerCodes[${index}]`, 'no partner with this code');
    return partner;
  });
}

/**
 * For a replayed resumption: the suspensions resumed at `reported`, or (when no time was sent)
 * those resumed last. None at all means there was nothing to resume.
 */
function lastResumed(suspensions: ProcessingSuspension[], reported: Date | null | undefined): ProcessingSuspension[] {
  const resumed = suspensions.filter((suspension) => suspension.resumedAt !== null);
  if (resumed.length === 0) throw new InputError('shopSubjectId', 'processing of the subject is not suspended');
  const at = reported?.getTime() ?? Math.max(...resumed.map((suspension) => suspension.resumedAt?.getTime() ?? 0));
  const matching = resumed.filter((suspension) => suspension.resumedAt?.getTime() === at);
  if (matching.length === 0) throw new InputError('resumedAt', 'processing already resumed at another time');
  return matching;
}

/** The subject's correction request `id`; another subject's request answers like a missing one. */
async function findCorrection(em: EntityManager, subject: Subject, id: string): Promise<CorrectionRequest> {
  const request = UUID.test(id)
    ? await em.findOne(CorrectionRequest, { id, subject }, { lockMode: LockMode.PESSIMISTIC_WRITE })
    : null;
  if (!request) throw new InputError('correctionId', 'the subject has no correction request with this id');
  return request;
}

function sameItems(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().every((item, index) => item === [...b].sort()[index]);
}
