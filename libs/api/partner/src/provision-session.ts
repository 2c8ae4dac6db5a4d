import DataLoader from 'dataloader';
import {
  Agreement,
  Consent,
  CorrectionRequest,
  itemValue,
  Partner,
  PartnerStatusChange,
  ProcessingSuspension,
  Subject,
} from '@provision/db';
import {
  agreementInForce,
  decide,
  isGrantableItem,
  parseRetentionRule,
  seoulDayOf,
  statusAt,
  terminatedAt,
  type Decision,
  type PartnerStatus,
  type ProvisionFacts,
  type RetentionRule,
} from '@provision/domain';
import type { RequestContext } from '@provision/api-core';
import { claimDailySubjects } from '@provision/quotas';
import type { ProvisionHandle } from './provision-handle.js';

interface Grant {
  item: string;
  purpose: string;
}

/** The calling partner as the decision sees it; loaded once per request. */
export interface PartnerFacts {
  partner: Partner;
  status: PartnerStatus;
  terminatedAt: Date | null;
  /** The agreement version in force now, with its parsed rule and grants; null when none. */
  agreement: { version: Agreement; rule: RetentionRule; grants: Grant[] } | null;
  /** Grants of every version, for consents given to older versions. */
  grantsByAgreement: Map<string, Grant[]>;
}

/** Groups rows by a key, returning one (possibly empty) list per requested key, in key order. */
function groupedBy<T>(keys: readonly string[], rows: readonly T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/**
 * Everything the partner API loads to decide on personal fields, for one request: the partner's
 * facts once, and per subject the subject row, consents, suspensions and corrections through
 * DataLoaders, so a page costs the same number of SQL statements whatever its size.
 * Created on first use per request (see `provisionSession`) and never shared between requests.
 */
export class ProvisionSession {
  #partnerFacts: Promise<PartnerFacts> | undefined;

  private readonly subjects: DataLoader<string, Subject>;
  private readonly consents: DataLoader<string, Consent[]>;
  private readonly suspensions: DataLoader<string, ProcessingSuspension[]>;
  private readonly corrections: DataLoader<string, CorrectionRequest[]>;
  /** Whether each subject holds a place under today's ceiling (claimed for the page in one statement). */
  private readonly dailyPlaces: DataLoader<string, boolean>;

  constructor(
    private readonly ctx: RequestContext,
    readonly partnerId: string,
  ) {
    const { em } = ctx;
    this.subjects = new DataLoader(async (ids) => {
      const rows = await em.find(Subject, { id: { $in: [...ids] } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? new Error(`subject ${id} not found`));
    });
    this.consents = new DataLoader(async (subjectIds) => {
      const { grantsByAgreement } = await this.partnerFacts();
      const rows = await em.find(Consent, {
        subject: { $in: [...subjectIds] },
        agreement: { $in: [...grantsByAgreement.keys()] },
      });
      return groupedBy(subjectIds, rows, (row) => row.subject.id);
    });
    this.suspensions = new DataLoader(async (subjectIds) => {
      const rows = await em.find(ProcessingSuspension, {
        subject: { $in: [...subjectIds] },
        $or: [{ partner: null }, { partner: this.partnerId }],
      });
      return groupedBy(subjectIds, rows, (row) => row.subject.id);
    });
    this.corrections = new DataLoader(async (subjectIds) => {
      const rows = await em.find(CorrectionRequest, { subject: { $in: [...subjectIds] } });
      return groupedBy(subjectIds, rows, (row) => row.subject.id);
    });
    this.dailyPlaces = new DataLoader(async (subjectIds) => {
      const ceiling = (await this.partnerFacts()).agreement?.version.dailySubjectCeiling ?? null;
      if (ceiling === null) return subjectIds.map(() => true);
      const admitted = await claimDailySubjects(em, {
        partnerId: this.partnerId,
        day: seoulDayOf(ctx.clock.now()),
        ceiling,
        subjectIds,
      });
      return subjectIds.map((id) => admitted.has(id));
    });
  }

  /** The calling partner, its status, and the agreement in force, loaded once for the request. */
  partnerFacts(): Promise<PartnerFacts> {
    this.#partnerFacts ??= this.loadPartnerFacts();
    return this.#partnerFacts;
  }

  /**
   * Decides on one item of the subject behind `handle`, and loads the value only when released.
   * The value is the stored one; a released item the shop never recorded is null.
   */
  async decide(handle: ProvisionHandle, item: string, purpose: string): Promise<{ decision: Decision; value: string | null }> {
    const facts = await this.partnerFacts();
    const [dataSubject, consentSubject, consents, suspensions, corrections] = await Promise.all([
      this.subjects.load(handle.dataSubjectId),
      this.subjects.load(handle.consentSubjectId),
      this.consents.load(handle.consentSubjectId),
      this.suspensions.load(handle.dataSubjectId),
      this.corrections.load(handle.dataSubjectId),
    ]);
    const { partner, agreement } = facts;
    const input: ProvisionFacts = {
      purpose,
      item,
      scopes: this.ctx.principal.scopes,
      partner: {
        status: facts.status,
        country: partner.country,
        overseasTransferBasis: partner.overseasTransferBasis,
        terminatedAt: facts.terminatedAt,
      },
      agreement: agreement
        ? { grants: agreement.grants, rule: agreement.rule, consentRequired: agreement.version.consentRequired }
        : null,
      consents: consents.map((consent) => ({
        grants: facts.grantsByAgreement.get(consent.agreement.id) ?? [],
        givenAt: consent.givenAt,
        withdrawnAt: consent.withdrawnAt,
      })),
      membershipWithdrawnAt: consentSubject.membershipWithdrawnAt,
      anchors: handle.anchors,
      suspensions,
      corrections,
      dailyCeiling: null,
      now: this.ctx.clock.now(),
    };
    let decision = decide(input);
    // The ceiling is the last check: a place is claimed only for a subject every other check releases.
    const ceiling = agreement?.version.dailySubjectCeiling ?? null;
    if (decision.release && ceiling !== null) {
      decision = decide({ ...input, dailyCeiling: { ceiling, admitted: await this.dailyPlaces.load(handle.dataSubjectId) } });
    }
    if (!decision.release) return { decision, value: null };
    // A released item passed the agreement's grant check, so it is in the catalog; anything else is a schema bug.
    if (!isGrantableItem(item)) throw new Error(`no storage is mapped for personal item ${item}`);
    return { decision, value: itemValue(dataSubject, item, this.ctx.keyring) };
  }

  private async loadPartnerFacts(): Promise<PartnerFacts> {
    const { em, clock } = this.ctx;
    const [partner, history, agreements] = await Promise.all([
      em.findOneOrFail(Partner, { id: this.partnerId }),
      em.find(PartnerStatusChange, { partner: this.partnerId }, { orderBy: { effectiveAt: 'asc', recordedAt: 'asc' } }),
      em.find(Agreement, { partner: this.partnerId }, { populate: ['grants'], orderBy: { version: 'asc' } }),
    ]);
    const now = clock.now();
    const grantsByAgreement = new Map(
      agreements.map((agreement) => [
        agreement.id,
        agreement.grants.getItems().map(({ item, purpose }) => ({ item, purpose })),
      ]),
    );
    const current = agreementInForce(agreements, now);
    return {
      partner,
      status: statusAt(history, now),
      terminatedAt: terminatedAt(history),
      agreement: current
        ? {
            version: current,
            rule: parseRetentionRule(current.retentionRule),
            grants: grantsByAgreement.get(current.id) ?? [],
          }
        : null,
      grantsByAgreement,
    };
  }
}

const sessions = new WeakMap<RequestContext, ProvisionSession>();

/** The request's provision session: made on first use, one per request context, never shared. */
export function provisionSession(ctx: RequestContext): ProvisionSession {
  const partnerId = ctx.principal.partnerId;
  if (ctx.principal.kind !== 'PARTNER' || partnerId === null) {
    throw new Error('the partner API serves partner clients only');
  }
  let session = sessions.get(ctx);
  if (!session) {
    session = new ProvisionSession(ctx, partnerId);
    sessions.set(ctx, session);
  }
  return session;
}
