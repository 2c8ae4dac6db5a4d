import { nativePool, Partner, ProvisionRecord, seedDemo, Subject } from '@provision/db';
import { createTestDatabase, type TestDatabase } from '@provision/testing';
import { ManualClock } from '@provision/util';
import { appendLedgerEntries, firstReleaseSql, purgeLedger, retentionCutoff, verifyLedger, type LedgerCaller } from './index.js';

// The anchor of `… after provision` must outlive the ledger rows it was read from: the retention
// purge deletes a partner's releases after 2 years, and a window computed from the ledger alone
// would then have no start, and be open again.
describe('the first release, through the retention purge', () => {
  let db: TestDatabase;
  let partners: string[];
  let subjects: string[];
  const now = new Date();
  const yearsAgo = (years: number) => new Date(now.getTime() - years * 365 * 24 * 3600 * 1000);
  const cutoff = retentionCutoff(now, 24);
  const em = () => db.orm.em.fork();

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(em(), new ManualClock(now), db.keyring);
    partners = (await em().find(Partner, {}, { orderBy: { code: 'asc' } })).map((partner) => partner.id);
    subjects = (await em().find(Subject, {}, { orderBy: { shopSubjectId: 'asc' } })).map((subject) => subject.id);
  });
  afterAll(() => db?.drop());

  let requests = 0;
  const partner = (partnerId: string, lane = 0): LedgerCaller => ({
    actorKind: 'PARTNER',
    partnerId,
    lane,
    clientId: `client-of-${partnerId.slice(0, 8)}`,
    tokenId: null,
    requestId: `req-${(requests += 1)}`,
  });
  const admin: LedgerCaller = { actorKind: 'ADMIN', clientId: 'privacy-admin', tokenId: null, requestId: 'req-admin', person: null };

  /** One ledger row of `subjectId` for `caller` at `occurredAt`: the receiver's name released, or (`deniedOnly`) denied. */
  async function append(caller: LedgerCaller, subjectId: string, occurredAt: Date, deniedOnly = false): Promise<void> {
    const entry = deniedOnly
      ? { itemsReleased: [], itemsDenied: [{ item: 'receiver.name', reason: 'WINDOW_CLOSED' }] }
      : { itemsReleased: ['receiver.name'], itemsDenied: [] };
    await appendLedgerEntries(await nativePool(em()), caller, occurredAt, [{ purpose: 'order.delivery', subjectId, orderId: null, ...entry }]);
  }

  /** What `firstReleaseSql` answers for the subjects and the partner, as the application's role reads it. */
  async function firstRelease(subjectIds: readonly string[], partnerId: string): Promise<Date | null> {
    const literal = (id: string) => `'${id}'::uuid`;
    const [row] = await em().execute<{ at: string | null }[]>(`select ${firstReleaseSql(subjectIds.map(literal), literal(partnerId))} as at`);
    return row.at === null ? null : new Date(row.at);
  }

  /** The ledger rows that released something of the subject to the partner. */
  const releasesLeft = (subjectId: string, partnerId: string) =>
    em().count(ProvisionRecord, { subject: subjectId, partner: partnerId, itemsReleased: { $ne: [] } });

  /** Every kept first release, the instant in epoch milliseconds. */
  const kept = () => em().execute<{ partnerId: string; subjectId: string; at: number }[]>(
    `select partner_id as "partnerId", subject_id as "subjectId", (extract(epoch from first_released_at) * 1000)::float8 as at
       from provision_first_releases order by partner_id, subject_id`,
  );

  /** The purge as the worker runs it, as the application's role (which the harness connects as); then the whole ledger verifies. */
  async function purge(): Promise<void> {
    await purgeLedger(em(), { cutoff, batchSize: 2 });
    expect((await verifyLedger(em())).breaks).toEqual([]);
  }

  it("answers the partner's first release after the purge removed every release of the subject to it", async () => {
    const [subject, other] = subjects;
    const seller = partners[0];
    await append(partner(seller), subject, yearsAgo(4));
    await append(partner(seller), subject, yearsAgo(3));
    await append(partner(seller), other, yearsAgo(3));
    expect(await firstRelease([subject], seller)).toEqual(yearsAgo(4));

    await purge();
    expect(await releasesLeft(subject, seller)).toBe(0);
    expect(await firstRelease([subject], seller)).toEqual(yearsAgo(4));
    // An engagement's subjects together: the earliest of them.
    expect(await firstRelease([other, subject], seller)).toEqual(yearsAgo(4));
    expect(await firstRelease([other], seller)).toEqual(yearsAgo(3));
    // Another partner received nothing of the subject: no window of its own started.
    expect(await firstRelease([subject], partners[1])).toBeNull();
  });

  it('keeps the earliest instant when several purges, or one purge in several chains, cut the same pair', async () => {
    const subject = subjects[2];
    const seller = partners[2];
    await append(partner(seller), subject, yearsAgo(3));
    await purge();
    expect(await firstRelease([subject], seller)).toEqual(yearsAgo(3));

    // A later release purged later does not move the anchor.
    await append(partner(seller), subject, yearsAgo(2.5));
    await purge();
    expect(await firstRelease([subject], seller)).toEqual(yearsAgo(3));

    // Rows written late with earlier instants (another lane of the partner's) move it back, to
    // the earliest of them, when one purge cuts both.
    await append(partner(seller, 1), subject, yearsAgo(4));
    await append(partner(seller, 2), subject, yearsAgo(5));
    await purge();
    expect(await releasesLeft(subject, seller)).toBe(0);
    expect(await firstRelease([subject], seller)).toEqual(yearsAgo(5));
    expect((await kept()).filter((row) => row.partnerId === seller)).toEqual([{ partnerId: seller, subjectId: subject, at: yearsAgo(5).getTime() }]);

    // A release still in the ledger is not the first when an earlier one was purged.
    await append(partner(seller), subject, now);
    expect(await firstRelease([subject], seller)).toEqual(yearsAgo(5));
  });

  it('keeps nothing of rows that released nothing, nor of admins\' reads', async () => {
    const subject = subjects[3];
    const broker = partners[3];
    const before = await kept();
    await append(partner(broker), subject, yearsAgo(3), true);
    await append(admin, subject, yearsAgo(3));
    await purge();
    expect(await em().count(ProvisionRecord, { subject, occurredAt: { $lt: cutoff } })).toBe(0);
    expect(await kept()).toEqual(before);
    expect(await firstRelease([subject], broker)).toBeNull();
  });

  it.each([
    ['INSERT', `insert into provision_first_releases (partner_id, subject_id, first_released_at) values (gen_random_uuid(), gen_random_uuid(), now())`],
    ['UPDATE', `update provision_first_releases set first_released_at = now()`],
    ['DELETE', 'delete from provision_first_releases'],
    ['TRUNCATE', 'truncate provision_first_releases'],
  ])('cannot be changed by the application role: %s', async (_, statement) => {
    await expect(em().execute(statement)).rejects.toThrow(/permission denied/);
  });
});
