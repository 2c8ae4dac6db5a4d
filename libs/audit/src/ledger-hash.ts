import { createHash } from 'node:crypto';
import type { DeniedItem, LedgerActorKind } from '@provision/db';

/** Every recorded field of a ledger row that its hash covers: all but the row id and the hashes. */
export interface LedgerRowFields {
  chainKey: string;
  chainSeq: bigint;
  occurredAt: Date;
  actorKind: LedgerActorKind;
  partnerId: string | null;
  clientId: string;
  tokenId: string | null;
  purpose: string;
  subjectId: string;
  orderId: string | null;
  itemsReleased: readonly string[];
  itemsDenied: readonly DeniedItem[];
  requestId: string;
}

/** Names the encoding, so a future change of it can be told apart from tampering. */
const ENCODING = 'provision-record/1';

/** `<UTF-8 byte length>:<text>`, or `-` for null: self-delimiting, so no two field lists encode alike. */
function field(value: string | null): string {
  return value === null ? '-' : `${Buffer.byteLength(value, 'utf8')}:${value}`;
}

/** PostgreSQL prints uuids in lower case; hash them as they will read back. */
const uuid = (value: string | null) => (value === null ? null : value.toLowerCase());

/** The encoding of a row's fields around its position, which only the chain head decides. */
export interface EncodedAroundPosition {
  /** The encoding's name and the chain key. */
  before: Buffer;
  /** Every field after the position. */
  after: Buffer;
}

/**
 * The canonical encoding of a row without its position: its fields in a fixed order, each
 * length-prefixed. Lists are JSON arrays (denied items as `[item, reason]` pairs, since jsonb does
 * not keep object key order). The ledger writer hashes `before ‖ position ‖ after` in SQL, once
 * the chain head is locked; {@link encodeLedgerRow} is the same bytes for verification.
 */
export function encodeAroundPosition(row: Omit<LedgerRowFields, 'chainSeq'>): EncodedAroundPosition {
  const after = [
    row.occurredAt.toISOString(),
    row.actorKind,
    uuid(row.partnerId),
    row.clientId,
    row.tokenId,
    row.purpose,
    uuid(row.subjectId),
    uuid(row.orderId),
    JSON.stringify(row.itemsReleased),
    JSON.stringify(row.itemsDenied.map(({ item, reason }) => [item, reason])),
    row.requestId,
  ];
  return { before: encodeBeforePosition(row.chainKey), after: Buffer.from(after.map(field).join(''), 'utf8') };
}

/** The encoding's name and the chain key: what precedes the position in every row of a chain. */
export function encodeBeforePosition(chainKey: string): Buffer {
  return Buffer.from(field(ENCODING) + field(chainKey), 'utf8');
}

/** The canonical encoding of a whole row (see {@link encodeAroundPosition}). */
export function encodeLedgerRow(row: LedgerRowFields): Buffer {
  const { before, after } = encodeAroundPosition(row);
  return Buffer.concat([before, Buffer.from(field(row.chainSeq.toString()), 'utf8'), after]);
}

/** `SHA-256(encoding ‖ prevHash)`; `prevHash` is null for a chain's first row. */
export function ledgerRowHash(row: LedgerRowFields, prevHash: Buffer | null): Buffer {
  const digest = createHash('sha256').update(encodeLedgerRow(row));
  if (prevHash !== null) digest.update(prevHash);
  return digest.digest();
}
