/** A label in the two languages the disclosure tables are published in. */
export interface Label {
  readonly en: string;
  readonly ko: string;
}

/** What every catalog entry has: a hierarchical dotted key and its labels. */
export interface CatalogEntry<K extends string = string> {
  readonly key: K;
  readonly label: Label;
}

/**
 * A fixed tree of entries addressed by dotted keys: `order.delivery` is a child of `order`.
 * Built once from data and checked at construction, so a broken catalog fails at start-up,
 * never in the middle of a decision.
 */
export interface Catalog<E extends CatalogEntry> {
  /** The entry with this key, or undefined when the catalog has none. */
  get(key: string): E | undefined;
  /** Whether the catalog has an entry with this key. */
  has(key: string): key is E['key'];
  /** The parent entry, or null for a top-level entry. Throws for an unknown key. */
  parentOf(key: string): E | null;
  /** Direct children, in catalog order. Throws for an unknown key. */
  childrenOf(key: string): readonly E[];
  /** All ancestors, nearest first (`a.b.c` → `a.b`, `a`). Throws for an unknown key. */
  ancestorsOf(key: string): readonly E[];
  /**
   * Whether granting `grantedKey` also grants `requestedKey`: a key covers itself and all its
   * descendants. False when either key is unknown, so a typo can never widen access.
   */
  covers(grantedKey: string, requestedKey: string): boolean;
  /** All entries in the order they were given. */
  entries(): readonly E[];
  /** All keys in the order they were given. */
  keys(): readonly E['key'][];
}

// Letters, digits and inner dashes per segment: safe in scopes (`pii:receiver.name`), URLs and logs.
const SEGMENT = /^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*$/;

/** The key of the parent of a dotted key, or null for a top-level key (`order.delivery` → `order`). */
export function parentKey(key: string): string | null {
  const dot = key.lastIndexOf('.');
  return dot === -1 ? null : key.slice(0, dot);
}

/**
 * Builds a catalog and checks it: every key well formed and unique, every label present in both
 * languages, every parent present. Throws an Error naming the first offending key.
 */
export function createCatalog<E extends CatalogEntry>(entries: readonly E[]): Catalog<E> {
  const byKey = new Map<string, E>();
  for (const entry of entries) {
    if (!entry.key.split('.').every((segment) => SEGMENT.test(segment))) {
      throw new Error(`catalog key "${entry.key}" is not a dotted key of letters, digits and dashes`);
    }
    if (byKey.has(entry.key)) throw new Error(`catalog key "${entry.key}" is listed twice`);
    if (!entry.label.en.trim() || !entry.label.ko.trim()) {
      throw new Error(`catalog key "${entry.key}" needs both an English and a Korean label`);
    }
    byKey.set(entry.key, entry);
  }
  for (const entry of entries) {
    const parent = parentKey(entry.key);
    if (parent !== null && !byKey.has(parent)) {
      throw new Error(`catalog key "${entry.key}" has no parent entry "${parent}"`);
    }
  }

  const frozen = Object.freeze([...entries]);
  const keys = Object.freeze(frozen.map((entry) => entry.key));
  const known = (key: string): E => {
    const entry = byKey.get(key);
    if (!entry) throw new RangeError(`unknown catalog key "${key}"`);
    return entry;
  };

  return {
    get: (key) => byKey.get(key),
    has: (key): key is E['key'] => byKey.has(key),
    parentOf(key) {
      const parent = parentKey(known(key).key);
      return parent === null ? null : known(parent);
    },
    childrenOf(key) {
      known(key);
      return frozen.filter((entry) => parentKey(entry.key) === key);
    },
    ancestorsOf(key) {
      const ancestors: E[] = [];
      for (let parent = parentKey(known(key).key); parent !== null; parent = parentKey(parent)) {
        ancestors.push(known(parent));
      }
      return ancestors;
    },
    covers(grantedKey, requestedKey) {
      if (!byKey.has(grantedKey) || !byKey.has(requestedKey)) return false;
      // The key itself or one that goes on with a dot, checked without building `${grantedKey}.`:
      // the decision asks this for every field it decides.
      return (
        requestedKey.startsWith(grantedKey) &&
        (requestedKey.length === grantedKey.length || requestedKey[grantedKey.length] === '.')
      );
    },
    entries: () => frozen,
    keys: () => keys,
  };
}
