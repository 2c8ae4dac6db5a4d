import type { EntityManager } from '@mikro-orm/postgresql';
import { Order, Partner, ProvisionRecord, Subject } from '@provision/db';
import type { DenialReason } from '@provision/domain';

/** Who is reading, fixed for the whole request. */
export interface LedgerCaller {
  partnerId: string;
  clientId: string;
  tokenId: string | null;
  requestId: string;
}

/** One decision about one item of one subject, as the partner API makes it. */
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

/**
 * The provision ledger of one request. Resolvers record every decision as they make it; the
 * gateway writes them all with one multi-row INSERT after execution and before the response leaves
 * (`flush`). That INSERT is a single statement, so it lands whole or not at all, and when it fails
 * the gateway answers with an error instead of the data: nothing is released unrecorded.
 *
 * One row per subject (and order) per request: the items released, and the items denied with their
 * reasons. Rows never hold the personal values themselves.
 */
export class RequestLedger {
  readonly #entries = new Map<string, Entry>();
  #flushed = false;

  constructor(private readonly caller: LedgerCaller | null) {}

  record(event: ProvisionEvent): void {
    if (this.caller === null) throw new Error('only a partner request can release personal data');
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

  /** Writes every recorded decision in one INSERT; a no-op for a request that touched no personal data. */
  async flush(em: EntityManager, occurredAt: Date): Promise<number> {
    this.#flushed = true;
    if (this.caller === null || this.#entries.size === 0) return 0;
    const { partnerId, clientId, tokenId, requestId } = this.caller;
    const rows = [...this.#entries.values()].map((entry) => ({
      occurredAt,
      partner: em.getReference(Partner, partnerId),
      clientId,
      tokenId,
      purpose: entry.purpose,
      subject: em.getReference(Subject, entry.subjectId),
      order: entry.orderId === null ? null : em.getReference(Order, entry.orderId),
      itemsReleased: [...entry.released].sort(),
      itemsDenied: [...entry.denied].sort(([a], [b]) => a.localeCompare(b)).map(([item, reason]) => ({ item, reason })),
      requestId,
    }));
    await em.insertMany(ProvisionRecord, rows);
    return rows.length;
  }
}
