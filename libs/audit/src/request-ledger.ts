import type { EntityManager } from '@mikro-orm/postgresql';
import { LedgerChainHead, Order, Partner, ProvisionRecord, Subject } from '@provision/db';
import type { DenialReason, Person } from '@provision/domain';
import { CURRENT_LEDGER_HASH_VERSION, ledgerRowHash, type LedgerRowFields } from './ledger-hash.js';

/** Who is reading, fixed for the whole request: a partner's client, or an admin. */
export type LedgerCaller =
  | { actorKind: 'PARTNER'; partnerId: string; clientId: string; tokenId: string | null; requestId: string }
  | { actorKind: 'ADMIN'; clientId: string; tokenId: string | null; requestId: string; person: Person | null };

/** One decision about one item of one subject, as the partner API makes it (admins' reads are all releases). */
export interface ProvisionEvent {
  purpose: string;
  subjectId: string;
  orderId: string | null;
  item: string;
  /** null when the item was released; the reason when it was withheld. */
  denied: DenialReason | null;
}

interface Entry {
  purpose: string;
  subjectId: string;
  orderId: string | null;
  released: Set<string>;
  denied: Map<string, DenialReason>;
}

/** The hash chain of an actor: one per partner, one per admin client. */
export function chainKeyOf(caller: LedgerCaller): string {
  return caller.actorKind === 'PARTNER' ? `partner:${caller.partnerId}` : `admin:${caller.clientId}`;
}

// Creates the chain's head on first use and locks it in one statement: ON CONFLICT DO UPDATE takes
// the row lock, so concurrent writers of the same chain queue here (and only they), and each one
// reads the head its predecessor left.
const LOCK_HEAD_SQL = `insert into ledger_chain_heads (chain_key, last_seq, last_hash) values (?, 0, null)
  on conflict (chain_key) do update set chain_key = excluded.chain_key
  returning last_seq::text as "lastSeq", last_hash as "lastHash"`;

/**
 * The provision ledger of one request. Resolvers record every decision as they make it; the
 * gateway writes them all after execution and before the response leaves (`flush`), and when that
 * fails the gateway answers with an error instead of the data: nothing is released unrecorded.
 *
 * One row per subject (and order) per request: the items released, and the items denied with their
 * reasons. Rows never hold the personal values themselves. Each row is a link of its actor's hash
 * chain (see the README for why one chain per actor).
 */
export class RequestLedger {
  readonly #entries = new Map<string, Entry>();
  #flushed = false;

  constructor(private readonly caller: LedgerCaller | null) {}

  record(event: ProvisionEvent): void {
    if (this.caller === null) throw new Error('only a partner or admin request can release personal data');
    if (this.#flushed) throw new Error('the ledger of this request is already written');
    const key = `${event.purpose}\u0000${event.subjectId}\u0000${event.orderId ?? ''}`;
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = { purpose: event.purpose, subjectId: event.subjectId, orderId: event.orderId, released: new Set(), denied: new Map() };
      this.#entries.set(key, entry);
    }
    if (event.denied === null) entry.released.add(event.item);
    else entry.denied.set(event.item, event.denied);
  }

  /** Distinct subjects with at least one item released: what the partner's rate limit charges. */
  get releasedSubjects(): number {
    return new Set([...this.#entries.values()].filter((entry) => entry.released.size > 0).map((entry) => entry.subjectId)).size;
  }

  /** How many ledger rows `flush` will write. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * Appends every recorded decision to the caller's chain in one transaction: lock the chain head,
   * hash the rows in order, insert them with one multi-row INSERT, move the head. A no-op for a
   * request that touched no personal data.
   */
  async flush(em: EntityManager, occurredAt: Date): Promise<number> {
    this.#flushed = true;
    const caller = this.caller;
    if (caller === null || this.#entries.size === 0) return 0;
    const chainKey = chainKeyOf(caller);
    const partnerId = caller.actorKind === 'PARTNER' ? caller.partnerId : null;
    const person = caller.actorKind === 'ADMIN' ? caller.person : null;
    const entries = [...this.#entries.values()];
    return em.transactional(async (tx) => {
      const [head] = await tx.execute<{ lastSeq: string; lastHash: Buffer | null }[]>(LOCK_HEAD_SQL, [chainKey]);
      if (!head) throw new Error('the ledger chain head could not be locked');
      let seq = BigInt(head.lastSeq);
      let prevHash = head.lastHash;
      const rows = entries.map((entry) => {
        seq += 1n;
        const fields: LedgerRowFields = {
          chainKey,
          chainSeq: seq,
          occurredAt,
          actorKind: caller.actorKind,
          partnerId,
          clientId: caller.clientId,
          tokenId: caller.tokenId,
          hashVersion: CURRENT_LEDGER_HASH_VERSION,
          personSub: person?.sub ?? null,
          personName: person?.name ?? null,
          purpose: entry.purpose,
          subjectId: entry.subjectId,
          orderId: entry.orderId,
          itemsReleased: [...entry.released].sort(),
          itemsDenied: [...entry.denied].sort(([a], [b]) => a.localeCompare(b)).map(([item, reason]) => ({ item, reason })),
          requestId: caller.requestId,
        };
        const hash = ledgerRowHash(fields, prevHash);
        const row = {
          occurredAt,
          actorKind: caller.actorKind,
          partner: partnerId === null ? null : tx.getReference(Partner, partnerId),
          clientId: caller.clientId,
          tokenId: caller.tokenId,
          hashVersion: fields.hashVersion,
          personSub: fields.personSub,
          personName: fields.personName,
          purpose: entry.purpose,
          subject: tx.getReference(Subject, entry.subjectId),
          order: entry.orderId === null ? null : tx.getReference(Order, entry.orderId),
          itemsReleased: [...fields.itemsReleased],
          itemsDenied: [...fields.itemsDenied],
          requestId: caller.requestId,
          chainKey,
          chainSeq: seq,
          prevHash,
          hash,
        };
        prevHash = hash;
        return row;
      });
      await tx.insertMany(ProvisionRecord, rows);
      await tx.nativeUpdate(LedgerChainHead, { chainKey }, { lastSeq: seq, lastHash: prevHash });
      return rows.length;
    });
  }
}
