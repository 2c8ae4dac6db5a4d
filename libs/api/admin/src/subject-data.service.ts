import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestLedger } from '@provision/audit';
import type { Keyring } from '@provision/crypto';
import { itemValue, Subject } from '@provision/db';
import { ITEM_CATALOG, isGrantableItem, type ItemKey } from '@provision/domain';

/** One subject's stored personal values, by item. */
export interface SubjectPersonalData {
  shopSubjectId: string;
  purpose: string;
  /** The subject's own items (not those seen through an order, like `receiver.name`) that hold a value, in catalog order. */
  values: { item: ItemKey; label: { en: string; ko: string }; value: string }[];
}

/**
 * Admin reads of a subject's personal values. Every item returned is first recorded in the
 * request's ledger (the admin's chain), and the gateway writes that ledger before the response
 * leaves: if the write fails, the admin gets an error and no values.
 */
export class SubjectDataService {
  constructor(
    private readonly em: EntityManager,
    private readonly ledger: RequestLedger,
    private readonly keyring: Keyring,
  ) {}

  /** The values the shop holds of the subject with this shop id, or null when there is none. */
  async personalData(shopSubjectId: string, purpose: string): Promise<SubjectPersonalData | null> {
    const subject = await this.em.findOne(Subject, { shopSubjectId });
    if (!subject) return null;
    const values = ITEM_CATALOG.entries().flatMap(({ key: item, label }) => {
      if (!isGrantableItem(item) || ITEM_CATALOG.parentOf(item) !== null) return [];
      const value = itemValue(subject, item, this.keyring);
      return value === null ? [] : [{ item, label, value }];
    });
    for (const { item } of values) {
      this.ledger.record({ purpose, subjectId: subject.id, orderId: null, item, denied: null });
    }
    return { shopSubjectId, purpose, values };
  }
}
