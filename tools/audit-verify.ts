// Recomputes every chain of the provision ledger and reports the first broken link of each:
//   npm run audit:verify [-- --checkpoint <file> [--public-key <jwk file>]]
// With a checkpoint (npm run audit:checkpoint), its signature is checked and every chain must still
// hold the hash it signed. The public key defaults to that of AUDIT_SIGNING_KEY or the development key.
// Exit code 0: intact; 1: broken (or the checkpoint does not verify); 2: could not run.
// Prints chain keys, positions and row ids only, never a row's values.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { JWK } from 'jose';
import {
  CheckpointError,
  pinnedLinks,
  resolveCheckpointKey,
  verifyCheckpoint,
  verifyLedger,
  type LedgerCheckpoint,
} from '@provision/audit';
import { DEV_AUDIT_KEY_DIR } from '../services/gateway/src/dev-database.js';
import { firstLine, withLedgerDatabase } from './ledger-database.js';

const USAGE = 'usage: npm run audit:verify [-- --checkpoint <file> [--public-key <jwk file>]]';

async function publicKey(file: string | undefined): Promise<JWK> {
  if (file) return JSON.parse(await readFile(file, 'utf8')) as JWK;
  return (await resolveCheckpointKey(process.env, DEV_AUDIT_KEY_DIR)).publicJwk;
}

async function main(): Promise<number> {
  let values: { checkpoint?: string; 'public-key'?: string };
  try {
    ({ values } = parseArgs({ options: { checkpoint: { type: 'string' }, 'public-key': { type: 'string' } }, strict: true }));
  } catch {
    console.error(USAGE);
    return 2;
  }
  if (values['public-key'] && !values.checkpoint) {
    console.error(USAGE);
    return 2;
  }
  let checkpoint: LedgerCheckpoint | null = null;
  if (values.checkpoint) {
    const jws = await readFile(values.checkpoint, 'utf8');
    try {
      checkpoint = await verifyCheckpoint(jws, await publicKey(values['public-key']));
    } catch (err) {
      if (!(err instanceof CheckpointError)) throw err;
      console.log(`checkpoint refused: ${err.message}`);
      return 1;
    }
  }
  const pinned = checkpoint ? pinnedLinks(checkpoint) : [];
  const report = await withLedgerDatabase((orm) => verifyLedger(orm.em.fork(), { pinned }));
  for (const broken of report.breaks) {
    const where = [`seq ${broken.seq ?? '-'}`, `row ${broken.rowId ?? '-'}`].join(' ');
    console.log(`BROKEN ${broken.chainKey} ${where}: ${broken.problem} (${broken.detail})`);
  }
  const against = checkpoint ? `, against the checkpoint of ${checkpoint.takenAt} (${pinned.length} chain(s))` : '';
  const verdict = report.breaks.length === 0 ? 'intact' : `${report.breaks.length} broken chain(s)`;
  console.log(`ledger ${verdict}: ${report.chains} chain(s), ${report.rows} row(s) verified${against}`);
  return report.breaks.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`audit:verify could not run: ${firstLine(error)}`);
    process.exit(2);
  },
);
