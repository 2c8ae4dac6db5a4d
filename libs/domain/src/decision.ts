import { assertUnreachable } from '@provision/util';
import { grantCovers } from './agreement.js';
import { type AgeFacts, bornUnder14At, isUnder14At } from './child.js';
import type { DenialReason } from './errors.js';
import { purposeCovers } from './purpose.catalog.js';
import { isWindowOpenWithTermination, type RetentionAnchors, type RetentionRule } from './retention-rule.js';
import type { PartnerStatus } from './vocabulary.js';

/** An item × purpose pair as granted by an agreement version (or by the version a consent was given to). */
export interface ProvisionGrant {
  readonly item: string;
  readonly purpose: string;
}

/** What the decision needs to know about the partner asking. */
export interface ProvisionPartner {
  /** The status in force now (a sweep may pass the status of another instant). */
  readonly status: PartnerStatus;
  /** ISO 3166-1 alpha-2; anything but `KR` is an overseas transfer (PIPA Art. 28-8). */
  readonly country: string;
  readonly overseasTransferBasis: string | null;
  /** When the partnership ends or ended, even if that is still to come (see `terminatedAt`). */
  readonly terminatedAt: Date | null;
}

/** The partner's agreement version in force now (see `agreementInForce`). */
export interface ProvisionAgreement {
  readonly grants: readonly ProvisionGrant[];
  readonly rule: RetentionRule;
  readonly consentRequired: boolean;
}

/** One consent of the subject to some version of this partner's agreement. */
export interface ProvisionConsent {
  /** The grants of the version consented to, not of the version in force. */
  readonly grants: readonly ProvisionGrant[];
  readonly givenAt: Date;
  readonly withdrawnAt: Date | null;
  /** Whether a legal representative consented on the subject's behalf (PIPA Art. 22-2). */
  readonly legalRepresentative: boolean;
}

/** A request of the data subject to suspend processing (PIPA Art. 37) that applies to this partner. */
export interface ProvisionSuspension {
  readonly requestedAt: Date;
  readonly resumedAt: Date | null;
}

/** A correction request of the data subject (PIPA Art. 36); `appliedAt` null while pending. */
export interface ProvisionCorrection {
  readonly items: readonly string[];
  readonly requestedAt: Date;
  readonly appliedAt: Date | null;
}

/**
 * The partner's daily ceiling of distinct subjects (agreement's `dailySubjectCeiling`), as the caller
 * found it for this subject today. The caller claims a place only for a subject that passes every
 * other check (so a denied subject never uses up the ceiling), which is why this is the last check.
 */
export interface ProvisionDailyCeiling {
  readonly ceiling: number;
  /**
   * Whether the subject holds one of today's `ceiling` places: it was released to the partner
   * earlier today, or it was counted now while fewer than `ceiling` subjects were.
   */
  readonly admitted: boolean;
}

/**
 * Everything the decision needs for one item of one subject, gathered by the caller in batches.
 * The facts are those of the engagement the caller already found; without one there is nothing
 * to decide (the caller answers "not found").
 */
export interface ProvisionFacts {
  /** The purpose the operation declared; the caller has checked it is a catalog purpose. */
  readonly purpose: string;
  /** The personal item asked for, e.g. `receiver.address`. */
  readonly item: string;
  /** The token's effective scopes. */
  readonly scopes: ReadonlySet<string>;
  readonly partner: ProvisionPartner;
  /** The agreement in force now; null when the partner has none (yet). */
  readonly agreement: ProvisionAgreement | null;
  /** The consenting subject's consents to any version of this partner's agreements. */
  readonly consents: readonly ProvisionConsent[];
  /** The consenting subject's birth date and the shop's under-14 flag, as they stand now. */
  readonly consentingSubject: AgeFacts;
  /** When the consenting subject withdrew membership; null if never. */
  readonly membershipWithdrawnAt: Date | null;
  /** The engagement's business events; the partnership's end comes from `partner.terminatedAt`. */
  readonly anchors: Omit<RetentionAnchors, 'partnershipTerminatedAt'>;
  /** The data subject's suspensions that apply to this partner, already filtered by the caller. */
  readonly suspensions: readonly ProvisionSuspension[];
  /** The data subject's correction requests. */
  readonly corrections: readonly ProvisionCorrection[];
  /** null when the agreement sets no ceiling, or before the caller has claimed a place (see the type). */
  readonly dailyCeiling: ProvisionDailyCeiling | null;
  readonly now: Date;
}

/** Release the field, or withhold it for the first reason found. */
export type Decision = { readonly release: true } | { readonly release: false; readonly reason: DenialReason };

const RELEASE: Decision = Object.freeze({ release: true });
const CEILING_REACHED: Decision = Object.freeze({ release: false, reason: 'DAILY_CEILING_REACHED' });
// Exact match, no case folding: a malformed country code counts as overseas (fail closed).
const HOME_COUNTRY = 'KR';

const deny = (reason: DenialReason): Decision => ({ release: false, reason });
const atOrBefore = (instant: Date, now: Date): boolean => instant.getTime() <= now.getTime();

/** Whether something that starts at `from` and ends at `until` (exclusive; null = never) holds at `now`. */
function holdsAt(from: Date, until: Date | null, now: Date): boolean {
  return atOrBefore(from, now) && (until === null || now.getTime() < until.getTime());
}

function partnerDenial(status: PartnerStatus): DenialReason | null {
  switch (status) {
    case 'ACTIVE':
      return null;
    case 'SUSPENDED':
      return 'PARTNER_SUSPENDED';
    case 'TERMINATED':
      return 'PARTNERSHIP_ENDED';
    default:
      return assertUnreachable(status);
  }
}

// The checks below that run for every decided field loop rather than pass closures to `some` or
// `filter`: same answers, without a function and a list allocated per field.

function grantDenial(grants: readonly ProvisionGrant[], item: string, purpose: string): DenialReason | null {
  let itemGranted = false;
  for (const grant of grants) {
    if (grant.item !== item) continue;
    if (purposeCovers(grant.purpose, purpose)) return null;
    itemGranted = true;
  }
  return itemGranted ? 'PURPOSE_NOT_PERMITTED' : 'ITEM_NOT_GRANTED';
}

function consentDenial(facts: ProvisionFacts, agreement: ProvisionAgreement): DenialReason | null {
  const { item, purpose, now } = facts;
  // Withdrawing membership ends provision to every partner, whatever the agreement's basis (issue 4:
  // "closed for every partner"; DESIGN.md: every window closes at membership withdrawal). It is
  // reported as a withdrawal of consent, which is how the subject expressed it.
  if (facts.membershipWithdrawnAt !== null && atOrBefore(facts.membershipWithdrawnAt, now)) return 'CONSENT_WITHDRAWN';
  if (!agreement.consentRequired) return null;
  // A live covering consent that speaks for the subject settles it; otherwise the closest one found
  // names the denial.
  let covering = false;
  let live = false;
  for (const consent of facts.consents) {
    // Each consent covers only the grants of the version it was given to (PIPA Art. 17(2)): what a
    // newer version adds needs a new consent.
    if (!atOrBefore(consent.givenAt, now) || !grantCovers(consent.grants, item, purpose)) continue;
    covering = true;
    if (!holdsAt(consent.givenAt, consent.withdrawnAt, now)) continue;
    if (speaksForSubject(consent, facts.consentingSubject, now)) return null;
    live = true;
  }
  if (live) return 'GUARDIAN_CONSENT_MISSING';
  return covering ? 'CONSENT_WITHDRAWN' : 'CONSENT_MISSING';
}

/**
 * Whether a consent speaks for the subject now (PIPA Art. 22-2). A legal representative's consent
 * does, and keeps doing so after the child turns 14 until it is withdrawn: it was a valid consent
 * when given, and the Act asks nothing new at the birthday. A consent without one does only if the
 * subject is 14 or older now and was when it was given: a child's own consent is not a consent under
 * Art. 22-2, and a birthday does not make it one (the subject, now 14, consents anew). When it was
 * given only the birth date can tell; the shop's flag speaks of now only.
 */
function speaksForSubject(consent: ProvisionConsent, age: AgeFacts, now: Date): boolean {
  if (consent.legalRepresentative) return true;
  if (isUnder14At(age, now)) return false;
  return age.birthDate === null || !bornUnder14At(age.birthDate, consent.givenAt);
}

function subjectRightsDenial(facts: ProvisionFacts): DenialReason | null {
  const { item, now } = facts;
  for (const suspension of facts.suspensions) {
    if (holdsAt(suspension.requestedAt, suspension.resumedAt, now)) return 'PROCESSING_SUSPENDED';
  }
  // A value under correction may be wrong; better no value than one the subject disputes.
  for (const correction of facts.corrections) {
    if (correction.items.includes(item) && holdsAt(correction.requestedAt, correction.appliedAt, now)) return 'UNDER_CORRECTION';
  }
  return null;
}

function overseasDenial(partner: ProvisionPartner): DenialReason | null {
  if (partner.country === HOME_COUNTRY) return null;
  const basis = partner.overseasTransferBasis;
  return basis === null || basis.trim() === '' ? 'OVERSEAS_TRANSFER_NOT_PERMITTED' : null;
}

/**
 * Whether one personal item of one subject may be released to a partner now (DESIGN.md, "The
 * decision"). Checks run in the order of the table and the first that fails gives the reason:
 * scope, partner status, grant, consent (a child's only through a legal representative), provision window, subject rights (suspension, then
 * correction), overseas transfer, daily ceiling of distinct subjects. Pure: everything comes in `facts`, including the time.
 * @example decide(facts) // { release: false, reason: 'WINDOW_CLOSED' }
 */
export function decide(facts: ProvisionFacts): Decision {
  const { item, purpose, partner, agreement, now } = facts;
  if (!facts.scopes.has(`pii:${item}`)) return deny('SCOPE_MISSING');

  const ofPartner = partnerDenial(partner.status);
  if (ofPartner !== null) return deny(ofPartner);

  if (agreement === null) return deny('ITEM_NOT_GRANTED');
  const ofGrant = grantDenial(agreement.grants, item, purpose);
  if (ofGrant !== null) return deny(ofGrant);

  const ofConsent = consentDenial(facts, agreement);
  if (ofConsent !== null) return deny(ofConsent);

  // The termination comes from the partner, not the status: a sweep replaying past facts may see
  // ACTIVE with a termination that has already taken effect.
  if (!isWindowOpenWithTermination(agreement.rule, facts.anchors, partner.terminatedAt, now)) {
    return deny('WINDOW_CLOSED');
  }

  const ofSubject = subjectRightsDenial(facts);
  if (ofSubject !== null) return deny(ofSubject);

  const overseas = overseasDenial(partner);
  if (overseas !== null) return deny(overseas);

  return facts.dailyCeiling === null || facts.dailyCeiling.admitted ? RELEASE : CEILING_REACHED;
}

/**
 * What `decide` gives for the same facts when the subject holds no place under a daily ceiling
 * (`dailyCeiling: { ceiling, admitted: false }`), from what it gave for them: the ceiling is the
 * last check, so a release becomes DAILY_CEILING_REACHED and a denial stays the same denial. A
 * caller that needs both answers decides once.
 * @example withoutCeilingPlace(decide(facts)) // { release: false, reason: 'DAILY_CEILING_REACHED' } where decide released
 */
export function withoutCeilingPlace(decision: Decision): Decision {
  return decision.release ? CEILING_REACHED : decision;
}
