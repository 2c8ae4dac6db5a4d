// Prints a development access token for a registered client:
//   npm run --silent token -- --client <clientId> [--scope "a b"] [--ttl 3600]
// Only the token goes to stdout, so `TOKEN=$(npm run --silent token -- --client privacy-admin)` works.
// Uses DATABASE_URL, or the embedded database of `npm start` (started briefly if it is not running).
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadOrCreateDevIssuer, mintAccessToken } from '@provision/auth';
import { Client, openOrm } from '@provision/db';
import { systemClock } from '@provision/util';
import { attachDevDatabase, DEV_ISSUER_DIR } from '../services/gateway/src/dev-database.js';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const USAGE = 'usage: npm run --silent token -- --client <clientId> [--scope "a b"] [--ttl 3600]';

let values: { client?: string; scope?: string; ttl?: string };
try {
  ({ values } = parseArgs({
    options: { client: { type: 'string' }, scope: { type: 'string' }, ttl: { type: 'string' } },
    strict: true,
  }));
} catch {
  fail(USAGE);
}
if (!values.client) fail(USAGE);
const clientId = values.client;
const ttlSeconds = values.ttl === undefined ? 3600 : Number(values.ttl);
if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > 86_400) {
  fail('--ttl must be a whole number of seconds from 1 to 86400');
}
if (process.env['AUTH_ISSUER']?.trim()) {
  fail('AUTH_ISSUER is set: the gateway trusts that issuer, not the dev key. Get a token from it instead.');
}
if (process.env['NODE_ENV'] === 'production') fail('Dev tokens are not available with NODE_ENV=production.');

const database = await attachDevDatabase(process.env);
if (!database) fail('No development database yet: run `npm start` once first (or set DATABASE_URL).');

/** The token, or the line to print instead; decided before the database is let go. */
async function mint(url: string): Promise<{ token: string } | { refusal: string }> {
  const orm = await openOrm(url, { poolSize: 1 });
  try {
    const em = orm.em.fork();
    const client = await em.findOne(Client, { clientId });
    if (!client || client.revokedAt !== null) {
      const known = await em.find(Client, { revokedAt: null }, { orderBy: { clientId: 'asc' } });
      const list = known.map((c) => c.clientId).join(', ') || 'none (run `npm start` to seed the demo clients)';
      return { refusal: `${client ? 'Revoked' : 'Unknown'} client "${clientId}". Registered clients: ${list}` };
    }
    const allowed = new Set(client.allowedScopes);
    const scopes = values.scope === undefined ? client.allowedScopes : values.scope.split(' ').filter(Boolean);
    const refused = scopes.filter((scope) => !allowed.has(scope));
    if (refused.length > 0) {
      // The gateway would drop them anyway; saying so now saves a puzzling FORBIDDEN later.
      return { refusal: `Client "${clientId}" may not hold: ${refused.join(' ')}. Allowed: ${client.allowedScopes.join(' ')}` };
    }
    const issuer = await loadOrCreateDevIssuer(DEV_ISSUER_DIR);
    return { token: await mintAccessToken(issuer, { clientId, scopes, ttlSeconds, clock: systemClock }) };
  } finally {
    await orm.close(true);
  }
}

let outcome: Awaited<ReturnType<typeof mint>>;
try {
  outcome = await mint(database.url);
} finally {
  // Stops the embedded server only if this run started it.
  await database.stop();
}
if ('refusal' in outcome) fail(outcome.refusal);
process.stdout.write(`${outcome.token}\n`);
