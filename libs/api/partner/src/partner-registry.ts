import type { ClientKind, DenialReason } from '@provision/domain';
import type pg from 'pg';
import { PreparedStatements, SqlParams } from '@provision/db';
import { rateTakeCte, type RateLimitDefaults, type RateTakeRow, type RateVerdict, rateVerdictOf } from '@provision/quotas';
import { LedgerLanes } from './ledger-lanes.js';
import { PlacesToday } from './places-today.js';
import { PARTNER_FACTS_SQL, type PartnerFacts, partnerFactsOf, type PartnerFactsJson } from './partner-facts.js';

/** A client's registration row, read afresh on every request (never cached). */
export interface ClientRow {
  clientId: string;
  kind: ClientKind;
  partnerId: string | null;
  allowedScopes: readonly string[];
  revokedAt: Date | null;
}

/** What one request's admission statement found: the client, its partner's facts, the rate-limit verdict. */
export interface Admission {
  /** null: no client with this id is registered. */
  client: ClientRow | null;
  /** The facts of the client's partner, at the registry version read in the same statement; null without a partner. */
  partner: PartnerFacts | null;
  /** The rate-limit bucket's answer; null when nothing was taken (no partner, or a revoked client). */
  rate: RateVerdict | null;
}

/**
 * What the gateway counts of partner requests (its `/metrics`). Partner codes, items and reasons
 * only: nothing about a subject crosses it. Called synchronously; it must not throw.
 */
export interface ProvisionObserver {
  /** `fields` personal fields of one item decided alike and answered: released (`reason` null) or denied. */
  decided(partnerCode: string, item: string, reason: DenialReason | null, fields: number): void;
  /** One batch's ledger write: how long it took, and whether it was stored (if not, nothing of it is released). */
  ledgerWritten(seconds: number, stored: boolean): void;
}

export interface PartnerRegistryOptions {
  /** Every partner's bucket unless its agreement in force sets its own. */
  rateLimit: RateLimitDefaults;
  /** Partners whose facts are kept; the least recently used go first. Default 10,000. */
  maxPartners?: number;
  /** Hash chains per partner that its concurrent requests append to (see `LedgerLanes`); default 8. */
  ledgerLanes?: number;
  /** Whether partner requests' statements are prepared once per connection (see `PreparedStatements`); default true. */
  preparedStatements?: boolean;
  /** Told of every decision and ledger write of this process's partner requests; none by default. */
  observer?: ProvisionObserver;
}

interface Cached {
  version: string;
  facts: PartnerFacts;
}

interface AdmissionRow {
  client_id: string;
  kind: ClientKind;
  partner_id: string | null;
  allowed_scopes: string[];
  revoked_at_ms: number | null;
  registry_version: string | null;
  facts: PartnerFactsJson | null;
  tokens: number | null;
  admitted: boolean | null;
  refill_per_second: number | null;
}

/**
 * The partner facts every partner request decides with, kept in memory per gateway process, and
 * the one statement that admits a request: the client's registration, its partner's registry
 * version (and facts, only when the cached copy is of another version) and the rate-limit take.
 *
 * Why a cached copy can never serve a stale decision: `partners.registry_version` moves, by trigger,
 * in the same transaction as any change of the partner row, its status history, its agreements or
 * their grants (migration `partner_registry_version`). Every request reads the version in its
 * admission statement, and uses the cached facts only if they were read at exactly that version —
 * otherwise the same statement, in the same snapshot, returns the facts of that version. So a
 * request sees every change committed before its admission statement began, on every replica, as
 * if it had read the tables themselves; nothing is invalidated by messages that could be lost or
 * late (no LISTEN, which PgBouncer's transaction mode would not carry anyway). The client row
 * (revocation, scopes) is read afresh every time. Status and agreement in force depend on the
 * instant, so they are derived from the cached history per request, never cached themselves.
 */
export class PartnerRegistry {
  readonly #cache = new Map<string, Cached>();
  /** Which partner a client belongs to, as last seen: tells the statement which cached version to compare. */
  readonly #partnerOfClient = new Map<string, string>();
  readonly #maxPartners: number;
  /** The ledger lanes of this process's partner requests. */
  readonly lanes: LedgerLanes;
  /** The names of this process's partner-request statements. */
  readonly statements: PreparedStatements;
  /** The subjects this process has seen hold a place under their partner's daily ceiling today. */
  readonly placesToday = new PlacesToday();
  /** Told of this process's partner decisions and ledger writes. */
  readonly observer: ProvisionObserver | null;

  constructor(private readonly options: PartnerRegistryOptions) {
    this.#maxPartners = options.maxPartners ?? 10_000;
    this.observer = options.observer ?? null;
    this.lanes = new LedgerLanes(options.ledgerLanes ?? 8);
    this.statements = new PreparedStatements(options.preparedStatements ?? true);
  }

  /**
   * One statement: the client's registration, its partner's registry version and — only when the
   * cache holds another version — the partner's facts, and one token of the partner's rate-limit
   * bucket (taken for a partner client that is not revoked; a partner that turns out not to be
   * ACTIVE is refused afterwards, its token spent).
   */
  async admit(db: pg.Pool, clientId: string, now: Date): Promise<Admission> {
    const knownPartner = this.#partnerOfClient.get(clientId);
    const cached = knownPartner === undefined ? undefined : this.#cache.get(knownPartner);
    const params = new SqlParams();
    const client = params.add(clientId, 'text');
    const text = `with client as (
  select client_id, kind, partner_id, allowed_scopes, revoked_at from clients where client_id = ${client}
), partner as (
  select p.id, p.registry_version::text as registry_version,
         case when p.id = ${params.add(knownPartner ?? null, 'uuid')} and p.registry_version = ${params.add(cached?.version ?? null, 'bigint')}
              then null else ${PARTNER_FACTS_SQL} end as facts
    from partners p where p.id = (select partner_id from client)
), ${rateTakeCte(params, '(select partner_id from client where revoked_at is null)', now, this.options.rateLimit)}
select c.client_id, c.kind, c.partner_id, c.allowed_scopes, (extract(epoch from c.revoked_at) * 1000)::float8 as revoked_at_ms,
       p.registry_version, p.facts, t.tokens, t.admitted, t.refill_per_second
  from client c left join partner p on true left join rate_take t on true`;
    const { rows } = await db.query<AdmissionRow>(this.statements.of(text, params.values));
    const row = rows[0];
    if (row === undefined) return { client: null, partner: null, rate: null };
    return {
      client: {
        clientId: row.client_id,
        kind: row.kind,
        partnerId: row.partner_id,
        allowedScopes: row.allowed_scopes,
        revokedAt: row.revoked_at_ms === null ? null : new Date(row.revoked_at_ms),
      },
      partner: this.#factsOf(row, cached),
      rate: row.admitted === null ? null : rateVerdictOf(row as RateTakeRow),
    };
  }

  #factsOf(row: AdmissionRow, cached: Cached | undefined): PartnerFacts | null {
    if (row.partner_id === null || row.registry_version === null) return null;
    this.#partnerOfClient.set(row.client_id, row.partner_id);
    // No facts: the statement found the partner at exactly the version of `cached`.
    const entry = row.facts === null ? cached : { version: row.registry_version, facts: partnerFactsOf(row.facts) };
    if (entry === undefined) throw new Error('the admission statement answered no facts for an uncached partner');
    this.#remember(row.partner_id, entry);
    return entry.facts;
  }

  #remember(partnerId: string, entry: Cached): void {
    // Re-inserted at the end: Map keeps insertion order, so the first key is the least recently used.
    this.#cache.delete(partnerId);
    this.#cache.set(partnerId, entry);
    const [leastRecent] = this.#cache.keys();
    if (this.#cache.size > this.#maxPartners && leastRecent !== undefined) this.#cache.delete(leastRecent);
    if (this.#partnerOfClient.size > 10 * this.#maxPartners) this.#partnerOfClient.clear();
  }
}
