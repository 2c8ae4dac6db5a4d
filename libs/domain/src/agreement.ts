import { InputError } from './errors.js';
import { isGrantableItem, ITEM_CATALOG, type ItemKey } from './item.catalog.js';
import { BACKDATING_TOLERANCE_MS } from './partner-status.js';
import { isGrantablePurpose, isPurposeKey, purposeCovers, type PurposeKey } from './purpose.catalog.js';
import { parseRetentionRule, RetentionRuleSyntaxError, type RetentionRule } from './retention-rule.js';
import { isCitableStatute, STATUTE_CATALOG, type StatuteKey } from './statute.catalog.js';
import { isOneOf, LEGAL_BASES, type LegalBasis, type PartnerKind, type PartnerStatus } from './vocabulary.js';

/** One item × purpose an agreement lets a partner receive; the purpose covers its children. */
export interface Grant {
  readonly item: ItemKey;
  readonly purpose: PurposeKey;
}

/**
 * Operational limits that travel with an agreement version; null leaves a limit to the gateway's
 * defaults (rate) or unset (daily ceiling). Counted in distinct subjects released.
 */
export interface AgreementQuota {
  readonly dailySubjectCeiling: number | null;
  readonly rateCapacity: number | null;
  readonly rateRefillPerMinute: number | null;
}

/** Largest value any quota may take: far above any real partner, small enough for a PostgreSQL integer. */
export const MAX_QUOTA = 10_000_000;

const NO_QUOTA: AgreementQuota = { dailySubjectCeiling: null, rateCapacity: null, rateRefillPerMinute: null };

/** An agreement version as an admin submits it, before any check. */
export interface AgreementDraft {
  readonly grants: readonly { readonly item: string; readonly purpose: string }[];
  readonly retentionRule: string;
  readonly legalBasis: LegalBasis;
  /** For a STATUTE basis, the article of the statute catalog it rests on; null or omitted otherwise. */
  readonly statute?: string | null;
  readonly consentRequired: boolean;
  readonly effectiveFrom: Date;
  /** Omitted: no ceiling and the gateway's default rate. */
  readonly quota?: Partial<AgreementQuota>;
}

/** What the rules need to know about the partner and the moment of publication. */
export interface AgreementContext {
  readonly partnerKind: PartnerKind;
  /** The partner's status in force when the version takes effect (or now, if later). */
  readonly partnerStatusAtEffectiveFrom: PartnerStatus;
  readonly now: Date;
}

/** A draft that passed every rule, normalized for storage. */
export interface ValidatedAgreement {
  /** De-duplicated and sorted by item, then purpose. */
  readonly grants: readonly Grant[];
  readonly rule: RetentionRule;
  readonly legalBasis: LegalBasis;
  /** The cited article, exactly when the basis is STATUTE. */
  readonly statute: StatuteKey | null;
  readonly consentRequired: boolean;
  readonly effectiveFrom: Date;
  readonly quota: AgreementQuota;
}

// Code-unit order, not locale order: the stored and printed order must not depend on the host.
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function validateQuota(quota: Partial<AgreementQuota> | undefined): AgreementQuota {
  const checked = { ...NO_QUOTA, ...quota };
  for (const field of Object.keys(NO_QUOTA) as (keyof AgreementQuota)[]) {
    const value = checked[field];
    if (value !== null && !(Number.isSafeInteger(value) && value >= 1 && value <= MAX_QUOTA)) {
      throw new InputError(field, `must be an integer from 1 to ${MAX_QUOTA}, or null`);
    }
  }
  return checked;
}

function validateGrants(grants: AgreementDraft['grants']): Grant[] {
  if (grants.length === 0) throw new InputError('grants', 'at least one item × purpose grant is required');
  const unique = new Map<string, Grant>();
  grants.forEach((grant, index) => {
    const item = grant.item.trim();
    const purpose = grant.purpose.trim();
    if (!isGrantableItem(item)) {
      throw new InputError(
        `grants[${index}].item`,
        ITEM_CATALOG.has(item)
          ? 'is a group of items; grant its items one by one'
          : 'is not an item of the item catalog',
      );
    }
    if (!isPurposeKey(purpose)) throw new InputError(`grants[${index}].purpose`, 'is not a purpose of the purpose catalog');
    if (!isGrantablePurpose(purpose)) {
      throw new InputError(`grants[${index}].purpose`, "is one of the shop's own duties (subject rights, statutory disclosure), never granted to a partner");
    }
    unique.set(`${item}\u0000${purpose}`, { item, purpose });
  });
  return [...unique.values()].sort((a, b) => byCodeUnits(a.item, b.item) || byCodeUnits(a.purpose, b.purpose));
}

/** The statute a basis cites: an article of the catalog for STATUTE ("the legal basis names the statute"), none otherwise. */
function validateStatute(legalBasis: LegalBasis, statute: string | null): StatuteKey | null {
  if (legalBasis !== 'STATUTE') {
    if (statute !== null) throw new InputError('statute', 'is cited only by a STATUTE legal basis');
    return null;
  }
  if (statute === null) throw new InputError('statute', 'a STATUTE legal basis names the article of the statute it rests on');
  if (!isCitableStatute(statute)) {
    throw new InputError(
      'statute',
      STATUTE_CATALOG.has(statute) ? 'names an act; cite one of its articles' : 'is not an article of the statute catalog',
    );
  }
  return statute;
}

/**
 * Checks an agreement version before it is published and normalizes it.
 * Rules: a terminated partner gets no new version; `effectiveFrom` is at most five minutes in
 * the past; at least one grant, each of a releasable item and a catalog purpose; the retention
 * rule parses; a consignee's basis is CONTRACT or STATUTE (consignment under PIPA Art. 26 is
 * not consent-based); a CONSENT basis requires per-subject consent; a STATUTE basis cites an
 * article of the statute catalog, and no other basis cites one; each quota, when set, is an
 * integer from 1 to {@link MAX_QUOTA}.
 * @throws InputError naming the first offending field
 */
export function validateAgreementDraft(draft: AgreementDraft, context: AgreementContext): ValidatedAgreement {
  if (context.partnerStatusAtEffectiveFrom === 'TERMINATED') {
    throw new InputError('partnerId', 'partner is terminated; no agreement can be published to it');
  }
  if (Number.isNaN(draft.effectiveFrom.getTime())) throw new InputError('effectiveFrom', 'must be a valid date');
  if (draft.effectiveFrom.getTime() < context.now.getTime() - BACKDATING_TOLERANCE_MS) {
    throw new InputError('effectiveFrom', 'must not be more than 5 minutes in the past');
  }

  const grants = validateGrants(draft.grants);

  let rule: RetentionRule;
  try {
    rule = parseRetentionRule(draft.retentionRule);
  } catch (error) {
    if (error instanceof RetentionRuleSyntaxError) {
      throw new InputError('retentionRule', `does not parse: ${error.message}`);
    }
    throw error;
  }

  if (!isOneOf(LEGAL_BASES, draft.legalBasis)) {
    throw new InputError('legalBasis', `must be one of ${LEGAL_BASES.join(', ')}`);
  }
  if (context.partnerKind === 'CONSIGNEE' && draft.legalBasis === 'CONSENT') {
    throw new InputError(
      'legalBasis',
      "a consignee's legal basis must be CONTRACT or STATUTE: consignment (PIPA Art. 26) is not consent-based",
    );
  }
  if (draft.legalBasis === 'CONSENT' && !draft.consentRequired) {
    throw new InputError('consentRequired', 'must be true when the legal basis is CONSENT');
  }
  const statute = validateStatute(draft.legalBasis, draft.statute ?? null);

  return {
    grants,
    rule,
    legalBasis: draft.legalBasis,
    statute,
    consentRequired: draft.consentRequired,
    effectiveFrom: new Date(draft.effectiveFrom.getTime()),
    quota: validateQuota(draft.quota),
  };
}

/** Whether some grant is for `item` with a purpose that covers `purpose` (itself or an ancestor). */
export function grantCovers(
  grants: readonly { readonly item: string; readonly purpose: string }[],
  item: string,
  purpose: string,
): boolean {
  // A loop, not `some`: the decision asks this of every consent for every field it decides.
  for (const grant of grants) {
    if (grant.item === item && purposeCovers(grant.purpose, purpose)) return true;
  }
  return false;
}

/**
 * The agreement version in force at `now`: the highest-numbered version whose `effectiveFrom`
 * has come. Versions take effect in version order, so a newer version that is already effective
 * stays in force even when an older one was dated later; null before the first takes effect.
 */
export function agreementInForce<T extends { readonly version: number; readonly effectiveFrom: Date }>(
  versions: readonly T[],
  now: Date,
): T | null {
  let current: T | null = null;
  for (const candidate of versions) {
    if (candidate.effectiveFrom.getTime() > now.getTime()) continue;
    if (current === null || candidate.version > current.version) current = candidate;
  }
  return current;
}
