// Signs the heads of every ledger chain (a checkpoint) and prints it, or writes it to a file:
//   npm run --silent audit:checkpoint [-- --out <file>]
// Key: AUDIT_SIGNING_KEY (Ed25519 private JWK); in development, when unset, .data/audit-signing/.
// Store the output outside the database (see deploy/README.md); `npm run audit:verify -- --checkpoint`
// checks the ledger against it.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { resolveCheckpointKey, signCheckpoint, takeCheckpoint } from '@provision/audit';
import { systemClock } from '@provision/util';
import { DEV_AUDIT_KEY_DIR } from '../services/gateway/src/dev-database.js';
import { firstLine, withLedgerDatabase } from './ledger-database.js';

async function main(): Promise<number> {
  let out: string | undefined;
  try {
    ({ values: { out } } = parseArgs({ options: { out: { type: 'string' } }, strict: true }));
  } catch {
    console.error('usage: npm run --silent audit:checkpoint [-- --out <file>]');
    return 2;
  }
  // Before touching the database: production refuses to sign without the configured key.
  const key = await resolveCheckpointKey(process.env, DEV_AUDIT_KEY_DIR);
  const checkpoint = await withLedgerDatabase((orm) => takeCheckpoint(orm.em.fork(), systemClock));
  const jws = await signCheckpoint(checkpoint, key);
  if (out) await writeFile(out, `${jws}\n`, { flag: 'wx' });
  else process.stdout.write(`${jws}\n`);
  console.error(`checkpoint of ${checkpoint.chains.length} chain(s) at ${checkpoint.takenAt}, key ${key.kid}${out ? `, written to ${out}` : ''}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`audit:checkpoint failed: ${firstLine(error)}`);
    process.exit(2);
  },
);
