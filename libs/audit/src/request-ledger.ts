import type { DenialReason } from '@provision/domain';
import type { Queryable } from '@provision/db';
import { appendLedgerEntries, type LedgerCaller, type LedgerEntry } from './chain-append.js';

/** One decision about one item of one subject, as the partner API makes it (admins' reads are all releases). */
export interface ProvisionEvent {
  purpose: string;
  subjectId: string;
  orderId: string | null;
  item: string;
  /** null when the item was released; the reason when it was withheld. */
  denied: DenialReason | null;
}

/**
 * Groups decisions into ledger entries: one per subject (and order) and purpose, with the items
 * released and the items denied with their reasons, each sorted by UTF-16 code units (as `Array.prototype.sort`
 * does, whatever the locale) — the order the hash encodes.
 */
export function ledgerEntriesOf(events: Iterable<ProvisionEvent>): LedgerEntry[] {
  interface Grouped {
    purpose: string;
    subjectId: string;
    orderId: string | null;
    released: Set<string>;
    denied: Map<string, DenialReason>;
  }
  const entries = new Map<string, Grouped>();
  let entry: Grouped | undefined;
  for (const event of events) {
    // A subject's decisions mostly come one after another: only a new one is looked up by key.
    if (entry === undefined || entry.purpose !== event.purpose || entry.subjectId !== event.subjectId || entry.orderId !== event.orderId) {
      const key = `${event.purpose}\u0000${event.subjectId}\u0000${event.orderId ?? ''}`;
      entry = entries.get(key);
      if (entry === undefined) {
        entry = { purpose: event.purpose, subjectId: event.subjectId, orderId: event.orderId, released: new Set(), denied: new Map() };
        entries.set(key, entry);
      }
    }
    if (event.denied === null) entry.released.add(event.item);
    else entry.denied.set(event.item, event.denied);
  }
  return [...entries.values()].map(({ purpose, subjectId, orderId, released, denied }) => ({
    purpose,
    subjectId,
    orderId,
    itemsReleased: [...released].sort(),
    itemsDenied: [...denied.keys()].sort().map((item) => ({ item, reason: denied.get(item) as DenialReason })),
  }));
}

/**
 * The provision ledger of one request whose releases are written after execution: the admin
 * API's reads of personal data (the partner API writes its releases as it decides them, see
 * `@provision/api-partner`). Resolvers record every decision as they make it; the gateway writes
 * them all before the response leaves (`flush`), and when that fails the gateway answers with an
 * error instead of the data: nothing is released unrecorded.
 *
 * One row per subject (and order) per request: the items released, and the items denied with their
 * reasons. Rows never hold the personal values themselves. Each row is a link of its actor's hash
 * chain (see the README for why one chain per actor).
 */
export class RequestLedger {
  readonly #events: ProvisionEvent[] = [];
  #flushed = false;

  constructor(private readonly caller: LedgerCaller | null) {}

  record(event: ProvisionEvent): void {
    if (this.caller === null) throw new Error('only a partner or admin request can release personal data');
    if (this.#flushed) throw new Error('the ledger of this request is already written');
    this.#events.push(event);
  }

  /**
   * Appends every recorded decision to the caller's chain in one statement (`appendLedgerEntries`).
   * A no-op for a request that touched no personal data.
   */
  async flush(db: Queryable, occurredAt: Date): Promise<number> {
    this.#flushed = true;
    if (this.caller === null) return 0;
    return appendLedgerEntries(db, this.caller, occurredAt, ledgerEntriesOf(this.#events));
  }
}
