import type { AccessChange, Client } from '@provision/db';
import { CLIENT_KINDS, isOneOf, LEGAL_BASES, PARTNER_KINDS, PARTNER_ROLES, PARTNER_STATUSES } from '@provision/domain';
import type { AccessChangeView } from './access-history.type.js';
import type { ClientView } from './client.type.js';
import type { GrantView } from './partner.type.js';
import { personView } from './person.type.js';

type Detail = Record<string, unknown>;

const text = (detail: Detail, key: string): string | null => (typeof detail[key] === 'string' ? detail[key] : null);
const oneOf = <const T extends string>(values: readonly T[], detail: Detail, key: string): T | null =>
  isOneOf(values, detail[key]) ? detail[key] : null;
const strings = (detail: Detail, key: string): string[] | null => {
  const value = detail[key];
  return Array.isArray(value) && value.every((entry) => typeof entry === 'string') ? value : null;
};
const instant = (detail: Detail, key: string): Date | null => {
  const value = text(detail, key);
  return value === null ? null : new Date(value);
};
const grantsOf = (detail: Detail): GrantView[] | null => {
  const value = detail['grants'];
  if (!Array.isArray(value)) return null;
  return value.map((grant: { item?: unknown; purpose?: unknown }) => ({ item: String(grant.item), purpose: String(grant.purpose) }));
};

/** One history entry with the fields of its kind's detail; the rest null. */
export function toAccessChangeView(entry: AccessChange): AccessChangeView {
  const detail = entry.detail;
  const scopeChange = entry.kind === 'CLIENT_SCOPES_CHANGED';
  return {
    id: String(entry.id),
    at: entry.at,
    actor: entry.actor,
    actorPerson: personView(entry.actorSub, entry.actorName),
    kind: entry.kind,
    partnerId: entry.partner?.id ?? null,
    partnerCode: entry.partner?.getEntity().code ?? null,
    clientId: entry.clientId,
    backfilled: detail['backfilled'] === true,
    partnerKind: oneOf(PARTNER_KINDS, detail, 'partnerKind'),
    role: oneOf(PARTNER_ROLES, detail, 'role'),
    parentPartnerCode: text(detail, 'parentPartnerCode'),
    country: text(detail, 'country'),
    agreementVersion: typeof detail['version'] === 'number' ? detail['version'] : null,
    grants: grantsOf(detail),
    retentionRule: text(detail, 'retentionRule'),
    legalBasis: oneOf(LEGAL_BASES, detail, 'legalBasis'),
    statute: text(detail, 'statute'),
    consentRequired: typeof detail['consentRequired'] === 'boolean' ? detail['consentRequired'] : null,
    effectiveFrom: instant(detail, 'effectiveFrom'),
    status: oneOf(PARTNER_STATUSES, detail, 'status'),
    effectiveAt: instant(detail, 'effectiveAt'),
    reason: text(detail, 'reason'),
    clientKind: oneOf(CLIENT_KINDS, detail, 'clientKind'),
    scopes: scopeChange ? null : strings(detail, 'scopes'),
    scopesBefore: scopeChange ? strings(detail, 'before') : null,
    scopesAfter: scopeChange ? strings(detail, 'after') : null,
    changedFields: strings(detail, 'changed'),
  };
}

export function toClientView(client: Client): ClientView {
  return {
    clientId: client.clientId,
    kind: client.kind,
    partnerId: client.partner?.id ?? null,
    scopes: [...client.allowedScopes].sort(),
    addedAt: client.addedAt,
    addedBy: client.addedBy,
    revokedAt: client.revokedAt,
  };
}
