import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { Order, Partner, PartnerStatusChange, Subject } from '@provision/db';
import { InputError, statusAt, type PartnerKind, type PartnerRole, type PartnerStatus } from '@provision/domain';

// Look-ups the shop mutations share. Each refusal is an InputError on the field that named the
// missing or unsuitable record, and names the rule, never the id the shop sent.

/** What a mutation needs of the partner it binds to a subject. */
export interface PartnerRequirement {
  /** Path of the input field that names the partner. */
  field: string;
  role?: PartnerRole;
  kind?: PartnerKind;
  /** How the refusal calls what the partner should have been (`a seller`, `a consignee`). */
  expected?: string;
}

/** The subject the shop calls `shopSubjectId`; with `lock`, held FOR UPDATE until the transaction ends. */
export async function findSubject(
  em: EntityManager,
  shopSubjectId: string,
  field: string,
  lock = false,
): Promise<Subject> {
  const subject = await em.findOne(Subject, { shopSubjectId }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  if (!subject) throw new InputError(field, 'no subject with this shop id; upsert the subject first');
  return subject;
}

/** The order the shop calls `shopOrderId`; with `lock`, held FOR UPDATE so its timeline changes one at a time. */
export async function findOrder(em: EntityManager, shopOrderId: string, field: string, lock = false): Promise<Order> {
  const order = await em.findOne(Order, { shopOrderId }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  if (!order) throw new InputError(field, 'no order with this shop order id');
  return order;
}

/**
 * The partner with `code`, refused unless it has the required role or kind and is ACTIVE now: a
 * new engagement must not bind a subject to a partner that may not receive anything.
 */
export async function findActivePartner(
  em: EntityManager,
  code: string,
  now: Date,
  { field, role, kind, expected }: PartnerRequirement,
): Promise<Partner> {
  const partner = await em.findOne(Partner, { code });
  if (!partner) throw new InputError(field, 'no partner with this code');
  if ((role !== undefined && partner.role !== role) || (kind !== undefined && partner.kind !== kind)) {
    throw new InputError(field, `partner is not ${expected ?? 'suitable'}`);
  }
  const history = await em.find(PartnerStatusChange, { partner }, { orderBy: { effectiveAt: 'asc', recordedAt: 'asc' } });
  const status = statusOrNull(history, now);
  if (status !== 'ACTIVE') throw new InputError(field, `partner is ${status === null ? 'not registered yet' : status.toLowerCase()}`);
  return partner;
}

function statusOrNull(history: PartnerStatusChange[], at: Date): PartnerStatus | null {
  try {
    return statusAt(history, at);
  } catch (error) {
    // statusAt has no answer before registration; for a look-up that simply means "not active".
    if (error instanceof RangeError) return null;
    throw error;
  }
}
