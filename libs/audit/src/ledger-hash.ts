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
  /** Which encoding the row's hash covers: one of {@link LEDGER_HASH_VERSIONS}. */
  hashVersion: number;
  /** The admin person who read (version 2 only; null for partners and machine clients). */
  personSub: string | null;
  personName: string | null;
  purpose: string;
  subjectId: string;
  orderId: string | null;
  itemsReleased: readonly string[];
  itemsDenied: readonly DeniedItem[];
  requestId: string;
}

/**
 * Encoding versions. Each row stores the version it was hashed with, and verification re-encodes it
 * the same way, so a new version never breaks the rows written before it:
 * - 1: the fields up to the request id;
 * - 2: also the admin person (`sub`, `name`) after the token id.
 */
export const LEDGER_HASH_VERSIONS = [1, 2] as const;
export type LedgerHashVersion = (typeof LEDGER_HASH_VERSIONS)[number];
/** The version every new row is written with. */
export const CURRENT_LEDGER_HASH_VERSION: LedgerHashVersion = 2;

/** `<UTF-8 byte length>:<text>`, or `-` for null: self-delimiting, so no two field lists encode alike. */
function field(value: string | null): string {
  return value === null ? '-' : `${Buffer.byteLength(value, 'utf8')}:${value}`;
}

/** PostgreSQL prints uuids in lower case; hash them as they will read back. */
const uuid = (value: string | null) => (value === null ? null : value.toLowerCase());

/** The encoding of a row's fields around its position, which only the chain head decides. */
export interface EncodedAroundPosition {
  /** The version tag and the chain key. */
  before: Buffer;
  /** Every field after the position. */
  after: Buffer;
}

/** The version tag and the chain key: what precedes the position in the encoding of a row. */
export function encodeBeforePosition(hashVersion: number, chainKey: string): Buffer {
  if (!(LEDGER_HASH_VERSIONS as readonly number[]).includes(hashVersion)) throw new RangeError(`unknown ledger hash version ${hashVersion}`);
  return Buffer.from(field(`provision-record/${hashVersion}`) + field(chainKey), 'utf8');
}

/** The fields of a row that one writer's rows share: who, when, and in which request. */
export type LedgerCallerFields = Omit<LedgerRowFields, 'chainKey' | 'chainSeq' | 'purpose' | 'subjectId' | 'orderId' | 'itemsReleased' | 'itemsDenied'>;

/** The released items of a row as its encoding holds them: a JSON array. */
const releasedText = (items: readonly string[]): string => JSON.stringify(items);

/** The denied items of a row as its encoding holds them: a JSON array of `[item, reason]` pairs (jsonb does not keep key order). */
const deniedText = (items: readonly DeniedItem[]): string => JSON.stringify(items.map(({ item, reason }) => [item, reason]));

/** The caller's fields around a row's own ones, encoded once for all the rows one writer appends (see {@link encodeAfterPosition}). */
export interface EncodedCallerFields {
  /** The caller's fields that precede the row's own (time, actor, partner, client, token, person). */
  lead: string;
  /** The caller's fields that follow them (the request id). */
  tail: string;
}

/**
 * The caller's fields after the position, in two parts: `lead` precedes the entry's own fields
 * (purpose, subject, order, released and denied items) and `tail` follows them.
 */
export function encodeCallerFields(row: LedgerCallerFields): EncodedCallerFields {
  const person = row.hashVersion >= 2 ? [row.personSub, row.personName] : [];
  const lead = [row.occurredAt.toISOString(), row.actorKind, uuid(row.partnerId), row.clientId, row.tokenId, ...person];
  return { lead: lead.map(field).join(''), tail: field(row.requestId) };
}

/** A row's own fields: what it says of one subject (and order) for one purpose. */
export type LedgerEntryFields = Pick<LedgerRowFields, 'purpose' | 'subjectId' | 'orderId' | 'itemsReleased' | 'itemsDenied'>;

/**
 * Every field of a row after its position, as text (the encoding is its UTF-8 bytes): the caller's
 * (encoded once, {@link encodeCallerFields}) around the entry's purpose, subject, order, released
 * items ({@link releasedText}) and denied items ({@link deniedText}). The ledger writer computes it
 * for each row it appends and the verifier for each row it reads: one encoding, in one place.
 */
export function encodeAfterPosition(caller: EncodedCallerFields, entry: LedgerEntryFields): string {
  const own = [entry.purpose, uuid(entry.subjectId), uuid(entry.orderId), releasedText(entry.itemsReleased), deniedText(entry.itemsDenied)];
  return caller.lead + own.map(field).join('') + caller.tail;
}

/**
 * The canonical encoding of a row without its position: a tag naming its version
 * (`provision-record/<n>`) and the chain key, then — after the position — its fields in a fixed
 * order, each length-prefixed (see {@link encodeAfterPosition}). The ledger writer hashes
 * `before ‖ position ‖ after` in SQL, once the chain head has given the row its position;
 * {@link encodeLedgerRow} is the same bytes, for verification.
 */
export function encodeAroundPosition(row: Omit<LedgerRowFields, 'chainSeq'>): EncodedAroundPosition {
  return { before: encodeBeforePosition(row.hashVersion, row.chainKey), after: Buffer.from(encodeAfterPosition(encodeCallerFields(row), row), 'utf8') };
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
