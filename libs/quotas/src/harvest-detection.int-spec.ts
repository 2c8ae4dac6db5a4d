import type { EntityManager } from '@mikro-orm/postgresql';
import { HarvestAlert, nativePool, seedDemo } from '@provision/db';
import { addLedgerSubjects, createTestDatabase, scriptLedgerDay, type TestDatabase } from '@provision/testing';
import { ManualClock } from '@provision/util';
import { checkHarvest, harvestAlertTotals, pruneDailySubjects } from './harvest-detection.js';
import { claimDailySubjects } from './daily-ceiling.js';

// 15:00 KST on 30 March (Seoul), the day checked; the baseline is 2–29 March.
const NOW = new Date('2026-03-30T06:00:00Z');
const TODAY = '2026-03-30';
const THRESHOLDS = { factor: 3, minVolume: 50 };

let db: TestDatabase;
const em = (): EntityManager => db.orm.em.fork();

/** The Seoul day `daysBefore` days before TODAY. */
function dayBefore(daysBefore: number): string {
  return new Date(Date.parse(`${TODAY}T00:00:00Z`) - daysBefore * 86_400_000).toISOString().slice(0, 10);
}

const ledgerDay = (partnerCode: string, day: string, subjects: number, denied = 0) =>
  scriptLedgerDay(em(), { partnerCode, day, subjects, denied });

/** 28 ordinary days before today: 97, 104, 90, 97, 104, 90, … subjects (median 97). */
async function ordinaryMonth(partnerCode: string, options: { denied?: number; days?: number } = {}): Promise<void> {
  for (let daysBefore = 1; daysBefore <= (options.days ?? 28); daysBefore += 1) {
    await ledgerDay(partnerCode, dayBefore(daysBefore), 90 + ((daysBefore * 7) % 21), options.denied ?? 0);
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemo(em(), new ManualClock('2026-02-01T00:00:00Z'), db.keyring);
  await addLedgerSubjects(em(), 500);
  // hanbok-house: an ordinary month, then four times its usual subjects today.
  await ordinaryMonth('hanbok-house');
  await ledgerDay('hanbok-house', TODAY, 400);
  // seoul-sneakers: an ordinary month, and a busy but ordinary day.
  await ordinaryMonth('seoul-sneakers');
  await ledgerDay('seoul-sneakers', TODAY, 130);
  // kt-mhows: hardly ever denied, then a fifth of its subjects denied today (probing for items).
  await ordinaryMonth('kt-mhows', { denied: 1 });
  await ledgerDay('kt-mhows', TODAY, 100, 20);
  // incheon-customs-brokerage: new, three days of history: no baseline yet, whatever today looks like.
  await ordinaryMonth('incheon-customs-brokerage', { days: 3 });
  await ledgerDay('incheon-customs-brokerage', TODAY, 400);
  // ktis: a jump, but below the minimum volume.
  for (let daysBefore = 1; daysBefore <= 28; daysBefore += 1) await ledgerDay('ktis', dayBefore(daysBefore), 5);
  await ledgerDay('ktis', TODAY, 40);
});

afterAll(async () => {
  await db?.drop();
});

describe('checkHarvest', () => {
  it("raises an alert on a jump above the partner's own baseline, and none on ordinary variation, new partners or small volumes", async () => {
    const raised = await checkHarvest(em(), { ...THRESHOLDS, now: NOW });
    expect(raised.map(({ partnerCode, day, kind }) => ({ partnerCode, day, kind }))).toEqual([
      { partnerCode: 'hanbok-house', day: TODAY, kind: 'DISTINCT_SUBJECTS' },
      { partnerCode: 'kt-mhows', day: TODAY, kind: 'DENIAL_RATE' },
    ]);
    const [subjects, denials] = raised;
    expect(subjects).toMatchObject({ observed: 400, baseline: 97 });
    // 20 denied of 120 decided items, against a baseline of 1 in 91–105 floored at 2 %.
    expect(denials!.observed).toBeCloseTo(20 / 120);
    expect(denials!.baseline).toBe(0.02);
    expect(await em().count(HarvestAlert, {})).toBe(2);
  });

  it('raises each partner-day-kind once: a later check of the same day adds nothing', async () => {
    await ledgerDay('hanbok-house', TODAY, 450);
    expect(await checkHarvest(em(), { ...THRESHOLDS, now: new Date(NOW.getTime() + 15 * 60_000) })).toEqual([]);
    expect(Object.fromEntries(await harvestAlertTotals(em()))).toEqual({ DISTINCT_SUBJECTS: 1, DENIAL_RATE: 1 });
  });

  it('checks a past day on demand against the 28 days before it', async () => {
    // Yesterday was an ordinary day for everyone.
    expect(await checkHarvest(em(), { ...THRESHOLDS, now: NOW, day: dayBefore(1) })).toEqual([]);
  });
});

describe('pruneDailySubjects', () => {
  it("keeps today's and yesterday's ceiling rows and drops older ones", async () => {
    const [partner] = await em().execute<{ id: string }[]>("select id from partners where code = 'hanbok-house'");
    const [subject] = await em().execute<{ id: string }[]>("select id from subjects where shop_subject_id = 'ledger-script-000001'");
    for (const day of [dayBefore(2), dayBefore(1), TODAY]) {
      await claimDailySubjects(await nativePool(em()), { partnerId: partner!.id, day, ceiling: 5, subjectIds: [subject!.id] });
    }
    expect(await pruneDailySubjects(em(), NOW)).toBe(1);
    const days = await em().execute<{ day: string }[]>("select to_char(day, 'YYYY-MM-DD') as day from partner_daily_subjects order by day");
    expect(days.map((row) => row.day)).toEqual([dayBefore(1), TODAY]);
  });
});
