import { type DeniedItem, type Queryable, SqlParams } from '@provision/db';
import type { Person } from '@provision/domain';
import { CURRENT_LEDGER_HASH_VERSION, deniedText, encodeBeforePosition, encodeCallerFields, releasedText } from './ledger-hash.js';

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
 * An entry as the append statement reads it (see {@link LEDGER_SOURCE_COLUMNS}): its columns, with
 * the released and denied items as the JSON texts its encoding holds; the statement encodes the
 * rest and hashes the row once the chain head has given it a position.
 */
export function ledgerSourceRow(entry: LedgerEntry) {
  return {
    purpose: entry.purpose,
    subject_id: entry.subjectId,
    order_id: entry.orderId,
    released: releasedText(entry.itemsReleased),
    denied: deniedText(entry.itemsDenied),
  };
}

/** The admin person who reads (partners' clients and machine clients: null). */
const personOf = (caller: LedgerCaller): Person | null => (caller.actorKind === 'ADMIN' ? caller.person : null);

/** The record type of {@link ledgerSourceRow} for `jsonb_to_recordset`. */
export const LEDGER_SOURCE_COLUMNS = 'purpose text, subject_id uuid, order_id uuid, released text, denied text';

/** `<byte length>:<digits>` of a position computed in SQL: the encoding's field of `chainSeq`. */
const positionField = (seq: string) => `convert_to(length((${seq})::text) || ':' || (${seq})::text, 'UTF8')`;

/** A text field of the encoding computed in SQL, byte for byte as `field` in ledger-hash.ts: `<UTF-8 byte length>:<text>`, or `-` for null. */
const encodedField = (text: string) =>
  `case when ${text} is null then '\\x2d'::bytea else convert_to(octet_length(convert_to(${text}, 'UTF8'))::text || ':' || ${text}, 'UTF8') end`;

/**
 * The common table expressions that append the rows of `source` to the caller's chain, for a
 * `with recursive` statement; they end in `ledger_written` (the rows inserted). `source` names a
 * relation with {@link LEDGER_SOURCE_COLUMNS} as SQL types and `i` numbering its rows 1…n in chain order.
 *
 * One statement: `ledger_head` locks the chain's head row (concurrent writers of the same chain
 * queue on it, and only they; under READ COMMITTED a writer that waited reads the head its
 * predecessor left), `ledger_encoded` encodes the rows' fields after the position (the caller's
 * fields come as two parameters, see `encodeCallerFields`), `ledger_links` hashes row after row —
 * `SHA-256(encoding ‖ prev_hash)` with the position put into the encoding here, byte for byte what
 * `ledgerRowHash` computes to verify — `ledger_written` inserts them and `ledger_moved` moves the
 * head. The lock is held only until the statement's transaction ends, with no round trip to the
 * application in between.
 *
 * A chain without a head row yet appends nothing (`ledger_head` is empty): see {@link ensureChainHead}.
 */
export function chainAppendCtes(params: SqlParams, caller: LedgerCaller, occurredAt: Date, source: string): string {
  const chainKey = params.add(chainKeyOf(caller), 'text');
  const before = params.add(encodeBeforePosition(CURRENT_LEDGER_HASH_VERSION, chainKeyOf(caller)), 'bytea');
  const person = personOf(caller);
  const fields = {
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
  const { lead, tail } = encodeCallerFields(fields);
  const entryFields = ['s.purpose', 's.subject_id::text', 's.order_id::text', 's.released', 's.denied'].map(encodedField).join(' || ');
  return `ledger_head as (
  select last_seq, last_hash from ledger_chain_heads where chain_key = ${chainKey} for update
), ledger_encoded as (
  select count(*)::int as n, array_agg(${params.add(lead, 'bytea')} || ${entryFields} || ${params.add(tail, 'bytea')} order by s.i) as afters
    from ${source} s
), ledger_links (i, seq, prev_hash, hash) as (
  select 1, h.last_seq + 1, h.last_hash, sha256(${before} || ${positionField('h.last_seq + 1')} || e.afters[1] || coalesce(h.last_hash, '\\x'::bytea))
    from ledger_head h, ledger_encoded e where e.n > 0
  union all
  select l.i + 1, l.seq + 1, l.hash, sha256(${before} || ${positionField('l.seq + 1')} || e.afters[l.i + 1] || l.hash)
    from ledger_links l, ledger_encoded e where l.i < e.n
), ledger_written as (
  insert into provision_records (occurred_at, actor_kind, partner_id, client_id, token_id, hash_version, person_sub, person_name,
                                 purpose, subject_id, order_id, items_released, items_denied, request_id, chain_key, chain_seq,
                                 prev_hash, hash)
  select ${params.add(occurredAt, 'timestamptz')}, ${params.add(caller.actorKind, 'text')},
         ${params.add(fields.partnerId, 'uuid')}, ${params.add(caller.clientId, 'text')},
         ${params.add(caller.tokenId, 'text')}, ${params.add(CURRENT_LEDGER_HASH_VERSION, 'smallint')},
         ${params.add(fields.personSub, 'text')}, ${params.add(fields.personName, 'text')}, s.purpose, s.subject_id, s.order_id,
         array(select jsonb_array_elements_text(s.released::jsonb)),
         (select coalesce(jsonb_agg(jsonb_build_object('item', d.pair ->> 0, 'reason', d.pair ->> 1) order by d.n), '[]'::jsonb)
            from jsonb_array_elements(s.denied::jsonb) with ordinality as d(pair, n)),
         ${params.add(caller.requestId, 'text')}, ${chainKey}, l.seq, l.prev_hash, l.hash
    from ${source} s join ledger_links l on l.i = s.i
  returning chain_seq
), ledger_moved as (
  update ledger_chain_heads set last_seq = last.seq, last_hash = last.hash
    from (select seq, hash from ledger_links order by i desc limit 1) last
   where chain_key = ${chainKey}
  returning last_seq
)`;
}

/** `source` for {@link chainAppendCtes} from rows of {@link ledgerSourceRow} passed as one jsonb parameter. */
export function ledgerSourceCte(params: SqlParams, rows: readonly ReturnType<typeof ledgerSourceRow>[], name = 'ledger_source'): string {
  const numbered = rows.map((row, index) => ({ ...row, i: index + 1 }));
  return `${name} as (
  select r.i, r.purpose, r.subject_id, r.order_id, r.released, r.denied
    from jsonb_to_recordset(${params.add(JSON.stringify(numbered), 'jsonb')}) as r(i int, ${LEDGER_SOURCE_COLUMNS})
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
  const rows = entries.map(ledgerSourceRow);
  return ensureChainHead(db, caller, entries.length, async () => {
    const params = new SqlParams();
    const text = `with recursive ${ledgerSourceCte(params, rows)}, ${chainAppendCtes(params, caller, occurredAt, 'ledger_source')}
select count(*)::int as written from ledger_written`;
    const { rows: [result] } = await db.query<{ written: number }>(text, params.values);
    return result.written;
  });
}
