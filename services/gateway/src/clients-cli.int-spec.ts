import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AccessChange, Client } from '@provision/db';
import { createTestDatabase, type TestDatabase } from '@provision/testing';
import { type GatewayHarness, startGatewayHarness } from './gateway.harness.js';

const NOW = '2026-11-22T03:00:00.000Z';
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('npm run clients -- add', () => {
  let db: TestDatabase;
  let harness: GatewayHarness;

  beforeAll(async () => {
    // A production database right after its migrations: no client at all, so no admin to add one.
    db = await createTestDatabase();
    harness = await startGatewayHarness(db.orm, NOW);
  });

  afterAll(async () => {
    await harness?.stop();
    await db?.drop();
  });

  /** The command as an operator runs it in the image, as the app role of deploy/roles.sql. */
  function clients(...args: string[]) {
    const { status, stdout, stderr } = spawnSync(
      process.execPath,
      ['--import', '@swc-node/register/esm-register', 'tools/clients.ts', ...args],
      { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', DATABASE_URL: db.url }, encoding: 'utf8', timeout: 60_000 },
    );
    return { status, out: `${stdout}${stderr}`.trim() };
  }

  it('registers the first admin with its permission-history entry, and its tokens work at once', async () => {
    const result = clients('add', '--kind', 'ADMIN', '--client-id', 'ops-admin', '--scopes', 'admin:read admin:write', '--actor', 'kim.jiwoo OPS-1234');
    expect(result).toEqual({ status: 0, out: 'added ADMIN client ops-admin with scopes admin:read admin:write' });

    const client = await db.orm.em.fork().findOneOrFail(Client, { clientId: 'ops-admin' });
    expect(client).toMatchObject({ kind: 'ADMIN', allowedScopes: ['admin:read', 'admin:write'], addedBy: 'cli:kim.jiwoo OPS-1234', revokedAt: null });
    const history = await db.orm.em.fork().find(AccessChange, { clientId: 'ops-admin' });
    expect(history.map((entry) => [entry.kind, entry.actor, entry.detail])).toEqual([
      ['CLIENT_ADDED', 'cli:kim.jiwoo OPS-1234', { clientKind: 'ADMIN', scopes: ['admin:read', 'admin:write'] }],
    ]);

    // The admin it made can now do the rest through the API, e.g. add the shop's backend.
    const token = await harness.token('ops-admin', ['admin:write']);
    const { body } = await harness.post(
      { query: 'mutation { addClient(input: { clientId: "shop-backend", kind: SHOP, scopes: ["shop:read", "shop:write"] }) { clientId } }' },
      token,
    );
    expect(body).toEqual({ data: { addClient: { clientId: 'shop-backend' } } });
  });

  it.each([
    [['--kind', 'ADMIN', '--client-id', 'ops-admin', '--scopes', 'admin:read', '--actor', 'kim OPS-1'], 'refused: clientId: client id is already registered (revoked ids are not reused)'],
    [['--kind', 'SHOP', '--client-id', 'shop-2', '--scopes', 'admin:read', '--actor', 'kim OPS-1'], 'refused: scopes[0]: a SHOP client may not hold this scope'],
    [['--kind', 'ADMIN', '--client-id', 'Bad Id', '--scopes', 'admin:read', '--actor', 'kim OPS-1'], 'refused: clientId: clientId must be 3-64 lowercase letters, digits or dashes'],
  ])('refuses %j, naming the field, and records nothing', async (args, message) => {
    const before = await db.orm.em.fork().count(AccessChange, {});
    expect(clients('add', ...args)).toEqual({ status: 1, out: message });
    expect(await db.orm.em.fork().count(AccessChange, {})).toBe(before);
  });

  it('prints its usage without an actor (every change names who made it)', () => {
    const result = clients('add', '--kind', 'ADMIN', '--client-id', 'ops-2', '--scopes', 'admin:read');
    expect(result.status).toBe(1);
    expect(result.out).toMatch(/^refused: usage: npm run clients -- add/);
  });
});
