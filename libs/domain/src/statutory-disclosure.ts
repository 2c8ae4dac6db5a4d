import { InputError } from './errors.js';
import { isGrantableItem, ITEM_CATALOG, ITEM_KEYS, type ItemKey } from './item.catalog.js';
import { purposeCovers, type PurposeKey } from './purpose.catalog.js';
import { isCalendarDate, seoulDayOf, startOfSeoulDay } from './seoul-time.js';
import { isCitableStatute, STATUTE_CATALOG, type StatuteKey } from './statute.catalog.js';

/** The most subjects one statutory disclosure may name: a warrant names people, not a population. */
export const MAX_DISCLOSURE_SUBJECTS = 100;

/** The purpose group every statutory disclosure's purpose belongs to. */
const STATUTORY_PURPOSE = 'statutory';

/**
 * A provision without the subject's consent under a statute (PIPA Art. 18(2)2, 7): what an admin
 * records from an authority's request document, before any check.
 */
export interface StatutoryDisclosureDraft {
  readonly statute: string;
  readonly documentDate: string;
  readonly shopSubjectIds: readonly string[];
  readonly items: readonly string[];
  /** The Seoul calendar day until which the law lets the shop defer telling the subject; null: not deferred. */
  readonly notifySubjectDeferredUntil: string | null;
  readonly deferralReason: string | null;
}

/** A draft that passed every rule, normalized for storage. */
export interface ValidatedStatutoryDisclosure {
  readonly statute: StatuteKey;
  /** The cited article's purpose (`statutory.investigation`, …): the purpose its ledger rows carry. */
  readonly purpose: PurposeKey;
  readonly documentDate: string;
  /** De-duplicated, in the order given. */
  readonly shopSubjectIds: readonly string[];
  /** De-duplicated, in catalog order. */
  readonly items: readonly ItemKey[];
  readonly deferral: { readonly until: string; readonly reason: string } | null;
}

/** The article cited, which must be one an authority requests data under (a `statutory.*` purpose). */
function validateStatute(statute: string): { statute: StatuteKey; purpose: PurposeKey } {
  if (!isCitableStatute(statute)) {
    throw new InputError('statute', STATUTE_CATALOG.has(statute) ? 'names an act; cite one of its articles' : 'is not an article of the statute catalog');
  }
  const purpose = STATUTE_CATALOG.get(statute)?.purpose ?? null;
  if (purpose === null || !purposeCovers(STATUTORY_PURPOSE, purpose)) {
    throw new InputError('statute', "is the basis of a partner's standing agreement, not of a request by an authority");
  }
  return { statute, purpose };
}

/** The subject's own items (not those seen through an order, like `receiver.name`), in catalog order. */
function validateItems(items: readonly string[]): ItemKey[] {
  if (items.length === 0) throw new InputError('items', 'at least one item is required');
  items.forEach((item, index) => {
    if (!isGrantableItem(item)) {
      throw new InputError(`items[${index}]`, ITEM_CATALOG.has(item) ? 'is a group of items; name its items one by one' : 'is not an item of the item catalog');
    }
    if (ITEM_CATALOG.parentOf(item) !== null) throw new InputError(`items[${index}]`, "is an order's item; name the subject's own item");
  });
  const wanted = new Set(items);
  return ITEM_KEYS.filter((key) => wanted.has(key));
}

/**
 * Checks a statutory disclosure before it is recorded and released, and normalizes it.
 * Rules: the statute is a citable article whose purpose is a `statutory` one; the document is dated
 * on a calendar day not after today (Seoul); 1–{@link MAX_DISCLOSURE_SUBJECTS} subjects; at least
 * one item, each a subject's own releasable item; a deferral of the notice to the subject has both a
 * day after today and a reason, or neither.
 * @throws InputError naming the first offending field
 */
export function validateStatutoryDisclosure(draft: StatutoryDisclosureDraft, now: Date): ValidatedStatutoryDisclosure {
  const { statute, purpose } = validateStatute(draft.statute);
  const today = seoulDayOf(now);
  if (!isCalendarDate(draft.documentDate)) throw new InputError('documentDate', 'must be a calendar date YYYY-MM-DD');
  if (draft.documentDate > today) throw new InputError('documentDate', 'must not be after today (Seoul)');
  const shopSubjectIds = [...new Set(draft.shopSubjectIds)];
  if (shopSubjectIds.length === 0) throw new InputError('shopSubjectIds', 'at least one subject is required');
  if (shopSubjectIds.length > MAX_DISCLOSURE_SUBJECTS) throw new InputError('shopSubjectIds', `at most ${MAX_DISCLOSURE_SUBJECTS} subjects`);
  const items = validateItems(draft.items);
  const { notifySubjectDeferredUntil: until, deferralReason: reason } = draft;
  if (until === null) {
    if (reason !== null) throw new InputError('deferralReason', 'is given only with notifySubjectDeferredUntil');
    return { statute, purpose, documentDate: draft.documentDate, shopSubjectIds, items, deferral: null };
  }
  if (!isCalendarDate(until)) throw new InputError('notifySubjectDeferredUntil', 'must be a calendar date YYYY-MM-DD');
  if (until <= today) throw new InputError('notifySubjectDeferredUntil', 'must be after today (Seoul)');
  if (reason === null) throw new InputError('deferralReason', 'a deferred notice names the provision of law that defers it');
  return { statute, purpose, documentDate: draft.documentDate, shopSubjectIds, items, deferral: { until, reason } };
}

/**
 * Whether the subject may be told of a disclosure now: always, unless the law defers it, and then
 * from the beginning of the Seoul day `deferredUntil`.
 */
export function isDisclosureNotifiable(deferredUntil: string | null, now: Date): boolean {
  return deferredUntil === null || startOfSeoulDay(deferredUntil).getTime() <= now.getTime();
}
