// The database the audit tools read: DATABASE_URL, or the development database of `npm start`.
import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import { openOrm } from '@provision/db';
import { attachDevDatabase } from '../services/gateway/src/dev-database.js';

/** Runs `work` on an ORM of the ledger's database and lets everything go afterwards. */
export async function withLedgerDatabase<T>(work: (orm: MikroORM) => Promise<T>): Promise<T> {
  const database = await attachDevDatabase(process.env);
  if (!database) throw new Error('no database: set DATABASE_URL (or run `npm start` once for the development one)');
  try {
    const orm = await openOrm(database.url, { poolSize: 1 });
    try {
      return await work(orm);
    } finally {
      await orm.close(true);
    }
  } finally {
    // Stops the embedded server only if this run started it.
    await database.stop();
  }
}

/** The first line of an error's message: enough to act on, never a stack. */
export const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];
