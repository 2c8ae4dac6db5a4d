import { LockMode, ref, type EntityManager } from '@mikro-orm/postgresql';
import { isUUID } from 'class-validator';
import { Agreement, AgreementDraft, type AgreementDraftContent, type DraftState } from '@provision/db';
import {
  type Actor,
  agreementInForce,
  DomainError,
  grantCovers,
  InputError,
  type LegalBasis,
  NotFoundError,
} from '@provision/domain';
import type { Clock } from '@provision/util';
import type { PublishAgreementInput } from './agreement.input.js';
import type { RegistryService } from './registry.service.js';

/** One grant, as drafts and diffs list them. */
export interface GrantPair {
  item: string;
  purpose: string;
}

/** What differs between a draft and the version in force, and what that does to consents already given. */
export interface AgreementDiff {
  addedGrants: GrantPair[];
  removedGrants: GrantPair[];
  /** Terms other than grants whose value changes: field name, before (null: no version in force) and after, as text. */
  changes: { field: string; before: string | null; after: string | null }[];
  /**
   * Per added grant: active consents (not withdrawn) to the partner's versions that do not cover it.
   * Consents do not carry over to what a new version adds (PIPA Art. 17(2)): those subjects' items
   * are denied `CONSENT_MISSING` for that purpose until they consent again. Empty when the draft needs no consent.
   */
  consentGaps: (GrantPair & { consents: number })[];
}

const FOUR_EYES_MESSAGE = 'four-eyes publishing: a different officer must approve the draft';

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** The draft as the input `publishAgreement` takes, so approval publishes exactly what was drafted. */
function inputOf(draft: AgreementDraft): PublishAgreementInput {
  const content = draft.content;
  return {
    partnerId: draft.partner.id,
    grants: content.grants,
    retentionRule: content.retentionRule,
    legalBasis: content.legalBasis as LegalBasis,
    statute: content.statute,
    consentRequired: content.consentRequired,
    effectiveFrom: content.effectiveFrom === null ? null : new Date(content.effectiveFrom),
    dailySubjectCeiling: content.dailySubjectCeiling,
    rateCapacity: content.rateCapacity,
    rateRefillPerMinute: content.rateRefillPerMinute,
  };
}

function drafter(draft: AgreementDraft): Actor {
  return { clientId: draft.draftedBy, person: draft.draftedBySub === null ? null : { sub: draft.draftedBySub, name: draft.draftedByName } };
}

/** The same officer: the same person, or the same client when neither acted as a person. */
function sameOfficer(a: Actor, b: Actor): boolean {
  if (a.person !== null || b.person !== null) return a.person?.sub === b.person?.sub;
  return a.clientId === b.clientId;
}

/**
 * Four-eyes publishing (issue 12): an officer drafts a version; it goes live only when approved —
 * by a different officer where the deployment requires it (AGREEMENT_FOUR_EYES, on by default in
 * production). Both are recorded: the drafter as the version's publisher, the approver on the
 * version and in the permission history. A draft is checked when made and again when approved.
 */
export class AgreementDraftService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly actor: Actor,
    private readonly registry: RegistryService,
    private readonly fourEyes: boolean,
  ) {}

  /** Refuses direct publishing where four-eyes publishing is on. */
  assertDirectPublishingAllowed(): void {
    if (this.fourEyes) throw new DomainError('FORBIDDEN', `${FOUR_EYES_MESSAGE}; use draftAgreement and approveAgreementDraft`);
  }

  async draft(input: PublishAgreementInput): Promise<AgreementDraft> {
    return this.em.transactional(async (em) => {
      const partner = await this.registry.lockPartner(em, input.partnerId);
      await this.registry.checkAgreement(em, partner, input);
      const inForce = agreementInForce(await em.find(Agreement, { partner }), this.clock.now());
      const content: AgreementDraftContent = {
        grants: input.grants.map(({ item, purpose }) => ({ item, purpose })),
        retentionRule: input.retentionRule,
        legalBasis: input.legalBasis,
        statute: input.statute ?? null,
        consentRequired: input.consentRequired,
        effectiveFrom: input.effectiveFrom?.toISOString() ?? null,
        dailySubjectCeiling: input.dailySubjectCeiling ?? null,
        rateCapacity: input.rateCapacity ?? null,
        rateRefillPerMinute: input.rateRefillPerMinute ?? null,
      };
      const draft = em.create(AgreementDraft, {
        partner,
        content,
        baseVersion: inForce?.version ?? null,
        status: 'PENDING',
        draftedAt: this.clock.now(),
        draftedBy: this.actor.clientId,
        draftedBySub: this.actor.person?.sub ?? null,
        draftedByName: this.actor.person?.name ?? null,
      });
      await em.flush();
      return draft;
    });
  }

  /** Publishes the draft as the next version; under four-eyes publishing only a different officer, signed in as a person, may. */
  async approve(draftId: string): Promise<Agreement> {
    return this.em.transactional(async (em) => {
      const draft = await this.pending(em, draftId);
      if (this.fourEyes && (this.actor.person === null || sameOfficer(this.actor, drafter(draft)))) {
        throw new DomainError('FORBIDDEN', FOUR_EYES_MESSAGE);
      }
      const now = this.clock.now();
      const agreement = await this.registry.publishIn(em, inputOf(draft), {
        publisher: drafter(draft),
        approval: { by: this.actor, at: now },
      });
      this.decide(draft, 'APPROVED', null, now);
      draft.agreement = ref(agreement);
      await em.flush();
      return agreement;
    });
  }

  /** Refuses the draft (another officer) or withdraws it (its drafter); it stays on record. */
  async reject(draftId: string, reason: string): Promise<AgreementDraft> {
    return this.em.transactional(async (em) => {
      const draft = await this.pending(em, draftId);
      this.decide(draft, sameOfficer(this.actor, drafter(draft)) ? 'WITHDRAWN' : 'REJECTED', reason, this.clock.now());
      await em.flush();
      return draft;
    });
  }

  async list(filter: { status?: DraftState | null; partnerId?: string | null }): Promise<AgreementDraft[]> {
    if (filter.partnerId && !isUUID(filter.partnerId)) return [];
    return this.em.find(
      AgreementDraft,
      { ...(filter.status ? { status: filter.status } : {}), ...(filter.partnerId ? { partner: filter.partnerId } : {}) },
      { populate: ['partner', 'agreement'], orderBy: { draftedAt: 'desc', id: 'desc' }, limit: 100 },
    );
  }

  /** The draft against the version in force now, and the consents given so far that would not cover what it adds. */
  async diff(draft: AgreementDraft): Promise<AgreementDiff> {
    const now = this.clock.now();
    const agreements = await this.em.find(Agreement, { partner: draft.partner.id }, { populate: ['grants'] });
    const current = agreementInForce(agreements, now);
    const before = current?.grants.getItems().map(({ item, purpose }) => ({ item, purpose })) ?? [];
    const after = draft.content.grants;
    const addedGrants = after.filter((grant) => !grantCovers(before, grant.item, grant.purpose));
    const removedGrants = before.filter((grant) => !after.some((kept) => kept.item === grant.item && kept.purpose === grant.purpose));
    const terms: [string, unknown, unknown][] = [
      ['retentionRule', current?.retentionRule, draft.content.retentionRule],
      ['legalBasis', current?.legalBasis, draft.content.legalBasis],
      ['statute', current?.statute, draft.content.statute],
      ['consentRequired', current?.consentRequired, draft.content.consentRequired],
      ['dailySubjectCeiling', current?.dailySubjectCeiling, draft.content.dailySubjectCeiling],
      ['rateCapacity', current?.rateCapacity, draft.content.rateCapacity],
      ['rateRefillPerMinute', current?.rateRefillPerMinute, draft.content.rateRefillPerMinute],
    ];
    const changes = terms
      .map(([field, was, will]) => ({ field, before: text(was), after: text(will) }))
      .filter((change) => change.before !== change.after);
    return { addedGrants, removedGrants, changes, consentGaps: draft.content.consentRequired ? await this.consentGaps(agreements, addedGrants) : [] };
  }

  private async consentGaps(agreements: Agreement[], added: GrantPair[]): Promise<AgreementDiff['consentGaps']> {
    if (added.length === 0 || agreements.length === 0) return [];
    const counts = await this.em.execute<{ agreement: string; consents: number }[]>(
      `select agreement_id as agreement, count(*)::int as consents from consents
        where agreement_id in (?) and withdrawn_at is null group by agreement_id`,
      [agreements.map((agreement) => agreement.id)],
    );
    const grantsOf = new Map(agreements.map((agreement) => [agreement.id, agreement.grants.getItems()]));
    return added.map((grant) => ({
      ...grant,
      consents: counts
        .filter((row) => !grantCovers(grantsOf.get(row.agreement) ?? [], grant.item, grant.purpose))
        .reduce((sum, row) => sum + row.consents, 0),
    }));
  }

  private async pending(em: EntityManager, draftId: string): Promise<AgreementDraft> {
    const draft = isUUID(draftId)
      ? await em.findOne(AgreementDraft, { id: draftId }, { lockMode: LockMode.PESSIMISTIC_WRITE })
      : null;
    if (!draft) throw new NotFoundError('agreement draft');
    if (draft.status !== 'PENDING') throw new InputError('id', `the draft is already ${draft.status.toLowerCase()}`);
    return draft;
  }

  private decide(draft: AgreementDraft, status: DraftState, reason: string | null, at: Date): void {
    draft.status = status;
    draft.decidedAt = at;
    draft.decidedBy = this.actor.clientId;
    draft.decidedBySub = this.actor.person?.sub ?? null;
    draft.decidedByName = this.actor.person?.name ?? null;
    draft.decisionReason = reason;
  }
}
