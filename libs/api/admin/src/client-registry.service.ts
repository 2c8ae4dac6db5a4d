import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { AgreementGrant, Client, clientAdded, Partner, PartnerStatusChange, recordAccessChange } from '@provision/db';
import { type Actor, InputError, isKnownScope, itemOfScope, statusAt, type ClientKind } from '@provision/domain';
import type { Clock } from '@provision/util';
import type { AddClientInput, ChangeClientScopesInput, RevokeClientInput } from './client.input.js';

/** The fixed scopes each kind of client may hold; PARTNER clients may also hold `pii:` scopes. */
const FIXED_SCOPES_OF: Record<ClientKind, readonly string[]> = {
  PARTNER: ['partner:read'],
  SHOP: ['shop:read', 'shop:write'],
  ADMIN: ['admin:read', 'admin:write'],
};

/**
 * Clients of the gateway — partner systems, the shop's backend, admins — added, given new scopes
 * and revoked by an admin. Each change runs in one transaction with its permission-history entry;
 * clients are never deleted, and a revoked client's tokens are refused at once (the gateway reads
 * the registration on every request).
 */
export class ClientRegistryService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    /** The admin making the change (client and person). */
    private readonly actor: Actor,
  ) {}

  async addClient(input: AddClientInput): Promise<Client> {
    return this.em.transactional(async (em) => {
      const partner = await this.partnerOf(em, input);
      if (await em.count(Client, { clientId: input.clientId })) {
        throw new InputError('clientId', 'client id is already registered (revoked ids are not reused)');
      }
      const scopes = await this.checkScopes(em, input.kind, partner, input.scopes);
      const now = this.clock.now();
      const client = em.create(Client, {
        clientId: input.clientId,
        kind: input.kind,
        partner,
        allowedScopes: scopes,
        addedAt: now,
        addedBy: this.actor.clientId,
      });
      recordAccessChange(em, now, this.actor, clientAdded(client));
      await em.flush();
      return client;
    });
  }

  /** Replaces a client's scopes; the same set again changes (and records) nothing. */
  async changeScopes(input: ChangeClientScopesInput): Promise<Client> {
    return this.em.transactional(async (em) => {
      const client = await this.lockActiveClient(em, input.clientId);
      const partner = client.partner ? await em.findOneOrFail(Partner, { id: client.partner.id }) : null;
      const after = await this.checkScopes(em, client.kind, partner, input.scopes);
      const before = [...client.allowedScopes].sort();
      if (before.join(' ') === after.join(' ')) return client;
      client.allowedScopes = after;
      recordAccessChange(em, this.clock.now(), this.actor, {
        kind: 'CLIENT_SCOPES_CHANGED',
        client,
        detail: { before, after, reason: input.reason },
      });
      await em.flush();
      return client;
    });
  }

  async revoke(input: RevokeClientInput): Promise<Client> {
    if (input.clientId === this.actor.clientId) {
      throw new InputError('clientId', 'an admin cannot revoke the client it is calling with; ask another admin');
    }
    return this.em.transactional(async (em) => {
      const client = await this.lockActiveClient(em, input.clientId);
      const now = this.clock.now();
      client.revokedAt = now;
      recordAccessChange(em, now, this.actor, {
        kind: 'CLIENT_REVOKED',
        client,
        detail: { clientKind: client.kind, scopes: [...client.allowedScopes], reason: input.reason },
      });
      await em.flush();
      return client;
    });
  }

  /** The partner of a new PARTNER client (not terminated), or null for SHOP and ADMIN clients. */
  private async partnerOf(em: EntityManager, input: AddClientInput): Promise<Partner | null> {
    if (input.kind !== 'PARTNER') {
      if (input.partnerId) throw new InputError('partnerId', `a ${input.kind} client has no partner`);
      return null;
    }
    if (!input.partnerId) throw new InputError('partnerId', 'a PARTNER client needs its partner');
    const partner = await em.findOne(Partner, { id: input.partnerId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!partner) throw new InputError('partnerId', 'no partner with this id');
    const history = await em.find(PartnerStatusChange, { partner }, { orderBy: { effectiveAt: 'asc', recordedAt: 'asc' } });
    if (statusAt(history, this.clock.now()) === 'TERMINATED') {
      throw new InputError('partnerId', 'the partnership is terminated');
    }
    return partner;
  }

  /**
   * The scopes, sorted, if every one is known and fits the client's kind; a partner's client may
   * ask only for items some agreement version of its partner grants (the agreement still decides
   * what is released). Throws an InputError naming the first bad entry.
   */
  private async checkScopes(em: EntityManager, kind: ClientKind, partner: Partner | null, scopes: string[]): Promise<string[]> {
    const granted = partner
      ? new Set((await em.find(AgreementGrant, { agreement: { partner } }, { fields: ['item'] })).map((grant) => grant.item))
      : new Set<string>();
    scopes.forEach((scope, index) => {
      const field = `scopes[${index}]`;
      if (scopes.indexOf(scope) !== index) throw new InputError(field, 'scope is listed twice');
      if (!isKnownScope(scope)) throw new InputError(field, 'not a scope this service knows');
      const item = itemOfScope(scope);
      if (item === null && !FIXED_SCOPES_OF[kind].includes(scope)) {
        throw new InputError(field, `a ${kind} client may not hold this scope`);
      }
      if (item !== null && kind !== 'PARTNER') throw new InputError(field, `a ${kind} client may not hold item scopes`);
      if (item !== null && !granted.has(item)) {
        throw new InputError(field, 'no agreement version of the partner grants this item');
      }
    });
    return [...scopes].sort();
  }

  private async lockActiveClient(em: EntityManager, clientId: string): Promise<Client> {
    const client = await em.findOne(Client, { clientId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!client) throw new InputError('clientId', 'no client with this id');
    if (client.revokedAt !== null) throw new InputError('clientId', 'the client is revoked');
    return client;
  }
}
