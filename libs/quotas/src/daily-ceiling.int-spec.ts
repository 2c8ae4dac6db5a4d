import { nativePool, seedDemo } from '@provision/db';
import { createTestDatabase, type TestDatabase } from '@provision/testing';
import { ManualClock } from '@provision/util';
import { claimDailySubjects } from './daily-ceiling.js';

let db: TestDatabase;
let partnerId: string;
let subjects: string[];

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemo(db.orm.em.fork(), new ManualClock('2026-02-01T00:00:00Z'), db.keyring);
  const em = db.orm.em.fork();
  [{ id: partnerId }] = (await em.execute<{ id: string }[]>("select id from partners where code = 'hanbok-house'")) as [{ id: string }];
  subjects = (await em.execute<{ id: string }[]>('select id from subjects order by shop_subject_id')).map((row) => row.id);
});

afterAll(async () => {
  await db?.drop();
});

const claim = async (day: string, ceiling: number, subjectIds: string[]) =>
  claimDailySubjects(await nativePool(db.orm.em.fork()), { partnerId, day, ceiling, subjectIds });

describe('claimDailySubjects', () => {
  it('admits in the order asked up to the ceiling, and keeps the places of subjects already counted', async () => {
    const [a, b, c, d] = subjects as [string, string, string, string];
    expect(await claim('2026-03-01', 2, [a, b, c])).toEqual(new Set([a, b]));
    expect(await claim('2026-03-01', 2, [c, b, a, d])).toEqual(new Set([a, b]));
    // Another day starts from nothing; a larger ceiling (a new agreement) makes room.
    expect(await claim('2026-03-02', 2, [d, c])).toEqual(new Set([d, c]));
    expect(await claim('2026-03-01', 3, [d, c])).toEqual(new Set([d]));
  });

  it('never admits more than the ceiling across parallel claims', async () => {
    const results = await Promise.all(subjects.map((subject) => claim('2026-03-03', 3, [subject])));
    expect(results.filter((admitted) => admitted.size === 1)).toHaveLength(3);
    const [row] = await db.orm.em
      .fork()
      .execute<{ subjects: number }[]>("select subjects from partner_daily_counts where partner_id = ? and day = '2026-03-03'", [partnerId]);
    expect(row!.subjects).toBe(3);
  });
});
