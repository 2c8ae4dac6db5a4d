import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import type pg from 'pg';
import type { RequestContext } from '@provision/api-core';
import {
  chainAppendCtes,
  ensureChainHead,
  type LedgerCaller,
  type LedgerEntry,
  ledgerEntriesOf,
  LEDGER_ROW_COLUMNS,
  ledgerRowArrays,
  ledgerRowEncoder,
  ledgerSourceCte,
  ledgerSourceSelect,
} from '@provision/audit';
import { itemValue, type Queryable, SqlParams } from '@provision/db';
import {
  decide,
  isGrantableItem,
  seoulDayOf,
  withoutCeilingPlace,
  type Decision,
  type DenialReason,
  type ProvisionFacts,
} from '@provision/domain';
import { type DailyClaim, dailyClaimCtes, rateDebitCte } from '@provision/quotas';
import type { PartnerFactsNow } from './partner-facts.js';
import { PartnerPages } from './partner-pages.js';
import type { PartnerRegistry } from './partner-registry.js';
import type { ProvisionHandle } from './provision-handle.js';

/** A personal field an operation selects: whose (the handle) and which item. */
export interface PersonalFieldWanted {
  handle: ProvisionHandle;
  item: string;
}

/** One personal field asked for: whose (the handle), which item, for which purpose. */
interface Release extends PersonalFieldWanted {
  purpose: string;
}

/** The decision's facts that every field of a request shares. */
type RequestFacts = Pick<ProvisionFacts, 'scopes' | 'partner' | 'agreement' | 'dailyCeiling' | 'now'>;
/** The decision's facts that every field of one view shares. */
type ViewFacts = Pick<ProvisionFacts, 'consents' | 'consentingSubject' | 'membershipWithdrawnAt' | 'anchors' | 'suspensions' | 'corrections'>;

/** What a release produced: the value, null, or the field's error (a denial, or a value that could not be read). */
type Released = string | null | Error;

/** A partner's request caller, for its ledger chain. */
type PartnerCaller = Extract<LedgerCaller, { actorKind: 'PARTNER' }>;

/** PROVISION_DENIED at the field's path: null, with the reason, item and purpose; its siblings resolve. */
function denial(item: string, purpose: string, reason: DenialReason): GraphQLError {
  return new GraphQLError(`${item} is not provided for ${purpose}: ${reason}`, {
    extensions: { code: 'PROVISION_DENIED', reason, item, purpose },
  });
}

/**
 * Opens a request's transaction, in the same round trip telling PostgreSQL to run its prepared
 * statements (the page, the write) with the generic plan it made once per connection. Left to
 * choose, it planned them again on every execution — 0.3–0.75 ms of a request's database time,
 * more than the page itself takes at N = 1 — because a custom plan of these statements looks
 * no dearer than the generic one. Their plans do not depend on the values: keyset index scans
 * and hash joins over the page's own rows whatever the partner, cursor or page size.
 */
const BEGIN = 'begin; set local plan_cache_mode = force_generic_plan';

/**
 * Turns pg's pipeline mode on or off for a pooled connection. While on, a statement issued before the
 * previous one has answered goes out at once, each with its own Sync, and the answers come back in
 * order: a request sends BEGIN with its page and COMMIT with its write, two round trips fewer. Each
 * statement still fails alone (after an error PostgreSQL skips only to that statement's Sync), and
 * a COMMIT that follows a failed statement of the transaction rolls it back. Off again before the
 * connection goes back to the pool, where the ORM's statements go one at a time anyway.
 */
function pipelined(client: pg.PoolClient, on: boolean): pg.PoolClient {
  (client as unknown as { pipeline: boolean }).pipeline = on;
  return client;
}

/**
 * Issues statements on a pipelined connection (see `pipelined`) in ONE write to its socket: pg
 * writes each statement's messages as it is issued, and on a loopback socket every write wakes the
 * server — socket writes were a quarter of the gateway's CPU at N = 10. The stream is corked while
 * `issue` runs (pg submits synchronously in pipeline mode, corking each statement itself, which
 * nests) and flushed once.
 */
function together<T>(client: pg.PoolClient, issue: () => T): T {
  const socket = (client as unknown as pg.Client).connection.stream;
  socket.cork();
  try {
    return issue();
  } finally {
    socket.uncork();
  }
}

const reasonOf = (decision: Decision): DenialReason | null => (decision.release ? null : decision.reason);

/** What `withoutCeilingPlace` makes of a release. */
const NO_PLACE: DenialReason = 'DAILY_CEILING_REACHED';

/**
 * A ledger entry as it reads when its subject gets no place under the daily ceiling: its released
 * items denied `NO_PLACE` (as `withoutCeilingPlace` decides each), its denials unchanged, sorted
 * as `ledgerEntriesOf` sorts them.
 */
function unplacedEntry(entry: LedgerEntry): LedgerEntry {
  if (entry.itemsReleased.length === 0) return entry;
  const denied = [...entry.itemsDenied, ...entry.itemsReleased.map((item) => ({ item, reason: NO_PLACE }))];
  return { ...entry, itemsReleased: [], itemsDenied: denied.sort((a, b) => (a.item < b.item ? -1 : 1)) };
}

/**
 * One partner request's access to personal data: its pages, read as plain rows in its transaction,
 * and the release of every `@personal` field it selects.
 *
 * Releases are decided in batches by the pure `decide` over the facts the page statement read and
 * the partner's cached facts: a page's query field hands every personal field the operation selects
 * beneath it to `releaseAhead` as soon as the page is read (see `releasePagesAhead`), and any field
 * that walk could not foresee is gathered with the others of its tick by a DataLoader. Each batch
 * is then written in ONE statement: the claim of places under the daily ceiling (for the subjects
 * every other check releases), the batch's ledger rows appended to the partner's hash chain, and
 * the rate-limit debit for the subjects released. The ledger rows are prepared both ways for a
 * subject that needs a place (released, or denied `DAILY_CEILING_REACHED`) and the statement keeps
 * the one its claim decides, so the ledger says exactly what the response holds. COMMIT goes out
 * with that statement (see `pipelined`), so the locks it takes (chain head, the partner-day's
 * counter, the bucket) are held within one round trip, never across the application's work; values
 * are returned only once both have succeeded. If the write fails nothing of the batch is released,
 * and the gateway withholds the whole response (`ledgerFailure`). A value that cannot be produced
 * (a sealed value that does not open) is that field's error and is left out of the ledger.
 *
 * Each write goes to the lane of the partner's ledger (a hash chain of its own, see `LedgerLanes`)
 * with the fewest writes in flight, so a partner's concurrent requests do not queue behind one head.
 *
 * A request costs: its admission statement (the gateway's), then BEGIN (with its SET LOCAL, see
 * `BEGIN`) sent with its first page, one write per batch sent with COMMIT — two transactions and
 * three round trips whatever the page size.
 */
export class ProvisionSession {
  readonly pages: PartnerPages;
  #connecting: Promise<pg.PoolClient> | null = null;
  /** Statements of this request, one at a time on its connection. */
  #queue: Promise<unknown> = Promise.resolve();
  #inTransaction = false;
  #ledgerFailure: unknown = null;
  /** Subjects already charged to the rate limit by an earlier batch of this request. */
  readonly #debited = new Set<string>();
  readonly #releases: DataLoader<Release, string | null>;
  /** Fields decided ahead of their resolution (see `releaseAhead`), by handle and item, for `#aheadPurpose`. */
  readonly #ahead = new Map<ProvisionHandle, Map<string, Released>>();
  #aheadPurpose: string | null = null;

  constructor(
    private readonly pool: pg.Pool,
    readonly partner: PartnerFactsNow,
    private readonly ctx: RequestContext,
    private readonly caller: PartnerCaller,
    private readonly registry: PartnerRegistry,
  ) {
    const rule = partner.agreement?.rule;
    this.pages = new PartnerPages((text, values) => this.#read(text, values), partner.facts.id, rule?.kind === 'after-event' && rule.anchor === 'provision');
    this.#releases = new DataLoader((batch) => this.#decide(batch), { cache: false });
  }

  /** Why a batch's ledger write failed, or null: after a failure the response must carry no data at all. */
  get ledgerFailure(): unknown {
    return this.#ledgerFailure;
  }

  /**
   * The value of `item` of the handle's subject if released, or a PROVISION_DENIED error: at once
   * when `releaseAhead` decided it already, otherwise in the batch of the fields asked for in the
   * same tick.
   */
  release(handle: ProvisionHandle, item: string, purpose: string): Released | Promise<string | null> {
    const decided = purpose === this.#aheadPurpose ? this.#ahead.get(handle) : undefined;
    if (decided?.has(item)) return decided.get(item) as Released;
    return this.#releases.load({ handle, item, purpose });
  }

  /**
   * Decides and records `wanted` — the personal fields a page's operation selects — as ONE batch,
   * before graphql-js asks for them one by one; `release` then answers each from here. Throws, and
   * releases nothing, when the batch's ledger write fails.
   */
  async releaseAhead(wanted: readonly PersonalFieldWanted[], purpose: string): Promise<void> {
    // A request declares one purpose; should another come, its fields are released one by one.
    if ((this.#aheadPurpose ??= purpose) !== purpose) return;
    const batch: Release[] = [];
    const asked = new Map<ProvisionHandle, Set<string>>();
    for (const { handle, item } of wanted) {
      const items = asked.get(handle) ?? new Set<string>();
      if (items.has(item) || this.#ahead.get(handle)?.has(item)) continue;
      asked.set(handle, items.add(item));
      batch.push({ handle, item, purpose });
    }
    if (batch.length === 0) return;
    const results = await this.#decide(batch);
    batch.forEach(({ handle, item }, index) => {
      const decided = this.#ahead.get(handle) ?? new Map<string, Released>();
      this.#ahead.set(handle, decided.set(item, results[index]));
    });
  }

  /**
   * Ends the request's use of the database: commits a transaction still open (one that only read)
   * and returns the connection to the pool — or drops it, if it failed.
   */
  async end(): Promise<void> {
    if (this.#connecting === null) return;
    const client = await this.#connecting.catch(() => null);
    if (client === null) return;
    try {
      await this.#queue;
      if (this.#inTransaction) await client.query('commit');
      this.#inTransaction = false;
      pipelined(client, false);
      client.release();
    } catch (error) {
      client.release(error instanceof Error ? error : new Error('the connection failed'));
    }
  }

  /** The request's connection, in pipeline mode while the request holds it (see `pipelined`). */
  #connection(): Promise<pg.PoolClient> {
    this.#connecting ??= this.pool.connect().then((client) => pipelined(client, true));
    return this.#connecting;
  }

  /** Runs `work` on the request's connection once every statement queued before it has finished. */
  #serially<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const run = this.#queue.then(() => this.#connection()).then(work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** A read in the request's transaction, begun on first use: BEGIN goes out with the read, in one round trip. */
  #read<R extends object>(text: string, values: unknown[]): Promise<R[]> {
    return this.#serially(async (client) => {
      const begin = !this.#inTransaction;
      this.#inTransaction = true;
      const [, read] = await Promise.all(
        together(client, () => [begin ? client.query(BEGIN) : null, client.query<R>(this.registry.statements.of(text, values))] as const),
      );
      return read.rows;
    });
  }

  /**
   * A write that ends the transaction (or is one of its own): COMMIT goes out with it, in one round
   * trip. After a failed write the COMMIT only rolls back, and the write's error is thrown; a COMMIT
   * that fails fails the write — nothing of it may be released.
   */
  #write<R extends object>(text: string, values: unknown[]): Promise<R[]> {
    return this.#serially(async (client) => {
      const commit = this.#inTransaction;
      this.#inTransaction = false;
      const [write] = await Promise.all(
        together(client, () => [client.query<R>(this.registry.statements.of(text, values)), commit ? client.query('commit') : null] as const),
      );
      return write.rows;
    });
  }

  /** The facts every field of the request shares: scopes, partner, agreement, time. */
  #requestFacts(now: Date): RequestFacts {
    const { facts, status, terminatedAt, agreement } = this.partner;
    return {
      scopes: this.ctx.principal.scopes,
      partner: { status, country: facts.country, overseasTransferBasis: facts.overseasTransferBasis, terminatedAt },
      agreement: agreement ? { grants: agreement.grants, rule: agreement.rule, consentRequired: agreement.consentRequired } : null,
      dailyCeiling: null,
      now,
    };
  }

  /** The facts every field of one view shares: its subjects' consents, age, rights and the engagement's anchors. */
  #viewFacts(handle: ProvisionHandle): ViewFacts {
    const { grantsByAgreement } = this.partner.facts;
    return {
      consents: handle.consentSubject.consents.map((consent) => ({
        grants: grantsByAgreement.get(consent.agreementId) ?? [],
        givenAt: consent.givenAt,
        withdrawnAt: consent.withdrawnAt,
        legalRepresentative: consent.legalRepresentative,
      })),
      consentingSubject: { birthDate: handle.consentSubject.birthDate, under14: handle.consentSubject.under14 },
      membershipWithdrawnAt: handle.consentSubject.membershipWithdrawnAt,
      anchors: handle.anchors,
      suspensions: handle.dataSubject.suspensions,
      corrections: handle.dataSubject.corrections,
    };
  }

  async #decide(batch: readonly Release[]): Promise<Released[]> {
    const now = this.ctx.clock.now();
    const ceiling = this.partner.agreement?.dailySubjectCeiling ?? null;
    const ofRequest = this.#requestFacts(now);
    const ofView = new Map<ProvisionHandle, ViewFacts>();
    const decided = batch.map((release) => {
      const { handle, item, purpose } = release;
      const view = ofView.get(handle) ?? this.#viewFacts(handle);
      ofView.set(handle, view);
      const decision = decide({ ...ofRequest, ...view, item, purpose });
      return { release, decision, value: decision.release ? this.#valueOf(release) : null };
    });
    // A value that could not be produced is not released: that field errs, and it is not a release to record.
    const recorded = decided.filter(({ value }) => !(value instanceof Error));
    const event = ({ release }: (typeof decided)[number], decision: Decision) => ({
      purpose: release.purpose,
      subjectId: release.handle.dataSubject.id,
      orderId: release.handle.orderId,
      item: release.item,
      denied: reasonOf(decision),
    });
    const placed = ledgerEntriesOf(recorded.map((entry) => event(entry, entry.decision)));
    // Places are claimed for the subjects every other check releases, but for those this process
    // has seen placed already today: they hold their place all day (see `PlacesToday`).
    const day = seoulDayOf(now);
    const { partnerId } = this.caller;
    const { placesToday } = this.registry;
    const claim =
      ceiling === null
        ? []
        : [...new Set(placed.filter((entry) => entry.itemsReleased.length > 0 && !placesToday.holds(partnerId, day, entry.subjectId)).map((entry) => entry.subjectId))];

    let refused: Set<string>;
    try {
      const admitted = await this.#writeBatch(placed, { subjectIds: claim, day, ceiling: ceiling ?? 0 }, now);
      placesToday.learn(partnerId, day, admitted);
      refused = new Set(claim.filter((subjectId) => !admitted.has(subjectId)));
    } catch (error) {
      this.#ledgerFailure ??= error;
      throw error;
    }
    // Charged to the rate limit from now on: the subjects released, held back only by a refused place.
    for (const entry of placed) if (entry.itemsReleased.length > 0 && !refused.has(entry.subjectId)) this.#debited.add(entry.subjectId);
    // Counted per item and outcome, once per batch: the metrics' label look-up is dearer than the decision.
    const counted = new Map<string, { item: string; reason: DenialReason | null; fields: number }>();
    const results = decided.map(({ release, decision, value }) => {
      // The ceiling is the last check: for a subject refused a place, releases become DAILY_CEILING_REACHED and denials stay.
      const final = refused.has(release.handle.dataSubject.id) ? withoutCeilingPlace(decision) : decision;
      if (!(value instanceof Error)) {
        const reason = reasonOf(final);
        const key = `${release.item}\u0000${reason ?? ''}`;
        let count = counted.get(key);
        if (count === undefined) counted.set(key, (count = { item: release.item, reason, fields: 0 }));
        count.fields += 1;
      }
      if (!final.release) return denial(release.item, release.purpose, final.reason);
      return value;
    });
    for (const { item, reason, fields } of counted.values()) this.registry.observer?.decided(this.partner.facts.code, item, reason, fields);
    return results;
  }

  /** The stored value of a released item, opened if sealed; an Error in its place when it cannot be. */
  #valueOf({ handle, item }: Release): string | null | Error {
    try {
      // A released item passed the agreement's grant check, so it is in the catalog; anything else is a schema bug.
      if (!isGrantableItem(item)) throw new Error(`no storage is mapped for personal item ${item}`);
      return itemValue(handle.dataSubject.values, item, this.ctx.keyring);
    } catch (error) {
      return error instanceof Error ? error : new Error('the value could not be read');
    }
  }

  /**
   * The batch's one statement (see the class comment); answers the subjects of `claim` that hold a
   * place under the ceiling (none to claim: no claim in the statement, and none answered).
   * Everything in it is conditioned on the chain head, so on a chain's very first append it changes
   * nothing until `ensureChainHead` has made the head.
   */
  async #writeBatch(placed: LedgerEntry[], claim: Omit<DailyClaim, 'partnerId'>, now: Date): Promise<Set<string>> {
    const partnerId = this.caller.partnerId;
    let admitted: string[] = [];
    const run = async (lane: number): Promise<number> => {
      const caller = { ...this.caller, lane };
      const encode = ledgerRowEncoder(caller, now);
      const params = new SqlParams();
      const headExists = 'exists (select 1 from ledger_head)';
      let source: string;
      if (claim.subjectIds.length === 0) {
        source = ledgerSourceCte(params, placed.map(encode));
      } else {
        const rows = ledgerRowArrays(params, placed.map(encode));
        // Without a place a subject's released items are denied: the entry without it (`u_`) is the one kept then.
        const claimed = new Set(claim.subjectIds);
        const needsPlace = placed.map((entry) => entry.itemsReleased.length > 0 && claimed.has(entry.subjectId));
        const ifUnplaced = ledgerRowArrays(
          params,
          placed.map((entry, index) => (needsPlace[index] ? encode(unplacedEntry(entry)) : null)),
        );
        const placedValue = rows.value((name) => `r.${name}`);
        const unplacedValue = ifUnplaced.value((name) => `r.u_${name}`);
        source = `${dailyClaimCtes(params, { partnerId, ...claim }, headExists)},
ledger_source as (
  select r.i, ${ledgerSourceSelect((name) => `case when a.admitted then ${placedValue(name)} else ${unplacedValue(name)} end`)}
    from unnest(${rows.unnest}, ${params.add(needsPlace, 'boolean[]')}, ${ifUnplaced.unnest})
      with ordinality as r(${LEDGER_ROW_COLUMNS.join(', ')}, needs_place, ${LEDGER_ROW_COLUMNS.map((name) => `u_${name}`).join(', ')}, i),
         lateral (select not r.needs_place or r.subject_id in (select subject_id from claim_admitted) as admitted) a
)`;
      }
      const text = `with recursive ${source}, ${chainAppendCtes(params, caller, now, 'ledger_source')},
${rateDebitCte(
  params,
  partnerId,
  `select count(distinct subject_id) from ledger_source
    where cardinality(items_released) > 0 and subject_id <> all(${params.add([...this.#debited], 'uuid[]')})`,
  headExists,
)}
select (select count(*) from ledger_written)::int as written,
       ${claim.subjectIds.length === 0 ? `'{}'::uuid[]` : 'array(select subject_id from claim_admitted)'} as admitted`;
      const [result] = await this.#write<{ written: number; admitted: string[] }>(text, params.values);
      admitted = result.admitted;
      return result.written;
    };
    const head: Queryable = { query: (text, values) => this.#serially((client) => client.query(text, values)) };
    const lane = this.registry.lanes.acquire(partnerId);
    const started = performance.now();
    let stored = false;
    try {
      await ensureChainHead(head, { ...this.caller, lane }, placed.length, () => run(lane));
      stored = true;
    } finally {
      this.registry.lanes.release(partnerId, lane);
      this.registry.observer?.ledgerWritten((performance.now() - started) / 1000, stored);
    }
    return new Set(admitted);
  }
}

const sessions = new WeakMap<RequestContext, ProvisionSession>();

/**
 * Opens the provision session of a partner's request, once its principal is settled; the gateway
 * calls it at authentication and `endProvisionSession` before the response leaves.
 */
export function openProvisionSession(
  ctx: RequestContext,
  pool: pg.Pool,
  partner: PartnerFactsNow,
  caller: PartnerCaller,
  registry: PartnerRegistry,
): ProvisionSession {
  const session = new ProvisionSession(pool, partner, ctx, caller, registry);
  sessions.set(ctx, session);
  return session;
}

/** The request's provision session; only partner requests have one. */
export function provisionSession(ctx: RequestContext): ProvisionSession {
  const session = sessions.get(ctx);
  if (session === undefined) throw new Error('the partner API serves partner clients only');
  return session;
}

/**
 * Releases `wanted` ahead (see `ProvisionSession.releaseAhead`) for a partner request that declared
 * its purpose; nothing for any other request, whose fields then answer as they always do.
 */
export async function releaseAhead(ctx: RequestContext, wanted: readonly PersonalFieldWanted[]): Promise<void> {
  const session = sessions.get(ctx);
  if (session === undefined || ctx.purpose === null || wanted.length === 0) return;
  await session.releaseAhead(wanted, ctx.purpose);
}

/** Ends the request's session, if it has one (see `ProvisionSession.end`); why its ledger failed, or null. */
export async function endProvisionSession(ctx: RequestContext): Promise<{ ledgerFailure: unknown }> {
  const session = sessions.get(ctx);
  if (session === undefined) return { ledgerFailure: null };
  await session.end();
  return { ledgerFailure: session.ledgerFailure };
}
