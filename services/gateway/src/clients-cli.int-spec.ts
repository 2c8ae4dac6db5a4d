import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AccessChange, Client } from '@provision/db';
import { createTestDatabase, type TestDatabase } from '@provision/testing';
import { ManualClock } from '@provision/util';
import { addClientCommand, checkClientsArguments, parseClientsArguments } from './clients.command.js';
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

  /** The command run in-process on the suite's database (as the app role), answering its line or refusal. */
  async function clients(...argv: string[]): Promise<string> {
    try {
      return await addClientCommand(db.orm, new ManualClock(NOW), checkClientsArguments(parseClientsArguments(argv)));
    } catch (err) {
      return `refused: ${(err as Error).message}`;
    }
  }

  it('registers the first admin as the image runs it, with its permission-history entry, and its tokens work at once', async () => {
    // The entry itself, as an operator runs it in the image, as the app role of deploy/roles.sql.
    const { status, stdout, stderr } = spawnSync(
      process.execPath,
      ['--import', '@swc-node/register/esm-register', 'tools/clients.ts', 'add', '--kind', 'ADMIN', '--client-id', 'ops-admin',
        '--scopes', 'admin:read admin:write', '--actor', 'kim.jiwoo OPS-1234'],
      { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', DATABASE_URL: db.url }, encoding: 'utf8', timeout: 90_000 },
    );
    expect({ status, out: `${stdout}${stderr}`.trim() }).toEqual({ status: 0, out: 'added ADMIN client ops-admin with scopes admin:read admin:write' });

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
  }, 120_000);

  it.each([
    [['--kind', 'ADMIN', '--client-id', 'ops-admin', '--scopes', 'admin:read', '--actor', 'kim OPS-1'], 'refused: clientId: client id is already registered (revoked ids are not reused)'],
    [['--kind', 'SHOP', '--client-id', 'shop-2', '--scopes', 'admin:read', '--actor', 'kim OPS-1'], 'refused: scopes[0]: a SHOP client may not hold this scope'],
    [['--kind', 'ADMIN', '--client-id', 'Bad Id', '--scopes', 'admin:read', '--actor', 'kim OPS-1'], 'refused: clientId: clientId must be 3-64 lowercase letters, digits or dashes'],
    [['--kind', 'PARTNER', '--client-id', 'nobody-api', '--partner', 'nobody', '--scopes', 'partner:read', '--actor', 'kim OPS-1'], 'refused: partner: no partner with code nobody'],
    [['--kind', 'ROOT', '--client-id', 'root', '--scopes', 'admin:read', '--actor', 'kim OPS-1'], 'refused: kind must be one of PARTNER, SHOP, ADMIN'],
    [['--kind', 'ADMIN', '--client-id', 'ops-2', '--scopes', 'admin:read', '--actor', '!'], 'refused: actor must be 3-100 letters, digits, spaces or ._@#:/- (who runs this, and why)'],
  ])('refuses %j, naming the field, and records nothing', async (args, message) => {
    const before = await db.orm.em.fork().count(AccessChange, {});
    expect(await clients('add', ...args)).toBe(message);
    expect(await db.orm.em.fork().count(AccessChange, {})).toBe(before);
  });

  it('answers its usage without an actor (every change names who made it), or for another command', async () => {
    expect(await clients('add', '--kind', 'ADMIN', '--client-id', 'ops-2', '--scopes', 'admin:read')).toMatch(/^refused: usage: npm run clients -- add/);
    expect(await clients('remove', '--client-id', 'ops-admin')).toMatch(/^refused: usage:/);
  });
});
