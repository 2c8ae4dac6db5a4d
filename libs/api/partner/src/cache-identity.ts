// Why personal types carry a purpose-qualified `id` (docs/partners.md, "Caching"): a normalized
// client cache (Apollo Client, urql's Graphcache) keys an object by `__typename` and `id`. Were `id`
// the order's own id, an order read for `order.delivery` and the same order read for
// `service.gift-voucher` would be one cache entry, and values released for one purpose would be
// shown under the other without any request, decision or ledger record. With the purpose in the
// identity they are two entries; a client merges them only by opting in (its own key fields).

const SEPARATOR = '@';

/** `<entityId>@<purpose>`: the identity of an entity as released for one declared purpose. */
export function purposeQualifiedId(entityId: string, purpose: string | null): string {
  return purpose === null ? entityId : `${entityId}${SEPARATOR}${purpose}`;
}

/** The entity id inside an id given back by a client: a purpose-qualified `id` or the plain entity id. */
export function entityIdOf(id: string): string {
  const at = id.indexOf(SEPARATOR);
  return at === -1 ? id : id.slice(0, at);
}
