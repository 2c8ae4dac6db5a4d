// Seeds the demo partners, clients, subjects and orders into DATABASE_URL (idempotent).
// `npm run seed`; the schema must be migrated first (`npm run migrate`).
import { openOrm, pendingMigrations, redactUrl, seedDemo } from '@provision/db';
import { systemClock } from '@provision/util';
import { keyringFromEnvironment } from './keyring.js';

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('seed: DATABASE_URL is not set (e.g. postgresql://postgres@127.0.0.1:5432/provision)');
    return 1;
  }
  const keyring = await keyringFromEnvironment();
  const orm = await openOrm(url);
  try {
    const pending = await pendingMigrations(orm);
    if (pending.length > 0) {
      console.error(`seed: ${pending.length} migration(s) pending; run npm run migrate first`);
      return 1;
    }
    const created = await seedDemo(orm.em.fork(), systemClock, keyring);
    const added = Object.entries(created).filter(([, count]) => count > 0);
    console.log(
      added.length
        ? `seeded: ${added.map(([what, count]) => `${count} ${what}`).join(', ')}`
        : 'demo data already present: nothing added',
    );
    return 0;
  } finally {
    await orm.close(true);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    console.error(`seed failed (${redactUrl(process.env.DATABASE_URL ?? '')}): ${message}`);
    process.exit(1);
  },
);
