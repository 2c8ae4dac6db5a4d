import {
  agreementInForce,
  parseRetentionRule,
  statusAt,
  terminatedAt,
  type PartnerStatus,
  type ProvisionGrant,
  type RetentionRule,
  type StatusChange,
} from '@provision/domain';

/** One agreement version of a partner, as the decision and `myProvisionScope` need it. */
export interface AgreementFacts {
  id: string;
  version: number;
  effectiveFrom: Date;
  retentionRule: string;
  rule: RetentionRule;
  consentRequired: boolean;
  dailySubjectCeiling: number | null;
  rateCapacity: number | null;
  rateRefillPerMinute: number | null;
  grants: readonly ProvisionGrant[];
}

/**
 * What the partner API knows of one partner, independent of the time of day: its row, its whole
 * status history and every agreement version with its grants. Immutable once read; kept in the
 * gateway's cache together with the registry version it was read at (see `PartnerRegistry`).
 */
export interface PartnerFacts {
  id: string;
  code: string;
  nameKo: string;
  nameEn: string;
  country: string;
  overseasTransferBasis: string | null;
  /** Ordered by effective time, ties in the order recorded (as `statusAt` wants it). */
  history: readonly StatusChange[];
  /** Ordered by version. */
  agreements: readonly AgreementFacts[];
  /** Grants of every version, for consents given to older versions. */
  grantsByAgreement: ReadonlyMap<string, readonly ProvisionGrant[]>;
}

/** The partner as of one instant: status and agreement in force are derived per request, never cached. */
export interface PartnerFactsNow {
  facts: PartnerFacts;
  status: PartnerStatus;
  /** When the partnership ends or ended, even if still to come. */
  terminatedAt: Date | null;
  /** The agreement version in force now; null when none. */
  agreement: AgreementFacts | null;
}

/** Whose facts, as the admission statement returns them (`jsonb`; instants in epoch milliseconds). */
export interface PartnerFactsJson {
  id: string;
  code: string;
  nameKo: string;
  nameEn: string;
  country: string;
  overseasTransferBasis: string | null;
  history: { status: PartnerStatus; effectiveAt: number }[];
  agreements: {
    id: string;
    version: number;
    effectiveFrom: number;
    retentionRule: string;
    consentRequired: boolean;
    dailySubjectCeiling: number | null;
    rateCapacity: number | null;
    rateRefillPerMinute: number | null;
    grants: ProvisionGrant[];
  }[];
}

/** Epoch milliseconds of a timestamptz, as a JSON number: no parsing of PostgreSQL's text forms. */
export const epochMs = (column: string) => `(extract(epoch from ${column}) * 1000)::float8`;

/**
 * The SQL expression of {@link PartnerFactsJson} for the partner row `p`. Status changes and
 * agreements in the orders `statusAt` and `agreementInForce` rely on.
 */
export const PARTNER_FACTS_SQL = `jsonb_build_object(
  'id', p.id, 'code', p.code, 'nameKo', p.name_ko, 'nameEn', p.name_en, 'country', p.country, 'overseasTransferBasis', p.overseas_transfer_basis,
  'history', coalesce((
    select jsonb_agg(jsonb_build_object('status', s.status, 'effectiveAt', ${epochMs('s.effective_at')}) order by s.effective_at, s.recorded_at)
      from partner_status_changes s where s.partner_id = p.id), '[]'),
  'agreements', coalesce((
    select jsonb_agg(jsonb_build_object(
             'id', a.id, 'version', a.version, 'effectiveFrom', ${epochMs('a.effective_from')}, 'retentionRule', a.retention_rule,
             'consentRequired', a.consent_required, 'dailySubjectCeiling', a.daily_subject_ceiling,
             'rateCapacity', a.rate_capacity, 'rateRefillPerMinute', a.rate_refill_per_minute,
             'grants', coalesce((select jsonb_agg(jsonb_build_object('item', g.item, 'purpose', g.purpose))
                                   from agreement_grants g where g.agreement_id = a.id), '[]')
           ) order by a.version)
      from agreements a where a.partner_id = p.id), '[]'))`;

export function partnerFactsOf(json: PartnerFactsJson): PartnerFacts {
  const agreements = json.agreements.map((agreement) => ({
    ...agreement,
    effectiveFrom: new Date(agreement.effectiveFrom),
    rule: parseRetentionRule(agreement.retentionRule),
  }));
  return {
    id: json.id,
    code: json.code,
    nameKo: json.nameKo,
    nameEn: json.nameEn,
    country: json.country,
    overseasTransferBasis: json.overseasTransferBasis,
    history: json.history.map((change) => ({ status: change.status, effectiveAt: new Date(change.effectiveAt) })),
    agreements,
    grantsByAgreement: new Map(agreements.map((agreement) => [agreement.id, agreement.grants])),
  };
}

/**
 * The partner's status and agreement in force at `now`. Throws a RangeError when the partner was
 * not registered yet at `now` (see `statusAt`).
 */
export function factsAt(facts: PartnerFacts, now: Date): PartnerFactsNow {
  return {
    facts,
    status: statusAt(facts.history, now),
    terminatedAt: terminatedAt(facts.history),
    agreement: agreementInForce(facts.agreements, now),
  };
}
