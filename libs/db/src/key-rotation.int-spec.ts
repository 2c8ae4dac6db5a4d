import { generateKeyringConfig, Keyring } from '@provision/crypto';
import { createTestDatabase, type TestDatabase } from '@provision/testing';
import { ManualClock } from '@provision/util';
import { Subject } from './entities/index.js';
import { rotateKeys } from './key-rotation.js';
import { itemValue, writeSubjectValue } from './subject-items.js';

const clock = new ManualClock('2026-11-22T03:00:00Z');
const keysA = generateKeyringConfig('a');
const keysB = generateKeyringConfig('b');
const ringA = Keyring.parse(keysA);
// B active, A still on the ring; the index key stays the same across a rotation.
const ringBA = Keyring.parse({ dataKeys: `${keysB.dataKeys},${keysA.dataKeys}`, indexKey: keysA.indexKey });
const code = (n: number) => `P${String(190400000000 + n).padStart(12, '0')}`;

describe('rotateKeys', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    const em = db.orm.em.fork();
    for (let n = 0; n < 25; n += 1) {
      const subject = em.create(Subject, { shopSubjectId: `rot-${n}`, kind: 'MEMBER', createdAt: clock.now(), updatedAt: clock.now() });
      writeSubjectValue(subject, 'customsCode', code(n), ringA);
      writeSubjectValue(subject, 'ci', `ci-${n}`, ringA);
    }
    await em.flush();
  });
  afterAll(() => db?.drop());

  const subjects = () => db.orm.em.fork().find(Subject, { shopSubjectId: { $like: 'rot-%' } }, { orderBy: { shopSubjectId: 'asc' } });

  it('moves every value to the active key in batches, keeps what they decrypt to, and a second pass finds nothing', async () => {
    const batches: number[] = [];
    const counts = await rotateKeys(db.orm, ringBA, { batchSize: 10, onBatch: (count) => batches.push(count.resealed) });
    expect(counts.find((count) => count.table === 'subjects')).toEqual({
      table: 'subjects',
      resealed: 50,
      sealedPlaintext: 0,
      unreadable: 0,
      remaining: 0,
    });
    expect(batches).toEqual([20, 40, 50]);
    for (const subject of await subjects()) {
      expect([subject.customsCode, subject.ci].map((value) => ringBA.keyIdOf(value!))).toEqual(['b', 'b']);
      expect(itemValue(subject, 'customsCode', ringBA)).toBe(code(Number(subject.shopSubjectId.slice(4))));
      expect(subject.customsCodeIndex).toBe(ringA.blindIndex(code(Number(subject.shopSubjectId.slice(4))), 'subjects.customs_code'));
    }
    // Without key A the values still open: nothing is left under it.
    const onlyB = Keyring.parse({ dataKeys: keysB.dataKeys, indexKey: keysA.indexKey });
    expect((await subjects()).map((subject) => itemValue(subject, 'ci', onlyB))).toHaveLength(25);
    const again = await rotateKeys(db.orm, ringBA);
    expect(again.every((count) => count.resealed + count.sealedPlaintext + count.remaining === 0)).toBe(true);
  });

  it('never overwrites a write made meanwhile: a row being written is skipped, and picked up by the next pass', async () => {
    const ringCB = Keyring.parse({ dataKeys: `c:${generateKeyringConfig().dataKeys.split(':')[1]},${keysB.dataKeys}`, indexKey: keysA.indexKey });
    const [first] = await subjects();
    // A running request holds the row: it writes a new code under the old active key, not yet committed.
    const writer = db.orm.em.fork();
    await writer.begin();
    const held = await writer.findOneOrFail(Subject, { id: first!.id });
    writeSubjectValue(held, 'customsCode', 'P999999999999', ringBA);
    await writer.flush();

    const counts = await rotateKeys(db.orm, ringCB, { batchSize: 7 });
    expect(counts.find((count) => count.table === 'subjects')).toMatchObject({ resealed: 48, remaining: 1 });
    await writer.commit();

    const [written] = await subjects();
    expect(itemValue(written!, 'customsCode', ringCB)).toBe('P999999999999');
    const next = await rotateKeys(db.orm, ringCB);
    expect(next.find((count) => count.table === 'subjects')).toMatchObject({ resealed: 2, remaining: 0 });
    const [rotated] = await subjects();
    expect(ringCB.keyIdOf(rotated!.customsCode!)).toBe('c');
    expect(itemValue(rotated!, 'customsCode', ringCB)).toBe('P999999999999');
  });

  it('seals plaintext left from before encryption at rest, with its blind index', async () => {
    // A row as an old database holds it: the CHECK is NOT VALID there, which this simulates as the
    // owner (the app role may not alter tables); the rotation itself runs as the app role.
    const connection = (await db.owner()).em.fork().getConnection();
    await connection.execute('alter table subjects drop constraint subjects_customs_code_sealed');
    await connection.execute(
      `insert into subjects (id, shop_subject_id, kind, customs_code, created_at, updated_at)
       values (gen_random_uuid(), 'rot-legacy', 'MEMBER', 'P123412341234', now(), now())`,
    );
    await connection.execute(
      `alter table subjects add constraint subjects_customs_code_sealed check (customs_code ~ '^v1\\.') not valid`,
    );
    const counts = await rotateKeys(db.orm, ringBA);
    expect(counts.find((count) => count.table === 'subjects')).toMatchObject({ sealedPlaintext: 1 });
    const legacy = await db.orm.em.fork().findOneOrFail(Subject, { shopSubjectId: 'rot-legacy' });
    expect(legacy.customsCode).toMatch(/^v1\.b\./);
    expect(itemValue(legacy, 'customsCode', ringBA)).toBe('P123412341234');
    expect(legacy.customsCodeIndex).toBe(ringBA.blindIndex('P123412341234', 'subjects.customs_code'));
  });
});
