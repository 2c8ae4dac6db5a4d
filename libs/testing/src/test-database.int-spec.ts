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
