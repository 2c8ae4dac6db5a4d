import { readdirSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@provision/testing';
import { ManualClock } from '@provision/util';
import { Agreement, Client, Order, Partner, ProvisionRecord, Subject } from './entities/index.js';
import { JOB_SCHEMA, JOB_SCHEMA_VERSION } from './job-schema.js';
import { migrateUp, MIGRATIONS_DIR, pendingMigrations } from './orm.config.js';
import { seedDemo } from './demo-seed.js';
import { writeSubjectValue } from './subject-items.js';

const migrationFiles = readdirSync(MIGRATIONS_DIR)
  .filter((file) => /^Migration\d+.*\.ts$/.test(file))
  .map((file) => file.replace(/\.ts$/, ''))
  .sort();

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
  });
  afterAll(() => db?.drop());

  it('apply on an empty database as the owner, leave nothing pending, and build exactly the entities', async () => {
    const owner = await db.owner();
    expect(await pendingMigrations(owner)).toEqual(migrationFiles);
    expect(await migrateUp(owner)).toEqual(migrationFiles);
    expect(await pendingMigrations(owner)).toEqual([]);
    expect(await migrateUp(owner)).toEqual([]);
    // Entities changed without a migration show up here as SQL to run.
    expect(await owner.schema.getUpdateSchemaSQL({ wrap: false })).toBe('');
  });
});

describe('the ledger chain migration', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
  });
  afterAll(() => db?.drop());

  it('refuses a ledger holding rows written before the hash chain, and changes nothing', async () => {
    const owner = await db.owner();
    const before = migrationFiles[migrationFiles.indexOf('Migration20261122084647_ledger_chain') - 1];
    await owner.migrator.up({ to: before });
    // Raw SQL of that schema version (as the owner: the grants to the app come with this migration);
    // today's seed may write columns later migrations add.
    const connection = owner.em.fork().getConnection();
    await connection.execute(
      `insert into partners (id, code, name, kind, role, privacy_contact_name, privacy_contact_email, registered_at, registered_by)
       values (gen_random_uuid(), 'hanbok-house', 'Hanbok House', 'RECIPIENT', 'SELLER', 'Privacy', 'privacy@example.com', now(), 'test')`,
    );
    await connection.execute(
      `insert into subjects (id, shop_subject_id, kind, created_at, updated_at)
       values (gen_random_uuid(), 'member-0001', 'MEMBER', now(), now())`,
    );
    await connection.execute(
      `insert into provision_records (occurred_at, partner_id, client_id, purpose, subject_id, items_released, items_denied, request_id)
       select now(), p.id, 'seller-hanbok-house', 'order.delivery', s.id, '{receiver.name}', '[]', 'req-old'
         from partners p, subjects s where p.code = 'hanbok-house' and s.shop_subject_id = 'member-0001'`,
    );
    await expect(migrateUp(owner)).rejects.toThrow(/rows written before the hash chain/);
    expect(await pendingMigrations(owner)).toContain('Migration20261122084647_ledger_chain');
  });
});

describe('constraints', () => {
  let db: TestDatabase;
  const clock = new ManualClock('2026-06-01T00:00:00Z');
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.orm.em.fork(), clock, db.keyring);
  });
  afterAll(() => db?.drop());

  it('refuse a second client with the same client id', async () => {
    const em = db.orm.em.fork();
    em.create(Client, { clientId: 'shop-backend', kind: 'SHOP', allowedScopes: [], addedAt: clock.now(), addedBy: 'test' });
    await expect(em.flush()).rejects.toThrow(/clients_pkey/);
  });

  it('refuse a second agreement with the same version for one partner', async () => {
    const em = db.orm.em.fork();
    const partner = await em.findOneOrFail(Partner, { code: 'hanbok-house' });
    em.create(Agreement, {
      partner,
      version: 1,
      retentionRule: 'P3M after purchase-confirmation',
      legalBasis: 'CONSENT',
      consentRequired: true,
      effectiveFrom: clock.now(),
      publishedAt: clock.now(),
      publishedBy: 'test',
    });
    await expect(em.flush()).rejects.toThrow(/agreements_partner_id_version_unique/);
  });

  it('refuse a status outside the vocabulary', async () => {
    const em = db.orm.em.fork();
    const partner = await em.findOneOrFail(Partner, { code: 'hanbok-house' });
    const insert = (status: string) =>
      em.getConnection().execute(
        `insert into partner_status_changes (id, partner_id, status, reason, effective_at, recorded_at, recorded_by)
         values (gen_random_uuid(), ?, ?, 'test', now(), now(), 'test')`,
        [partner.id, status],
      );
    await expect(insert('PAUSED')).rejects.toThrow(/partner_status_changes_status_check/);
    await expect(insert('SUSPENDED')).resolves.toBeDefined();
  });

  it('refuse a partner client without a partner', async () => {
    const em = db.orm.em.fork();
    em.create(Client, { clientId: 'orphan', kind: 'PARTNER', allowedScopes: [], addedAt: clock.now(), addedBy: 'test' });
    await expect(em.flush()).rejects.toThrow(/clients_partner_check/);
  });

  it('refuse a plaintext in every encrypted column, and take a sealed value', async () => {
    const connection = db.orm.em.fork().getConnection();
    const subject = (column: string, value: string) =>
      connection.execute(
        `insert into subjects (id, shop_subject_id, kind, ${column}, created_at, updated_at)
         values (?, ?, 'MEMBER', ?, now(), now())`,
        [randomUUID(), `raw-${randomUUID()}`, value],
      );
    await expect(subject('customs_code', 'P123456789012')).rejects.toThrow(/subjects_customs_code_sealed/);
    await expect(subject('ci', 'v1.k1.not-a-ciphertext')).rejects.toThrow(/subjects_ci_sealed/);
    await expect(subject('di', 'D'.repeat(64))).rejects.toThrow(/subjects_di_sealed/);
    const secret = connection.execute(`update partners set webhook_secret = 'plain-secret' where code = 'hanbok-house'`);
    await expect(secret).rejects.toThrow(/partners_webhook_secret_sealed/);

    const em = db.orm.em.fork();
    const sealed = em.create(Subject, { shopSubjectId: 'sealed-code', kind: 'MEMBER', createdAt: clock.now(), updatedAt: clock.now() });
    writeSubjectValue(sealed, 'customsCode', 'P123456789012', db.keyring);
    await expect(em.flush()).resolves.toBeUndefined();
  });

  it('number ledger records in insertion order', async () => {
    const em = db.orm.em.fork();
    const partner = await em.findOneOrFail(Partner, { code: 'hanbok-house' });
    const subject = await em.findOneOrFail(Subject, { shopSubjectId: 'member-0001' });
    const record = (requestId: string, chainSeq: bigint) =>
      em.create(ProvisionRecord, {
        occurredAt: clock.now(),
        actorKind: 'PARTNER',
        partner,
        clientId: 'seller-hanbok-house',
        purpose: 'order.delivery',
        subject,
        itemsReleased: ['receiver.name'],
        itemsDenied: [{ item: 'customsCode', reason: 'WINDOW_CLOSED' }],
        requestId,
        chainKey: `partner:${partner.id}`,
        chainSeq,
        hash: Buffer.alloc(32),
      });
    const first = record('req-1', 1n);
    const second = record('req-2', 2n);
    await em.flush();
    expect(typeof first.id).toBe('bigint');
    expect(second.id).toBe(first.id + 1n);
    const [stored] = await db.orm.em.fork().find(ProvisionRecord, { requestId: 'req-1' });
    expect(stored.itemsDenied).toEqual([{ item: 'customsCode', reason: 'WINDOW_CLOSED' }]);
  });

  it('keep the partner, subject and order a ledger row names from being deleted, and only those', async () => {
    const em = db.orm.em.fork();
    const order = await em.findOneOrFail(Order, { shopOrderId: { $ne: null } }, { populate: ['buyer', 'seller'] });
    em.create(ProvisionRecord, {
      occurredAt: clock.now(),
      actorKind: 'PARTNER',
      partner: order.seller,
      clientId: 'seller-hanbok-house',
      purpose: 'order.delivery',
      subject: order.buyer,
      order,
      itemsReleased: ['name'],
      itemsDenied: [],
      requestId: 'req-referents',
      chainKey: `partner:${order.seller.id}/referents`,
      chainSeq: 1n,
      hash: Buffer.alloc(32),
    });
    await em.flush();
    const remove = (table: string, id: string) => db.orm.em.fork().getConnection().execute(`delete from ${table} where id = ?`, [id]);
    for (const [table, id] of [['orders', order.id], ['subjects', order.buyer.id], ['partners', order.seller.id]] as const) {
      await expect(remove(table, id)).rejects.toMatchObject({ code: '23503', message: expect.stringContaining(`a ledger row names this row of ${table}`) });
    }
    const unnamed = em.create(Subject, { shopSubjectId: 'never-provided', kind: 'MEMBER', createdAt: clock.now(), updatedAt: clock.now() });
    await em.flush();
    await expect(remove('subjects', unnamed.id)).resolves.toBeDefined();
  });
});

describe("the job queue's schema", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it("is pg-boss's, at the version of the installed package, made by the migrations", async () => {
    const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve('pg-boss')), 'utf8')) as {
      pgboss: { schema: number };
    };
    // A pg-boss upgrade that changes its schema fails here until a migration brings databases to it.
    expect(JOB_SCHEMA_VERSION).toBe(packageJson.pgboss.schema);
    const [row] = await db.orm.em.fork().getConnection().execute(`select version::int as version from ${JOB_SCHEMA}.version`);
    expect(row).toEqual({ version: JOB_SCHEMA_VERSION });
  });

  it('is owned by the migrations\' role; the app role uses its rows but cannot change it', async () => {
    const sql = (text: string) => db.orm.em.fork().getConnection().execute(text);
    expect(await sql(`select pg_get_userbyid(nspowner) as owner from pg_namespace where nspname = '${JOB_SCHEMA}'`)).toEqual([
      { owner: 'provision_owner' },
    ]);
    await sql(`select ${JOB_SCHEMA}.create_queue('scratch', '{"policy":"standard"}')`);
    expect(await sql(`select name from ${JOB_SCHEMA}.queue`)).toEqual([{ name: 'scratch' }]);
    await expect(sql(`alter table ${JOB_SCHEMA}.queue add column x int`)).rejects.toThrow(/must be owner/);
    await expect(sql(`drop schema ${JOB_SCHEMA} cascade`)).rejects.toThrow(/must be owner/);
  });
});
