import { Client, listDatabases } from '@provision/db';
import { createTestDatabase, TEST_ADMIN_URL_ENV, TEST_TEMPLATE_ENV } from './test-database.js';

describe('createTestDatabase', () => {
  it('gives each caller its own migrated database', async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    try {
      expect(a.url).not.toBe(b.url);
      const em = a.orm.em.fork();
      em.create(Client, { clientId: 'only-in-a', kind: 'SHOP', allowedScopes: [], addedAt: new Date(), addedBy: 'test' });
      await em.flush();
      expect(await a.orm.em.fork().count(Client, { clientId: 'only-in-a' })).toBe(1);
      expect(await b.orm.em.fork().count(Client, { clientId: 'only-in-a' })).toBe(0);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
  });

  it('drops the database, and a second drop is harmless', async () => {
    const db = await createTestDatabase();
    const name = new URL(db.url).pathname.slice(1);
    const adminUrl = process.env[TEST_ADMIN_URL_ENV] as string;
    expect(await listDatabases(adminUrl, name)).toEqual([name]);
    await db.drop();
    await db.drop();
    expect(await listDatabases(adminUrl, name)).toEqual([]);
  });

  it('connects as provision_app with the grants of deploy/roles.sql, and as the owner only through owner()', async () => {
    const db = await createTestDatabase();
    try {
      const app = db.orm.em.fork().getConnection();
      const sql = (text: string) => app.execute(text);
      expect(await sql('select current_user as role, session_user as login')).toEqual([{ role: 'provision_app', login: 'provision_app' }]);
      // roles.sql takes TEMPORARY and CREATE from PUBLIC and gives the app role only CONNECT and USAGE.
      await expect(sql('create temporary table scratch (x int)')).rejects.toThrow(/permission denied to create temporary tables/);
      await expect(sql('create table scratch (x int)')).rejects.toThrow(/permission denied for schema public/);
      await expect(sql('create schema scratch')).rejects.toThrow(/permission denied for database/);
      await expect(sql('create table pgboss.scratch (x int)')).rejects.toThrow(/permission denied for schema pgboss/);
      await expect(sql('truncate provision_records')).rejects.toThrow(/permission denied for table provision_records/);
      expect(await sql('select count(*)::int as n from pgboss.queue')).toEqual([{ n: 0 }]);

      const owner = (await db.owner()).em.fork().getConnection();
      expect(await owner.execute('select current_user as role')).toEqual([{ role: 'provision_owner' }]);
      expect(await owner.execute(`select pg_get_userbyid(datdba) as owner from pg_database where datname = current_database()`)).toEqual([
        { owner: 'provision_owner' },
      ]);
    } finally {
      await db.drop();
    }
  });

  it('tells how to run the tests when started outside the wrapper', async () => {
    const template = process.env[TEST_TEMPLATE_ENV];
    delete process.env[TEST_TEMPLATE_ENV];
    try {
      await expect(createTestDatabase()).rejects.toThrow('run them through npm test or npx nx test <project>');
    } finally {
      process.env[TEST_TEMPLATE_ENV] = template;
    }
  });
});
