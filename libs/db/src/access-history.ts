import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor, ClientKind, LegalBasis, PartnerKind, PartnerRole, PartnerStatus } from '@provision/domain';
import { AccessChange } from './entities/access-change.entity.js';
import type { Agreement } from './entities/agreement.entity.js';
import type { Client } from './entities/client.entity.js';
import type { PartnerStatusChange } from './entities/partner-status-change.entity.js';
import type { Partner } from './entities/partner.entity.js';

/** One grant of an agreement version, as the history keeps it. */
export interface GrantSummary {
  item: string;
  purpose: string;
}

/**
 * What each kind of permission-history entry records beside its time, actor, partner and client.
 * Item and purpose keys, scopes, codes and reasons only: never personal data.
 */
export type AccessChangeEntry =
  | {
      kind: 'PARTNER_REGISTERED';
      partner: Partner;
      detail: { code: string; partnerKind: PartnerKind; role: PartnerRole; parentPartnerCode: string | null; country: string };
    }
  | {
      kind: 'AGREEMENT_PUBLISHED';
      partner: Partner;
      detail: {
        version: number;
        retentionRule: string;
        legalBasis: LegalBasis;
        /** The cited article of a STATUTE basis; null for the other bases. */
        statute: string | null;
        consentRequired: boolean;
        effectiveFrom: string;
        grants: GrantSummary[];
      };
    }
  | { kind: 'STATUS_CHANGED'; partner: Partner; detail: { status: PartnerStatus; reason: string; effectiveAt: string } }
  | { kind: 'CLIENT_ADDED'; client: Client; detail: { clientKind: ClientKind; scopes: string[] } }
  | { kind: 'CLIENT_SCOPES_CHANGED'; client: Client; detail: { before: string[]; after: string[]; reason: string } }
  | { kind: 'CLIENT_REVOKED'; client: Client; detail: { clientKind: ClientKind; scopes: string[]; reason: string } }
  /** Names, privacy contact or webhook URL edited: which fields changed, never their values (the contact is a person). */
  | { kind: 'PARTNER_UPDATED'; partner: Partner; detail: { changed: string[] } }
  /** A new webhook signing secret; the old one keeps signing beside it for `overlapHours`. */
  | { kind: 'WEBHOOK_SECRET_ROTATED'; partner: Partner; detail: { overlapHours: number } };

/**
 * Records one entry of the permission history in `em`'s unit of work, so it commits or rolls back
 * with the change it describes. The one writer of `access_changes`: the admin registry, the client
 * mutations and the demo seed all call it. `actor` is the admin (client and person), or a name
 * such as `seed` for changes no one made through the API.
 */
export function recordAccessChange(em: EntityManager, at: Date, actor: Actor | string, entry: AccessChangeEntry): AccessChange {
  const isClientChange = 'client' in entry;
  const { clientId, person } = typeof actor === 'string' ? { clientId: actor, person: null } : actor;
  return em.create(AccessChange, {
    at,
    actor: clientId,
    actorSub: person?.sub ?? null,
    actorName: person?.name ?? null,
    kind: entry.kind,
    partner: isClientChange ? (entry.client.partner ?? null) : entry.partner,
    clientId: isClientChange ? entry.client.clientId : null,
    detail: entry.detail,
  });
}

/** The AGREEMENT_PUBLISHED entry of a version and its grants. */
export function agreementPublished(agreement: Agreement, partner: Partner, grants: readonly GrantSummary[]): AccessChangeEntry {
  return {
    kind: 'AGREEMENT_PUBLISHED',
    partner,
    detail: {
      version: agreement.version,
      retentionRule: agreement.retentionRule,
      legalBasis: agreement.legalBasis,
      statute: agreement.statute,
      consentRequired: agreement.consentRequired,
      effectiveFrom: agreement.effectiveFrom.toISOString(),
      grants: grants.map(({ item, purpose }) => ({ item, purpose })),
    },
  };
}

/** The PARTNER_REGISTERED entry of a new partner (its first STATUS_CHANGED and CLIENT_ADDED entries follow). */
export function partnerRegistered(partner: Partner, parentPartnerCode: string | null): AccessChangeEntry {
  return {
    kind: 'PARTNER_REGISTERED',
    partner,
    detail: { code: partner.code, partnerKind: partner.kind, role: partner.role, parentPartnerCode, country: partner.country },
  };
}

/** The STATUS_CHANGED entry of one row of a partner's status history. */
export function statusChanged(change: PartnerStatusChange): AccessChangeEntry {
  return {
    kind: 'STATUS_CHANGED',
    partner: change.partner.getEntity(),
    detail: { status: change.status, reason: change.reason, effectiveAt: change.effectiveAt.toISOString() },
  };
}

/** The CLIENT_ADDED entry of a new client. */
export function clientAdded(client: Client): AccessChangeEntry {
  return { kind: 'CLIENT_ADDED', client, detail: { clientKind: client.kind, scopes: [...client.allowedScopes] } };
}
