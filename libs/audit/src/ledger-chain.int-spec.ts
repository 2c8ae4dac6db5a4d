import type { EntityManager } from '@mikro-orm/postgresql';
import type { Person } from '@provision/domain';
import { webcrypto } from 'node:crypto';
import { generateKeyPair, exportJWK } from 'jose';
import { LedgerChainHead, nativePool, Partner, ProvisionRecord, type Queryable, seedDemo, Subject } from '@provision/db';
import { createTestDatabase, type TestDatabase } from '@provision/testing';
import { ManualClock } from '@provision/util';
import {
  checkpointSigningKey,
  ledgerRowHash,
  pinnedLinks,
  purgeLedger,
  RequestLedger,
  retentionCutoff,
  signCheckpoint,
  takeCheckpoint,
  verifyCheckpoint,
  verifyLedger,
  type LedgerCaller,
} from './index.js';

type LedgerPerson = Person | null;

describe('the hash-chained ledger', () => {
  let db: TestDatabase;
  let subjects: string[];
  let partners: string[];
  const at = new Date('2026-03-01T03:00:00Z');
  const em = () => db.orm.em.fork();

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(em(), new ManualClock(at), db.keyring);
    subjects = (await em().find(Subject, {}, { orderBy: { shopSubjectId: 'asc' } })).map((subject) => subject.id);
    partners = (await em().find(Partner, {}, { orderBy: { code: 'asc' } })).map((partner) => partner.id);
  });

  afterAll(async () => {
    await db?.drop();
  });

  let requests = 0;
  const admin = (clientId: string, person: LedgerPerson = null): LedgerCaller => ({
    actorKind: 'ADMIN',
    clientId,
    tokenId: null,
    requestId: `req-${(requests += 1)}`,
    person,
  });
  const partner = (partnerId: string): LedgerCaller => ({
    actorKind: 'PARTNER',
    partnerId,
    clientId: `client-of-${partnerId.slice(0, 8)}`,
    tokenId: `jti-${requests}`,
    requestId: `req-${(requests += 1)}`,
  });

  /** One request's ledger: `rows` subjects, a release and a denial each. */
  async function flush(caller: LedgerCaller, rows: number, occurredAt = at, db?: Queryable): Promise<number> {
    const ledger = new RequestLedger(caller);
    for (const subjectId of subjects.slice(0, rows)) {
      ledger.record({ purpose: 'order.delivery', subjectId, orderId: null, item: 'receiver.name', denied: null });
      ledger.record({ purpose: 'order.delivery', subjectId, orderId: null, item: 'customsCode', denied: 'WINDOW_CLOSED' });
    }
    return ledger.flush(db ?? (await nativePool(em())), occurredAt);
  }

  /** A chain of its own for one scenario: `requests` flushes of 3 rows by one admin client. */
  async function chainOf(clientId: string, count = 3): Promise<ProvisionRecord[]> {
    for (let i = 0; i < count; i += 1) await flush(admin(clientId), 3);
    return em().find(ProvisionRecord, { chainKey: `admin:${clientId}` }, { orderBy: { chainSeq: 'asc' } });
  }

  const breaksOf = async (chainKey: string, options = {}) =>
    (await verifyLedger(em(), options)).breaks.filter((found) => found.chainKey === chainKey);

  /** Runs `work` in a transaction of the application's database role (the harness connects as it). */
  const asAppRole = <T>(work: (tx: EntityManager) => Promise<T>) => em().transactional(work);

  /**
   * An attacker with full control of the database: the schema owner, who may UPDATE and DELETE the
   * ledger that the application's role may only append to.
   */
  const asOwner = async () => (await db.owner()).em.fork();

  /** Runs `work` on a connection of its own, in a transaction acting as the application's database role. */
  async function asAppRoleClient<T>(work: (client: Queryable) => Promise<T>): Promise<T> {
    const client = await (await nativePool(em())).connect();
    try {
      await client.query('begin');
      await client.query('set local role provision_app');
      const result = await work(client);
      await client.query('commit');
      return result;
    } finally {
      client.release();
    }
  }

  it('chains concurrent flushes of several actors gap-free, one chain each, and verifies clean', async () => {
    const [first, second] = partners as [string, string];
    const written = await Promise.all(
      Array.from({ length: 20 }, (_, i) => flush(i % 2 === 0 ? partner(first) : partner(second), 1 + (i % 3))),
    );
    await flush(admin('privacy-admin'), 2);
    expect(written.reduce((sum, n) => sum + n, 0)).toBe(39);

    for (const partnerId of [first, second]) {
      const rows = await em().find(ProvisionRecord, { chainKey: `partner:${partnerId}` }, { orderBy: { chainSeq: 'asc' } });
      expect(rows.map((row) => row.chainSeq)).toEqual(rows.map((_, i) => BigInt(i + 1)));
      expect(rows[0]?.prevHash).toBeNull();
      rows.slice(1).forEach((row, i) => expect(row.prevHash).toEqual(rows[i]?.hash));
      const head = await em().findOneOrFail(LedgerChainHead, { chainKey: `partner:${partnerId}` });
      expect(head).toMatchObject({ lastSeq: BigInt(rows.length), lastHash: rows.at(-1)?.hash });
      expect(rows.every((row) => row.actorKind === 'PARTNER' && row.partner?.id === partnerId)).toBe(true);
    }
    const [adminRow] = await em().find(ProvisionRecord, { chainKey: 'admin:privacy-admin' });
    expect(adminRow).toMatchObject({ actorKind: 'ADMIN', partner: null, chainSeq: 1n });

    const report = await verifyLedger(em(), { batchSize: 7 });
    expect(report).toEqual({ chains: 3, rows: 41, breaks: [] });
  });

  it('names the admin person in new rows (hash version 2), and a chain begun with version-1 rows still verifies', async () => {
    // Two rows as they were written before rows named the person: hash version 1, hashed with its encoding.
    let prevHash: Buffer | null = null;
    for (const seq of [1n, 2n]) {
      const fields = {
        chainKey: 'admin:legacy-admin',
        chainSeq: seq,
        occurredAt: at,
        actorKind: 'ADMIN' as const,
        partnerId: null,
        clientId: 'legacy-admin',
        tokenId: null,
        hashVersion: 1,
        personSub: null,
        personName: null,
        purpose: 'subject-rights.access',
        subjectId: subjects[0]!,
        orderId: null,
        itemsReleased: ['name'],
        itemsDenied: [],
        requestId: `legacy-${seq}`,
      };
      const hash = ledgerRowHash(fields, prevHash);
      const { chainKey, chainSeq, occurredAt, actorKind, clientId, tokenId, hashVersion, personSub, personName, purpose } = fields;
      await em().insert(ProvisionRecord, {
        ...{ chainKey, chainSeq, occurredAt, actorKind, clientId, tokenId, hashVersion, personSub, personName, purpose },
        ...{ itemsReleased: fields.itemsReleased, itemsDenied: fields.itemsDenied, requestId: fields.requestId },
        subject: fields.subjectId,
        partner: null,
        order: null,
        prevHash,
        hash,
      });
      prevHash = hash;
    }
    await em().insert(LedgerChainHead, { chainKey: 'admin:legacy-admin', lastSeq: 2n, lastHash: prevHash });

    await flush(admin('legacy-admin', { sub: 'officer-kim', name: '김민지' }), 1);
    const rows = await em().find(ProvisionRecord, { chainKey: 'admin:legacy-admin' }, { orderBy: { chainSeq: 'asc' } });
    expect(rows.map(({ hashVersion, personSub, personName }) => ({ hashVersion, personSub, personName }))).toEqual([
      { hashVersion: 1, personSub: null, personName: null },
      { hashVersion: 1, personSub: null, personName: null },
      { hashVersion: 2, personSub: 'officer-kim', personName: '김민지' },
    ]);
    expect(await breaksOf('admin:legacy-admin')).toEqual([]);

    // The person is covered by the hash: renaming who read breaks the chain at that row.
    await (await asOwner()).nativeUpdate(ProvisionRecord, { id: rows[2]!.id }, { personName: '이서준' });
    expect(await breaksOf('admin:legacy-admin')).toEqual([
      expect.objectContaining({ seq: '3', problem: 'HASH_MISMATCH' }),
    ]);
  });

  it('stores and verifies items exactly, whatever characters they hold', async () => {
    // The append passes each row's items as a PostgreSQL array literal and its denials as JSON: quotes,
    // backslashes, commas, braces, spaces and non-ASCII text must come back unchanged, and hash as written.
    const items = ['plain', 'with "quotes"', 'back\\slash', 'a,b', '{braces}', ' spaced ', '수령인 주소', 'NULL', ''];
    const ledger = new RequestLedger(admin('odd-items-admin'));
    for (const item of items) ledger.record({ purpose: 'subject-rights.access', subjectId: subjects[0]!, orderId: null, item, denied: null });
    for (const item of items) ledger.record({ purpose: 'subject-rights.access', subjectId: subjects[1]!, orderId: null, item, denied: 'WINDOW_CLOSED' });
    await ledger.flush(await nativePool(em()), at);

    const rows = await em().find(ProvisionRecord, { chainKey: 'admin:odd-items-admin' }, { orderBy: { chainSeq: 'asc' } });
    const sorted = [...items].sort();
    expect(rows.map(({ itemsReleased, itemsDenied }) => ({ itemsReleased, itemsDenied }))).toEqual([
      { itemsReleased: sorted, itemsDenied: [] },
      { itemsReleased: [], itemsDenied: sorted.map((item) => ({ item, reason: 'WINDOW_CLOSED' })) },
    ]);
    expect(await breaksOf('admin:odd-items-admin')).toEqual([]);
  });

  it('fails the append, writing nothing, for an item it could not pass intact', async () => {
    for (const item of ['unit\u001fseparator', 'record\u001eseparator']) {
      const ledger = new RequestLedger(admin('separator-admin'));
      ledger.record({ purpose: 'subject-rights.access', subjectId: subjects[0]!, orderId: null, item: 'name', denied: null });
      ledger.record({ purpose: 'subject-rights.access', subjectId: subjects[1]!, orderId: null, item, denied: null });
      await expect(ledger.flush(await nativePool(em()), at)).rejects.toThrow('a ledger value is empty or holds U+001E or U+001F');
    }
    expect(await em().count(ProvisionRecord, { chainKey: 'admin:separator-admin' })).toBe(0);
  });

  it('refuses a row whose actor and partner disagree', async () => {
    await expect(
      em().execute(
        `insert into provision_records (occurred_at, actor_kind, partner_id, client_id, purpose, subject_id, items_released, items_denied, request_id, chain_key, chain_seq, hash)
         values (now(), 'ADMIN', ?, 'x', 'order', ?, '{}', '[]', 'r', 'admin:x', 1, '\\x00')`,
        [partners[0], subjects[0]],
      ),
    ).rejects.toThrow(/provision_records_actor_check/);
  });

  describe('as the application database role', () => {
    it('is what the suite connects as', async () => {
      expect(await em().execute('select current_user as role')).toEqual([{ role: 'provision_app' }]);
    });

    it('flushes (insert and head update) and reads the ledger', async () => {
      expect(await asAppRoleClient((client) => flush(admin('app-role'), 2, at, client))).toBe(2);
      const count = await asAppRole((tx) => tx.count(ProvisionRecord, { chainKey: 'admin:app-role' }));
      expect(count).toBe(2);
      expect(await breaksOf('admin:app-role')).toEqual([]);
    });

    it.each([
      ['UPDATE', `update provision_records set items_released = '{}'`],
      ['DELETE', 'delete from provision_records'],
      ['TRUNCATE', 'truncate provision_records'],
      ['UPDATE of a purge record', `update ledger_purges set row_count = 0`],
      ['DELETE of a purge record', 'delete from ledger_purges'],
      ['DELETE of a chain head', 'delete from ledger_chain_heads'],
      ['TRUNCATE of the chain heads', 'truncate ledger_chain_heads'],
    ])('cannot %s', async (_, statement) => {
      await expect(asAppRole((tx) => tx.execute(statement))).rejects.toThrow(/permission denied/);
    });
  });

  describe('verification catches tampering at the row', () => {
    it('an edited row (the owner UPDATEs items_released)', async () => {
      const rows = await chainOf('edit');
      const edited = rows[4] as ProvisionRecord;
      await (await asOwner()).nativeUpdate(ProvisionRecord, { id: edited.id }, { itemsReleased: ['receiver.name', 'receiver.phone'] });
      expect(await breaksOf('admin:edit')).toEqual([
        { chainKey: 'admin:edit', seq: '5', rowId: String(edited.id), problem: 'HASH_MISMATCH', detail: expect.stringMatching(/edited/) },
      ]);
    });

    it('a deleted row', async () => {
      const rows = await chainOf('delete');
      await (await asOwner()).nativeDelete(ProvisionRecord, { id: rows[3]?.id });
      expect(await breaksOf('admin:delete')).toEqual([
        { chainKey: 'admin:delete', seq: '5', rowId: String(rows[4]?.id), problem: 'SEQ_GAP', detail: expect.stringMatching(/expected seq 4/) },
      ]);
    });

    it('two rows that swapped places', async () => {
      const rows = await chainOf('swap');
      const [a, b] = [rows[2] as ProvisionRecord, rows[3] as ProvisionRecord];
      const connection = await asOwner();
      await connection.nativeUpdate(ProvisionRecord, { id: a.id }, { chainSeq: -1n });
      await connection.nativeUpdate(ProvisionRecord, { id: b.id }, { chainSeq: a.chainSeq });
      await connection.nativeUpdate(ProvisionRecord, { id: a.id }, { chainSeq: b.chainSeq });
      expect(await breaksOf('admin:swap')).toEqual([
        { chainKey: 'admin:swap', seq: '3', rowId: String(b.id), problem: 'PREV_HASH_MISMATCH', detail: expect.stringMatching(/reordered/) },
      ]);
    });

    it('a removed tail', async () => {
      const rows = await chainOf('tail');
      await (await asOwner()).nativeDelete(ProvisionRecord, { id: rows.at(-1)?.id });
      expect(await breaksOf('admin:tail')).toEqual([
        { chainKey: 'admin:tail', seq: '9', rowId: null, problem: 'HEAD_MISMATCH', detail: expect.stringMatching(/ends at seq 8: tail removed/) },
      ]);
    });
  });

  describe('signed checkpoints', () => {
    const newKey = async () => {
      const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      return checkpointSigningKey(await exportJWK(privateKey));
    };

    it('catch an edit followed by recomputing the whole chain, which plain verification cannot', async () => {
      const rows = await chainOf('rewrite');
      const key = await newKey();
      const jws = await signCheckpoint(await takeCheckpoint(em(), new ManualClock(at)), key);
      const checkpoint = await verifyCheckpoint(jws, key.publicJwk);
      expect(checkpoint.chains).toContainEqual({ chainKey: 'admin:rewrite', seq: '9', hash: rows.at(-1)?.hash.toString('hex') });

      // The owner edits row 2 and recomputes every hash after it, and the head.
      const connection = await asOwner();
      let prevHash: Buffer | null = rows[0]?.prevHash ?? null;
      for (const row of rows) {
        if (row.chainSeq === 2n) row.itemsReleased = [];
        const hash = ledgerRowHash(
          { ...row, partnerId: null, subjectId: row.subject.id, orderId: null, chainSeq: row.chainSeq },
          prevHash,
        );
        await connection.nativeUpdate(ProvisionRecord, { id: row.id }, { itemsReleased: row.itemsReleased, prevHash, hash });
        prevHash = hash;
      }
      await connection.nativeUpdate(LedgerChainHead, { chainKey: 'admin:rewrite' }, { lastHash: prevHash });

      expect(await breaksOf('admin:rewrite')).toEqual([]);
      expect(await breaksOf('admin:rewrite', { pinned: pinnedLinks(checkpoint) })).toEqual([
        {
          chainKey: 'admin:rewrite',
          seq: '9',
          rowId: String(rows.at(-1)?.id),
          problem: 'CHECKPOINT_MISMATCH',
          detail: expect.stringMatching(/rewritten/),
        },
      ]);
    });

    it('refuse a checkpoint signed by another key, or altered after signing', async () => {
      const [key, other] = [await newKey(), await newKey()];
      const jws = await signCheckpoint(await takeCheckpoint(em(), new ManualClock(at)), other);
      await expect(verifyCheckpoint(jws, key.publicJwk)).rejects.toThrow(/signed with key .*, not /);
      await expect(verifyCheckpoint(jws, { ...key.publicJwk, kid: other.kid })).rejects.toThrow(/signature does not verify/);

      const genuine = await signCheckpoint({ takenAt: at.toISOString(), chains: [] }, key);
      const [header, , signature] = genuine.split('.');
      const forged = Buffer.from(JSON.stringify({ takenAt: at.toISOString(), chains: [{ chainKey: 'x', seq: '1', hash: '0'.repeat(64) }] })).toString('base64url');
      await expect(verifyCheckpoint(`${header}.${forged}.${signature}`, key.publicJwk)).rejects.toThrow(/signature does not verify/);
      await expect(verifyCheckpoint(genuine, key.publicJwk)).resolves.toEqual({ takenAt: at.toISOString(), chains: [] });
    });
  });

  it('sign with a key exported by WebCrypto, as deploy/README.md makes it, and verify with its public half', async () => {
    const pair = (await webcrypto.subtle.generateKey('Ed25519', true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    const privateJwk = await webcrypto.subtle.exportKey('jwk', pair.privateKey);
    const publicJwk = Object.fromEntries(Object.entries(privateJwk).filter(([name]) => name !== 'd'));
    const key = await checkpointSigningKey(privateJwk);
    const jws = await signCheckpoint({ takenAt: at.toISOString(), chains: [] }, key);
    await expect(verifyCheckpoint(jws, publicJwk)).resolves.toEqual({ takenAt: at.toISOString(), chains: [] });
  });

  describe('retention purge', () => {
    const now = new Date();
    const old = new Date(now.getTime() - 3 * 365 * 24 * 3600 * 1000);
    const oldCutoff = retentionCutoff(now, 24);

    it('purges rows past the cutoff from the start of each chain, records it, and the rest still verifies', async () => {
      for (const occurredAt of [old, old, now]) await flush(admin('purge'), 3, occurredAt);
      await flush(admin('purge-young'), 2, now);

      const report = await asAppRole((tx) => purgeLedger(tx, { cutoff: oldCutoff, batchSize: 4 }));
      expect(report).toMatchObject({ rows: 6 });

      const left = await em().find(ProvisionRecord, { chainKey: 'admin:purge' }, { orderBy: { chainSeq: 'asc' } });
      expect(left.map((row) => row.chainSeq)).toEqual([7n, 8n, 9n]);
      expect(await em().count(ProvisionRecord, { chainKey: 'admin:purge-young' })).toBe(2);
      const purges = await em().execute<{ throughSeq: string; rowCount: string; anchor: Buffer }[]>(
        `select through_seq::text as "throughSeq", row_count::text as "rowCount", anchor_hash as anchor
           from ledger_purges where chain_key = 'admin:purge' order by through_seq`,
      );
      // Two batches of at most 4 rows: 1–4, then 5–6.
      expect(purges.map(({ throughSeq, rowCount }) => [throughSeq, rowCount])).toEqual([['4', '4'], ['6', '2']]);
      expect(purges.at(-1)?.anchor).toEqual(left[0]?.prevHash);
      expect(await breaksOf('admin:purge')).toEqual([]);

      // A deletion outside the purge (by the owner: the app role cannot) is still caught.
      await (await asOwner()).nativeDelete(ProvisionRecord, { id: left[0]?.id });
      expect(await breaksOf('admin:purge')).toMatchObject([{ problem: 'SEQ_GAP', seq: '8', rowId: String(left[1]?.id) }]);
    });

    it('verifies a chain purged whole', async () => {
      await flush(admin('purge-all'), 3, old);
      await purgeLedger(em(), { cutoff: oldCutoff });
      expect(await em().count(ProvisionRecord, { chainKey: 'admin:purge-all' })).toBe(0);
      expect(await breaksOf('admin:purge-all')).toEqual([]);
    });

    it('refuses a cutoff less than 2 years ago, in the database and in the worker configuration', async () => {
      const recent = new Date(now.getTime() - 700 * 24 * 3600 * 1000);
      await flush(admin('purge-recent'), 1, recent);
      await expect(asAppRole((tx) => purgeLedger(tx, { cutoff: recent }))).rejects.toThrow(/kept at least 2 years/);
      expect(await em().count(ProvisionRecord, { chainKey: 'admin:purge-recent' })).toBe(1);
      expect(() => retentionCutoff(now, 23)).toThrow(/at least 24 months/);
    });
  });
});
