import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { listDatabases } from './database-admin.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

// initdb takes about a second, but several times that on a loaded 2-core machine; this is a hang
// guard, not a speed assertion.
const INITDB_TIMEOUT_MS = 60_000;

describe('startEmbeddedPostgres', () => {
  let parent: string;
  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'provision-embedded-spec-'));
  });
  afterEach(() => rm(parent, { recursive: true, force: true }));

  it('initialises a persistent cluster once and restarts it with the same credentials', async () => {
    // mkdtemp makes a private directory; as root the server runs as `postgres` and must enter it.
    await chmod(parent, 0o755);
    const dataDir = join(parent, 'pg');

    const first = await startEmbeddedPostgres({ dataDir, persistent: true });
    try {
      expect(first.initialised).toBe(true);
      expect(first.port).not.toBe(5432);
      expect(await listDatabases(first.url, 'postgres')).toEqual(['postgres']);
    } finally {
      await first.stop();
    }

    const second = await startEmbeddedPostgres({ dataDir, persistent: true });
    try {
      expect(second.initialised).toBe(false);
      expect(second.timings.initdbMs).toBeNull();
      expect(await listDatabases(second.url, 'postgres')).toEqual(['postgres']);
    } finally {
      await second.stop();
      await second.stop();
    }
    expect(await readdir(dataDir)).toContain('PG_VERSION');
  }, INITDB_TIMEOUT_MS);

  it('deletes a throw-away cluster when stopped', async () => {
    const dataDir = join(parent, 'pg');
    await chmod(parent, 0o755);
    const server = await startEmbeddedPostgres({ dataDir, persistent: false });
    await server.stop();
    expect(await readdir(parent)).toEqual([]);
  }, INITDB_TIMEOUT_MS);

  (userInfo().uid === 0 ? it : it.skip)('names the directory the postgres user cannot enter', async () => {
    await chmod(parent, 0o700);
    await expect(startEmbeddedPostgres({ dataDir: join(parent, 'pg'), persistent: true })).rejects.toThrow(
      `no search permission on ${parent}`,
    );
  });
});
