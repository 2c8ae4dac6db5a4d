// `npm run keys:rotate`: re-encrypts every encrypted value (unique identifiers, webhook secrets,
// notices' personal values) that is not under the active key of DATA_KEYS — and seals plaintext
// left by rows from before encryption at rest — in batches, while the service runs. Prints counts,
// never values. Idempotent: run it again until it reports nothing remaining.
import { KeyringError } from '@provision/crypto';
import { openOrm, pendingMigrations, redactUrl, rotateKeys } from '@provision/db';
import { keyringFromEnvironment } from './keyring.js';

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('keys:rotate: DATABASE_URL is not set');
    return 1;
  }
  const batchSize = Number(process.env.ROTATE_BATCH_SIZE ?? 500);
  const keyring = await keyringFromEnvironment();
  const orm = await openOrm(url, { poolSize: 2 });
  try {
    const pending = await pendingMigrations(orm);
    if (pending.length > 0) {
      console.error(`keys:rotate: ${pending.length} migration(s) pending; run npm run migrate first`);
      return 1;
    }
    console.log(`keys:rotate: sealing with key "${keyring.activeKeyId}" (keyring: ${keyring.keyIds.join(', ')}), ${batchSize} rows per batch`);
    const counts = await rotateKeys(orm, keyring, {
      batchSize,
      onBatch: (count) => console.log(`  ${count.table}: ${count.resealed} resealed, ${count.sealedPlaintext} plaintext sealed so far`),
    });
    for (const { table, resealed, sealedPlaintext, unreadable, remaining } of counts) {
      console.log(`${table}: ${resealed} resealed, ${sealedPlaintext} plaintext sealed, ${unreadable} unreadable, ${remaining} remaining`);
    }
    const remaining = counts.reduce((sum, count) => sum + count.remaining, 0);
    if (remaining > 0) {
      console.error(
        `keys:rotate: ${remaining} row(s) hold values not under "${keyring.activeKeyId}" yet (written meanwhile, or sealed ` +
          'with a key missing from DATA_KEYS): run it again; keep old keys on the ring until it reports 0 remaining',
      );
      return 2;
    }
    return 0;
  } finally {
    await orm.close(true);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof KeyringError ? `Invalid configuration: ${error.message}` : error instanceof Error ? error.message.split('\n')[0] : String(error);
    console.error(`keys:rotate failed (${redactUrl(process.env.DATABASE_URL ?? '')}): ${message}`);
    process.exit(1);
  },
);
