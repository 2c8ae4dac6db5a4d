import { type DeniedItem, type Queryable, SqlParams } from '@provision/db';
import type { Person } from '@provision/domain';
import { CURRENT_LEDGER_HASH_VERSION, encodeAfterPosition, encodeBeforePosition, encodeCallerFields, type LedgerCallerFields } from './ledger-hash.js';

/** Who is reading, fixed for the whole request: a partner's client, or an admin. */
export type LedgerCaller =
  | {
      actorKind: 'PARTNER';
      partnerId: string;
      clientId: string;
      tokenId: string | null;
      requestId: string;
      /** Which of the partner's chains (lanes) the rows join; 0 or absent: its first. See {@link chainKeyOf}. */
      lane?: number;
    }
  | { actorKind: 'ADMIN'; clientId: string; tokenId: string | null; requestId: string; person: Person | null };

/** One ledger row: what was released and denied of one subject (and order) for one purpose. */
export interface LedgerEntry {
  purpose: string;
  subjectId: string;
  orderId: string | null;
  itemsReleased: readonly string[];
  itemsDenied: readonly DeniedItem[];
}

/**
 * The hash chain a caller's rows join: `admin:<clientId>` for an admin client; for a partner
 * `partner:<partnerId>`, or `partner:<partnerId>/<lane>` for its lane n > 0. A partner's concurrent
 * requests write to different lanes so they need not queue behind one chain head; each lane is a
 * complete chain of its own (gap-free positions, hashes, head), verified like any other.
 */
export function chainKeyOf(caller: LedgerCaller): string {
  if (caller.actorKind === 'ADMIN') return `admin:${caller.clientId}`;
  return caller.lane ? `partner:${caller.partnerId}/${caller.lane}` : `partner:${caller.partnerId}`;
}

/**
 * One entry as the append statement takes it: its columns, and every field of its encoding after
 * the position, computed here ({@link encodeAfterPosition}, the verifier's encoding) — the
 * statement only puts the position in front and hashes once the chain head has given it one.
 */
export interface LedgerSourceRow {
  purpose: string;
  subjectId: string;
  orderId: string | null;
  /** `items_released` as a PostgreSQL array literal. */
  released: string;
  /** `items_denied` as JSON. */
  denied: string;
  /** Its encoding after the position, as text (its UTF-8 bytes are hashed). */
  after: string;
}

/** The fields every row of one append shares: who, when, in which request. */
function callerFieldsOf(caller: LedgerCaller, occurredAt: Date): LedgerCallerFields {
  // The admin person who reads (partners' clients and machine clients: null).
  const person = caller.actorKind === 'ADMIN' ? caller.person : null;
  return {
    occurredAt,
    actorKind: caller.actorKind,
    partnerId: caller.actorKind === 'PARTNER' ? caller.partnerId : null,
    clientId: caller.clientId,
    tokenId: caller.tokenId,
    hashVersion: CURRENT_LEDGER_HASH_VERSION,
    personSub: person?.sub ?? null,
    personName: person?.name ?? null,
    requestId: caller.requestId,
  };
}

/** An element of a PostgreSQL array literal: quoted, with its quotes and backslashes escaped. */
const arrayElement = (text: string) => `"${text.replace(/["\\]/g, '\\$&')}"`;

/** The entries of one append by `caller` at `occurredAt` as the append statement takes them (see {@link LedgerSourceRow}). */
export function ledgerRowEncoder(caller: LedgerCaller, occurredAt: Date): (entry: LedgerEntry) => LedgerSourceRow {
  const callerFields = encodeCallerFields(callerFieldsOf(caller, occurredAt));
  return (entry) => ({
    purpose: entry.purpose,
    subjectId: entry.subjectId,
    orderId: entry.orderId,
    released: `{${entry.itemsReleased.map(arrayElement).join(',')}}`,
    denied: JSON.stringify(entry.itemsDenied.map(({ item, reason }) => ({ item, reason }))),
    after: encodeAfterPosition(callerFields, entry),
  });
}

/** The columns of `unnest(…)` over {@link LedgerRowArrays}, in order. */
export const LEDGER_ROW_COLUMNS = ['purpose', 'subject_id', 'order_id', 'released', 'denied', 'after_start', 'after_length'] as const;
type LedgerRowColumn = (typeof LEDGER_ROW_COLUMNS)[number];
/** What a source's select list takes of a row: its columns, and its encoding after the position. */
type LedgerRowValue = Exclude<LedgerRowColumn, 'after_start' | 'after_length'> | 'after';

/** Rows passed to a statement as one packed parameter per column (see `packedColumn`), and their encodings as one `bytea`. */
export interface LedgerRowArrays {
  /** The arguments of `unnest`, whose columns are {@link LEDGER_ROW_COLUMNS}. */
  unnest: string;
  /** A row's values, given how its columns are named in the statement (e.g. `(name) => 'r.' + name`). */
  value(columnOf: (name: LedgerRowColumn) => string): (name: LedgerRowValue) => string;
}

/** Between two values of a packed column, and a null value: characters no value may hold. */
const UNIT_SEPARATOR = '\u001f';
const NULL_VALUE = '\u001e';

/**
 * A column of rows as ONE text parameter, an array again in SQL (`string_to_array`): its values
 * joined by U+001F, U+001E for a null. pg would write an array parameter element by element,
 * quoting and escaping each — the costliest allocation of a partner request at N = 100. The values
 * are purpose codes, ids, item-key array literals, JSON (which escapes control characters) and
 * numbers; one that is empty or holds either character fails the append rather than shift a column.
 */
function packedColumn(params: SqlParams, values: readonly (string | null)[], type: string): string {
  let packed = '';
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index];
    if (value === '' || (value !== null && (value.includes(UNIT_SEPARATOR) || value.includes(NULL_VALUE)))) throw new Error('a ledger value is empty or holds U+001E or U+001F');
    packed += (index === 0 ? '' : UNIT_SEPARATOR) + (value ?? NULL_VALUE);
  }
  return `string_to_array(${params.add(packed, 'text')}, E'\\x1f', E'\\x1e')::${type}[]`;
}

/**
 * Passes rows to a statement (a null row is a row of nulls): one packed parameter per column
 * ({@link packedColumn}), and every row's encoding after the position in one `bytea` parameter that
 * pg sends as raw bytes, each row slicing its own by byte offset — no JSON document, which
 * PostgreSQL would parse twice (at Bind, and to make records of it), and the encodings, the bulk of
 * the rows, with no escaping at all.
 */
export function ledgerRowArrays(params: SqlParams, rows: readonly (LedgerSourceRow | null)[]): LedgerRowArrays {
  const starts: (string | null)[] = [];
  const lengths: (string | null)[] = [];
  let encodings = '';
  let offset = 1;
  for (const row of rows) {
    if (row === null) {
      starts.push(null);
      lengths.push(null);
      continue;
    }
    const length = Buffer.byteLength(row.after, 'utf8');
    starts.push(String(offset));
    lengths.push(String(length));
    encodings += row.after;
    offset += length;
  }
  const column = (of: (row: LedgerSourceRow) => string | null, type: string) =>
    packedColumn(
      params,
      rows.map((row) => (row === null ? null : of(row))),
      type,
    );
  const unnest = [
    column((row) => row.purpose, 'text'),
    column((row) => row.subjectId, 'uuid'),
    column((row) => row.orderId, 'uuid'),
    column((row) => row.released, 'text'),
    column((row) => row.denied, 'text'),
    packedColumn(params, starts, 'int'),
    packedColumn(params, lengths, 'int'),
  ].join(', ');
  const bytes = params.add(Buffer.from(encodings, 'utf8'), 'bytea');
  return {
    unnest,
    value: (columnOf) => (name) =>
      name === 'after' ? `substring(${bytes} from ${columnOf('after_start')} for ${columnOf('after_length')})` : columnOf(name),
  };
}

/**
 * The select list that makes a source for {@link chainAppendCtes} of a row's values (see
 * {@link LedgerRowArrays.value}).
 */
export function ledgerSourceSelect(value: (name: LedgerRowValue) => string): string {
  return `${value('purpose')} as purpose, ${value('subject_id')} as subject_id, ${value('order_id')} as order_id,
         ${value('released')}::text[] as items_released, ${value('denied')}::jsonb as items_denied, ${value('after')} as after`;
}

/** `ledger_source`, the source of {@link chainAppendCtes}, of `rows` in their order. */
export function ledgerSourceCte(params: SqlParams, rows: readonly LedgerSourceRow[]): string {
  const arrays = ledgerRowArrays(params, rows);
  return `ledger_source as (
  select r.i, ${ledgerSourceSelect(arrays.value((name) => `r.${name}`))}
    from unnest(${arrays.unnest}) with ordinality as r(${LEDGER_ROW_COLUMNS.join(', ')}, i)
)`;
}

/** `<byte length>:<digits>` of a position computed in SQL: the encoding's field of `chainSeq`. */
const positionField = (seq: string) => `convert_to(length((${seq})::text) || ':' || (${seq})::text, 'UTF8')`;

/**
 * The common table expressions that append the rows of `source` to the caller's chain, for a
 * `with recursive` statement; they end in `ledger_written` (the rows inserted). `source` names a
 * relation of {@link ledgerSourceSelect}'s columns and `i` numbering its rows 1…n in chain order.
 *
 * One statement: `ledger_head` locks the chain's head row (concurrent writers of the same chain
 * queue on it, and only they; under READ COMMITTED a writer that waited reads the head its
 * predecessor left), `ledger_links` hashes row after row — `SHA-256(before ‖ position ‖ after ‖
 * prev_hash)`, the position put between the encodings the application computed, byte for byte what
 * `ledgerRowHash` computes to verify — `ledger_written` inserts them and `ledger_moved` moves the
 * head. The lock is held only until the statement's transaction ends, with no round trip to the
 * application in between.
 *
 * A chain without a head row yet appends nothing (`ledger_head` is empty): see {@link ensureChainHead}.
 */
export function chainAppendCtes(params: SqlParams, caller: LedgerCaller, occurredAt: Date, source: string): string {
  const chainKey = params.add(chainKeyOf(caller), 'text');
  const before = params.add(encodeBeforePosition(CURRENT_LEDGER_HASH_VERSION, chainKeyOf(caller)), 'bytea');
  const fields = callerFieldsOf(caller, occurredAt);
  return `ledger_head as (
  select last_seq, last_hash from ledger_chain_heads where chain_key = ${chainKey} for update
), ledger_afters as (
  select count(*)::int as n, array_agg(s.after order by s.i) as afters from ${source} s
), ledger_links (i, seq, prev_hash, hash) as (
  select 1, h.last_seq + 1, h.last_hash, sha256(${before} || ${positionField('h.last_seq + 1')} || e.afters[1] || coalesce(h.last_hash, '\\x'::bytea))
    from ledger_head h, ledger_afters e where e.n > 0
  union all
  select l.i + 1, l.seq + 1, l.hash, sha256(${before} || ${positionField('l.seq + 1')} || e.afters[l.i + 1] || l.hash)
    from ledger_links l, ledger_afters e where l.i < e.n
), ledger_written as (
  insert into provision_records (occurred_at, actor_kind, partner_id, client_id, token_id, hash_version, person_sub, person_name,
                                 purpose, subject_id, order_id, items_released, items_denied, request_id, chain_key, chain_seq,
                                 prev_hash, hash)
  select ${params.add(occurredAt, 'timestamptz')}, ${params.add(caller.actorKind, 'text')},
         ${params.add(fields.partnerId, 'uuid')}, ${params.add(caller.clientId, 'text')},
         ${params.add(caller.tokenId, 'text')}, ${params.add(CURRENT_LEDGER_HASH_VERSION, 'smallint')},
         ${params.add(fields.personSub, 'text')}, ${params.add(fields.personName, 'text')}, s.purpose, s.subject_id, s.order_id,
         s.items_released, s.items_denied, ${params.add(caller.requestId, 'text')}, ${chainKey}, l.seq, l.prev_hash, l.hash
    from ${source} s join ledger_links l on l.i = s.i
  returning chain_seq
), ledger_moved as (
  update ledger_chain_heads set last_seq = last.seq, last_hash = last.hash
    from (select seq, hash from ledger_links order by i desc limit 1) last
   where chain_key = ${chainKey}
  returning last_seq
)`;
}

/**
 * Runs an append statement (`write` answers how many rows it wrote) and, when the caller's chain
 * has no head row yet — its first append ever — creates the head and runs it once more. A statement
 * built on {@link chainAppendCtes} changes nothing at all without the head, so running it again is safe.
 */
export async function ensureChainHead(db: Queryable, caller: LedgerCaller, expected: number, write: () => Promise<number>): Promise<number> {
  const written = await write();
  if (written === expected) return written;
  if (written !== 0) throw new Error(`the ledger append wrote ${written} of ${expected} rows`);
  await db.query('insert into ledger_chain_heads (chain_key, last_seq, last_hash) values ($1, 0, null) on conflict (chain_key) do nothing', [
    chainKeyOf(caller),
  ]);
  const again = await write();
  if (again !== expected) throw new Error(`the ledger append wrote ${again} of ${expected} rows`);
  return again;
}

/**
 * Appends entries to the caller's chain in one statement (see {@link chainAppendCtes}); a no-op
 * for none. On a pool the statement is its own transaction; on a client, part of the client's.
 */
export async function appendLedgerEntries(db: Queryable, caller: LedgerCaller, occurredAt: Date, entries: readonly LedgerEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  const rows = entries.map(ledgerRowEncoder(caller, occurredAt));
  return ensureChainHead(db, caller, entries.length, async () => {
    const params = new SqlParams();
    const text = `with recursive ${ledgerSourceCte(params, rows)}, ${chainAppendCtes(params, caller, occurredAt, 'ledger_source')}
select count(*)::int as written from ledger_written`;
    const { rows: [result] } = await db.query<{ written: number }>(text, params.values);
    return result.written;
  });
}
