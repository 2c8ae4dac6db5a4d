import type { EntityManager } from '@mikro-orm/postgresql';
import { ledgerRowHash, type LedgerRowFields } from './ledger-hash.js';

/** What a broken link says about the ledger. */
export type LinkProblem =
  /** The row's fields no longer give its hash: the row was edited. */
  | 'HASH_MISMATCH'
  /** The chain skips or repeats a position: a row was deleted or moved. */
  | 'SEQ_GAP'
  /** The row does not point at the row before it: a row was deleted or the rows were reordered. */
  | 'PREV_HASH_MISMATCH'
  /** The chain's head disagrees with its last row: the tail was removed. */
  | 'HEAD_MISMATCH'
  /** Rows of a chain that has no head. */
  | 'NO_HEAD'
  /** A signed checkpoint holds another hash at that position, or a position the chain no longer reaches: the chain was rewritten. */
  | 'CHECKPOINT_MISMATCH';

/** The first broken link of one chain. Ids and positions only, never a row's values. */
export interface ChainBreak {
  chainKey: string;
  /** Position of the offending row (or, for the head and checkpoint, the position they name). */
  seq: string | null;
  /** Id of the offending row; null when no row is there. */
  rowId: string | null;
  problem: LinkProblem;
  detail: string;
}

/** What `verifyLedger` found. */
export interface LedgerVerification {
  chains: number;
  rows: number;
  /** At most one per chain, in chain order; empty when the ledger is intact. */
  breaks: ChainBreak[];
}

/** A chain position pinned by a signed checkpoint. */
export interface PinnedLink {
  chainKey: string;
  seq: bigint;
  hash: Buffer;
}

export interface VerifyOptions {
  /** Rows read per query; memory holds one batch, whatever the ledger's size. Default 5,000. */
  batchSize?: number;
  /** Links of a verified checkpoint: each must still hold the same hash. */
  pinned?: readonly PinnedLink[];
}

/** A ledger row as verification reads it: positions and times as the text PostgreSQL prints. */
type Row = Omit<LedgerRowFields, 'chainSeq' | 'occurredAt'> & {
  id: string;
  chainSeq: string;
  /** ISO 8601 in UTC, milliseconds, as the writer hashed it. */
  occurredAt: string;
  prevHash: Buffer | null;
  hash: Buffer;
};

// Keyset pagination over the (chain_key, chain_seq) unique index: each batch starts where the last
// one ended, so reading the 10-millionth row costs what reading the first does.
const ROWS_SQL = `select id::text as "id", chain_key as "chainKey", chain_seq::text as "chainSeq",
       to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "occurredAt",
       actor_kind as "actorKind", partner_id as "partnerId", client_id as "clientId", token_id as "tokenId",
       hash_version as "hashVersion", person_sub as "personSub", person_name as "personName", purpose,
       subject_id as "subjectId", order_id as "orderId", items_released as "itemsReleased", items_denied as "itemsDenied",
       request_id as "requestId", prev_hash as "prevHash", hash
  from provision_records
 where (chain_key, chain_seq) > (?, ?::bigint)
 order by chain_key, chain_seq
 limit ?`;

const HEADS_SQL = `select chain_key as "chainKey", last_seq::text as "lastSeq", last_hash as "lastHash" from ledger_chain_heads`;

// A chain's latest purge is where what is left of it starts.
const ANCHORS_SQL = `select distinct on (chain_key) chain_key as "chainKey", through_seq::text as "throughSeq", anchor_hash as "anchorHash"
  from ledger_purges order by chain_key, through_seq desc`;

const LAST_SEQ = '9223372036854775807';

const same = (a: Buffer | null, b: Buffer | null) => (a === null || b === null ? a === b : a.equals(b));

/** Verification state of the chain being read. */
interface Chain {
  key: string;
  expectedSeq: bigint;
  prevHash: Buffer | null;
  rows: number;
  broken: boolean;
}

/**
 * Recomputes every chain of the ledger from the database and reports the first broken link of
 * each: a row edited (hash), deleted or reordered (sequence, previous hash), a tail removed (head),
 * or a chain recomputed after an edit (a pinned checkpoint link). Each chain starts at its latest
 * retention purge's anchor, so a purged ledger verifies while a deletion outside the purge does not.
 * Reads in batches in one repeatable-read transaction, so concurrent writers neither disturb nor wait.
 */
export async function verifyLedger(em: EntityManager, options: VerifyOptions = {}): Promise<LedgerVerification> {
  const batchSize = options.batchSize ?? 5000;
  const pins = new Map((options.pinned ?? []).map((pin) => [pin.chainKey, pin]));
  return em.transactional(
    async (tx) => {
      const heads = new Map(
        (await tx.execute<{ chainKey: string; lastSeq: string; lastHash: Buffer | null }[]>(HEADS_SQL)).map((head) => [
          head.chainKey,
          { seq: BigInt(head.lastSeq), hash: head.lastHash },
        ]),
      );
      const anchors = new Map(
        (await tx.execute<{ chainKey: string; throughSeq: string; anchorHash: Buffer }[]>(ANCHORS_SQL)).map((anchor) => [
          anchor.chainKey,
          { seq: BigInt(anchor.throughSeq), hash: anchor.anchorHash },
        ]),
      );
      const breaks: ChainBreak[] = [];
      const seen = new Set<string>();
      let rowCount = 0;

      const fail = (chain: Chain, problem: LinkProblem, seq: bigint | null, rowId: string | null, detail: string) => {
        chain.broken = true;
        breaks.push({ chainKey: chain.key, seq: seq?.toString() ?? null, rowId, problem, detail });
      };

      const start = (key: string): Chain => {
        seen.add(key);
        const anchor = anchors.get(key);
        const chain = { key, expectedSeq: (anchor?.seq ?? 0n) + 1n, prevHash: anchor?.hash ?? null, rows: 0, broken: false };
        const pin = pins.get(key);
        // A pin at the purge's last row is checked against its anchor; one purged further back cannot be.
        if (pin && anchor && pin.seq === anchor.seq && !pin.hash.equals(anchor.hash)) {
          fail(chain, 'CHECKPOINT_MISMATCH', pin.seq, null, 'the purge anchor differs from the checkpoint: chain rewritten');
        }
        return chain;
      };

      const check = (chain: Chain, row: Row) => {
        const seq = BigInt(row.chainSeq);
        if (seq !== chain.expectedSeq) {
          return fail(chain, 'SEQ_GAP', seq, row.id, `expected seq ${chain.expectedSeq}: rows deleted or reordered`);
        }
        if (!same(row.prevHash, chain.prevHash)) {
          return fail(chain, 'PREV_HASH_MISMATCH', seq, row.id, 'prev_hash is not the previous row hash: rows deleted or reordered');
        }
        const hash = ledgerRowHash({ ...row, chainSeq: seq, occurredAt: new Date(row.occurredAt) }, row.prevHash);
        if (!hash.equals(row.hash)) return fail(chain, 'HASH_MISMATCH', seq, row.id, 'the row does not match its hash: row edited');
        const pin = pins.get(chain.key);
        if (pin && pin.seq === seq && !pin.hash.equals(row.hash)) {
          return fail(chain, 'CHECKPOINT_MISMATCH', seq, row.id, 'the row hash differs from the checkpoint: chain rewritten');
        }
        chain.expectedSeq = seq + 1n;
        chain.prevHash = row.hash;
      };

      /** After a chain's last row (or for a chain without rows): its head and checkpoint must agree. */
      const finish = (chain: Chain) => {
        if (chain.broken) return;
        const last = chain.expectedSeq - 1n;
        const head = heads.get(chain.key);
        if (!head && chain.rows === 0) {
          return fail(chain, 'CHECKPOINT_MISMATCH', pins.get(chain.key)?.seq ?? null, null, 'the checkpoint names a chain the ledger has no more');
        }
        if (!head) return fail(chain, 'NO_HEAD', last, null, 'rows of a chain without a head');
        if (head.seq !== last || !same(head.hash, chain.prevHash)) {
          return fail(chain, 'HEAD_MISMATCH', head.seq, null, `the chain ends at seq ${last}: tail removed`);
        }
        const pin = pins.get(chain.key);
        if (pin && pin.seq > last) fail(chain, 'CHECKPOINT_MISMATCH', pin.seq, null, `the chain ends at seq ${last}, before the checkpoint`);
      };

      let cursor: [string, string] = ['', '0'];
      let chain: Chain | null = null;
      for (;;) {
        const rows = await tx.execute<Row[]>(ROWS_SQL, [...cursor, batchSize]);
        for (const row of rows) {
          if (chain?.key !== row.chainKey) {
            if (chain) finish(chain);
            chain = start(row.chainKey);
          }
          rowCount += 1;
          chain.rows += 1;
          if (!chain.broken) check(chain, row);
        }
        const last = rows.at(-1);
        if (!last || rows.length < batchSize) break;
        // A broken chain's remaining rows say nothing more: skip to the next chain.
        cursor = chain?.broken ? [last.chainKey, LAST_SEQ] : [last.chainKey, last.chainSeq];
      }
      if (chain) finish(chain);
      for (const key of [...heads.keys(), ...pins.keys()]) {
        if (!seen.has(key)) finish(start(key));
      }
      breaks.sort((a, b) => (a.chainKey < b.chainKey ? -1 : a.chainKey > b.chainKey ? 1 : 0));
      return { chains: seen.size, rows: rowCount, breaks };
    },
    { isolationLevel: 'repeatable read', readOnly: true },
  );
}
