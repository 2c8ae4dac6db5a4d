import { createHmac } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { generateKeyringConfig, Keyring } from '@provision/crypto';
import { Notice, openOrm, Partner, PREVIOUS_WEBHOOK_SECRET_COLUMN, sealWebhookSecret } from '@provision/db';
import type { NoticeType } from '@provision/domain';
import { createTestDatabase, startWebhookReceiver, type TestDatabase, type WebhookReceiver } from '@provision/testing';
import { ManualClock } from '@provision/util';
import { deliverDueNotices, type DeliveryOptions, NO_WEBHOOK, SEALED_VALUE_UNREADABLE, WEBHOOK_URL_NOT_ALLOWED } from './notice-delivery.js';
import { enqueueNotice } from './outbox.js';

const NOW = '2026-11-22T03:00:00.000Z';
const SECRET = 'whsec-hanbok-house-0123456789';
const MINUTE = 60_000;

let db: TestDatabase;
let clock: ManualClock;
let receiver: WebhookReceiver;
let partnerSeq = 0;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

beforeEach(async () => {
  clock = new ManualClock(NOW);
  receiver = await startWebhookReceiver({ secret: SECRET, now: () => clock.now() });
  // Notices of earlier tests stay, but every test uses fresh partners and counts only its own.
  await db.orm.em.fork().nativeUpdate(Notice, { status: 'PENDING' }, { status: 'DEAD', lastError: 'left by an earlier test' });
});
afterEach(() => receiver.stop());

async function partner(webhookUrl: string | null = receiver.url, webhookSecret: string | null = SECRET): Promise<Partner> {
  const em = db.orm.em.fork();
  partnerSeq += 1;
  const created = em.create(Partner, {
    code: `hanbok-house-${partnerSeq}`,
    nameKo: '한복하우스',
    nameEn: 'Hanbok House',
    kind: 'RECIPIENT',
    role: 'SELLER',
    privacyContactName: 'Privacy Officer',
    privacyContactEmail: 'privacy@hanbok-house.example',
    webhookUrl,
    registeredAt: new Date(NOW),
    registeredBy: 'privacy-admin',
  });
  created.webhookSecret = webhookSecret === null ? null : sealWebhookSecret(db.keyring, created.id, webhookSecret);
  await em.flush();
  return created;
}

async function notices(of: Partner, count = 1, type: NoticeType = 'window-closed'): Promise<string[]> {
  const em = db.orm.em.fork();
  const created = Array.from({ length: count }, (_, index) =>
    enqueueNotice(em, { partnerId: of.id, type, payload: { orders: [`MIK-${index + 1}`], closedAt: NOW } }, clock.now()),
  );
  await em.flush();
  return created.map((notice) => notice.id);
}

const load = (id: string) => db.orm.em.fork().findOneOrFail(Notice, id);

const deliver = (options: Partial<DeliveryOptions> = {}) =>
  deliverDueNotices({ orm: db.orm, clock, keyring: db.keyring, baseDelayMs: MINUTE, maxDelayMs: 60 * MINUTE, random: () => 1, ...options });

describe('deliverDueNotices', () => {
  it('POSTs a signed notice that the partner verifies, and marks it delivered', async () => {
    const createdAt = '2026-11-22T03:00:00.123Z';
    clock.set(createdAt);
    const [id] = await notices(await partner());
    clock.advance(1000);

    const report = await deliver();

    expect(report).toMatchObject({ claimed: 1, delivered: 1, retrying: 0, dead: 0, stale: 0 });
    expect(receiver.requests.map((request) => request.verdict)).toEqual(['accepted']);
    const [received] = receiver.notices;
    expect(received!.body).toEqual({
      id,
      type: 'window-closed',
      partner: { code: `hanbok-house-${partnerSeq}` },
      createdAt,
      payload: { orders: ['MIK-1'], closedAt: NOW },
    });
    expect(received!.timestamp).toBe(Math.floor(clock.now().getTime() / 1000));
    expect(receiver.requests[0]!.headers['content-type']).toBe('application/json');
    expect(await load(id!)).toMatchObject({ status: 'DELIVERED', attempts: 1, deliveredAt: clock.now(), lastError: null });

    // Standard Webhooks beside the deprecated headers: the notice id, the same timestamp, and the
    // base64 HMAC over "<id>.<timestamp>.<raw body>".
    const { headers, rawBody } = receiver.requests[0]!;
    const timestamp = String(received!.timestamp);
    const mac = createHmac('sha256', SECRET).update(`${id}.${timestamp}.${rawBody}`).digest('base64');
    expect([headers['webhook-id'], headers['webhook-timestamp'], headers['webhook-signature']]).toEqual([id, timestamp, `v1,${mac}`]);
  });

  it('keeps the secret and a notice’s personal values sealed at rest, and sends them opened', async () => {
    const hanbok = await partner();
    const em = db.orm.em.fork();
    const code = 'P190412345678';
    const { id } = enqueueNotice(
      em,
      { partnerId: hanbok.id, type: 'subject-corrected', payload: { shopSubjectId: 'member-1' }, personal: { values: { customsCode: code } } },
      clock.now(),
      db.keyring,
    );
    await em.flush();
    const [row] = await em.getConnection().execute<Record<string, unknown>[]>(
      `select n.*, p.webhook_secret from notices n join partners p on p.id = n.partner_id where n.id = ?`,
      [id],
    );
    expect(JSON.stringify(row)).not.toContain(code);
    expect(JSON.stringify(row)).not.toContain(SECRET);

    expect(await deliver()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(receiver.requests.map((request) => request.verdict)).toEqual(['accepted']);
    expect(receiver.notices[0]!.body.payload).toEqual({ shopSubjectId: 'member-1', values: { customsCode: code } });
  });

  it('retries, sending nothing, while the keyring cannot open the webhook secret', async () => {
    const [id] = await notices(await partner());
    const otherRing = Keyring.parse(generateKeyringConfig('other'));

    expect(await deliver({ keyring: otherRing })).toMatchObject({ claimed: 1, retrying: 1 });
    expect(receiver.requests).toHaveLength(0);
    expect(await load(id!)).toMatchObject({ status: 'PENDING', lastError: SEALED_VALUE_UNREADABLE });
  });

  it('claims only notices that are due', async () => {
    await notices(await partner());
    clock.advance(-1000);
    expect((await deliver()).claimed).toBe(0);
    expect(receiver.requests).toHaveLength(0);
  });

  it('retries with exponential backoff after failures, then delivers, never storing the response body', async () => {
    const [id] = await notices(await partner());
    receiver.failNext(2, 503);

    expect(await deliver()).toMatchObject({ claimed: 1, retrying: 1 });
    let notice = await load(id!);
    expect(notice).toMatchObject({ status: 'PENDING', attempts: 1, lastError: 'HTTP 503' });
    // random() = 1 pins full jitter to its ceiling: 1 minute after the first failure.
    expect(notice.nextAttemptAt).toEqual(new Date(Date.parse(NOW) + MINUTE));

    clock.advance(MINUTE - 1);
    expect((await deliver()).claimed).toBe(0);
    clock.advance(1);
    expect(await deliver()).toMatchObject({ claimed: 1, retrying: 1 });
    notice = await load(id!);
    expect(notice).toMatchObject({ attempts: 2, lastError: 'HTTP 503' });
    expect(notice.nextAttemptAt).toEqual(new Date(clock.now().getTime() + 2 * MINUTE));

    clock.advance(2 * MINUTE);
    expect(await deliver()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(await load(id!)).toMatchObject({ status: 'DELIVERED', attempts: 3, lastError: null, deliveredAt: clock.now() });
    expect(receiver.requests.map((request) => request.verdict)).toEqual(['failed', 'failed', 'accepted']);
    expect(new Set(receiver.requests.map((request) => request.noticeId))).toEqual(new Set([id]));
  });

  it('signs every attempt afresh, so a retry hours later still passes the 5-minute replay check', async () => {
    const [id] = await notices(await partner());
    receiver.failNext(1);
    await deliver();
    clock.advance(3 * 60 * MINUTE);
    await deliver();
    expect(receiver.notices.map((notice) => notice.id)).toEqual([id]);
    const stamps = receiver.requests.map((request) => Number(request.headers['x-provision-timestamp']));
    expect(stamps[1]! - stamps[0]!).toBe(3 * 60 * 60);
  });

  it('moves a notice to DEAD after the configured number of attempts and leaves it there', async () => {
    const [id] = await notices(await partner());
    await receiver.setDown(true);

    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const report = await deliver({ maxAttempts: 3 });
      expect(report).toMatchObject({ claimed: 1, retrying: attempt < 3 ? 1 : 0, dead: attempt < 3 ? 0 : 1 });
      clock.advance(60 * MINUTE);
    }
    expect(await load(id!)).toMatchObject({ status: 'DEAD', attempts: 3, lastError: 'ECONNREFUSED', deliveredAt: null });

    await receiver.setDown(false);
    clock.advance(24 * 60 * MINUTE);
    expect((await deliver({ maxAttempts: 3 })).claimed).toBe(0);
    expect(receiver.requests).toHaveLength(0);
  });

  it('delivers a notice whose 2xx got lost again under the same id, and the partner keeps one copy', async () => {
    const [id] = await notices(await partner());
    receiver.loseNextAcks(1);

    expect(await deliver()).toMatchObject({ retrying: 1 });
    expect(await load(id!)).toMatchObject({ status: 'PENDING', lastError: 'HTTP 500' });
    clock.advance(MINUTE);
    expect(await deliver()).toMatchObject({ delivered: 1 });

    expect(receiver.requests.map((request) => [request.noticeId, request.verdict])).toEqual([
      [id, 'ack-lost'],
      [id, 'duplicate'],
    ]);
    expect(receiver.notices.map((notice) => notice.id)).toEqual([id]);
    expect(await load(id!)).toMatchObject({ status: 'DELIVERED', attempts: 2 });
  });

  it('records a timeout as the error class', async () => {
    const slow = await startWebhookReceiver({ secret: SECRET, now: () => clock.now(), delayMs: 1000 });
    try {
      const [id] = await notices(await partner(slow.url));
      expect(await deliver({ timeoutMs: 100 })).toMatchObject({ retrying: 1 });
      expect(await load(id!)).toMatchObject({ status: 'PENDING', lastError: 'timeout' });
    } finally {
      await slow.stop();
    }
  });

  it('does not follow redirects: the signed notice goes only to the registered URL', async () => {
    const [id] = await notices(await partner());
    receiver.failNext(1, 307);
    await deliver();
    expect(await load(id!)).toMatchObject({ status: 'PENDING', lastError: 'HTTP 307' });
    expect(receiver.requests).toHaveLength(1);
  });

  it('marks notices of partners without a usable webhook DEAD at once, for admins to handle', async () => {
    const [none] = await notices(await partner(null, null));
    const [plain] = await notices(await partner('http://hanbok-house.example/notices'));

    expect(await deliver()).toMatchObject({ claimed: 2, dead: 2 });
    expect(await load(none!)).toMatchObject({ status: 'DEAD', attempts: 1, lastError: NO_WEBHOOK });
    expect(await load(plain!)).toMatchObject({ status: 'DEAD', attempts: 1, lastError: WEBHOOK_URL_NOT_ALLOWED });
  });

  it('a partner refuses a request whose signature was made with another secret', async () => {
    const [id] = await notices(await partner(receiver.url, 'a-rotated-out-secret'));
    await deliver();
    expect(receiver.requests.map((request) => [request.verdict, request.reason])).toEqual([['rejected', 'bad signature']]);
    expect(await load(id!)).toMatchObject({ status: 'PENDING', lastError: 'HTTP 401' });
  });

  it('signs with both secrets during a rotation\'s overlap, and with the new one only after it', async () => {
    // The receiver still knows only SECRET, which a rotation replaced an hour ago with a 2-hour overlap.
    const rotated = await partner(receiver.url, 'the-new-secret-after-rotation');
    const em = db.orm.em.fork();
    await em.nativeUpdate(Partner, { id: rotated.id }, {
      webhookSecretPrevious: sealWebhookSecret(db.keyring, rotated.id, SECRET, PREVIOUS_WEBHOOK_SECRET_COLUMN),
      webhookSecretPreviousUntil: new Date(clock.now().getTime() + 60 * MINUTE),
    });
    const [during] = await notices(rotated);
    await deliver();
    expect(await load(during!)).toMatchObject({ status: 'DELIVERED' });
    expect(String(receiver.requests[0]!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(String(receiver.requests[0]!.headers['x-provision-signature']).split(',')).toHaveLength(2);

    clock.advance(61 * MINUTE);
    const [after] = await notices(rotated);
    await deliver();
    expect(await load(after!)).toMatchObject({ status: 'PENDING', lastError: 'HTTP 401' });
    expect(String(receiver.requests[1]!.headers['webhook-signature']).split(' ')).toHaveLength(1);
  });

  it('drains a backlog in batches, each notice once', async () => {
    const ids = await notices(await partner(), 25);
    const reports = [];
    for (let round = 0; round < 4; round += 1) reports.push(await deliver({ batchSize: 10, concurrency: 4 }));
    expect(reports.map((report) => report.claimed)).toEqual([10, 10, 5, 0]);
    expect(receiver.notices.map((notice) => notice.id).sort()).toEqual([...ids].sort());
    expect(receiver.requests.every((request) => request.verdict === 'accepted')).toBe(true);
  });

  it('when stopped mid-batch, finishes what is in flight and releases the rest uncounted', async () => {
    const ids = await notices(await partner(), 5);
    const stop = new AbortController();
    const stopAfterFirst: typeof fetch = (input, init) => {
      stop.abort();
      return fetch(input, init);
    };

    const report = await deliver({ fetch: stopAfterFirst, concurrency: 1, signal: stop.signal });

    expect(report).toMatchObject({ claimed: 5, delivered: 1, released: 4, stale: 0 });
    const rows = await db.orm.em.fork().find(Notice, { id: { $in: ids } });
    expect(rows.filter((row) => row.status === 'DELIVERED')).toHaveLength(1);
    const released = rows.filter((row) => row.status === 'PENDING');
    expect(released.map((row) => [row.attempts, row.nextAttemptAt])).toEqual(Array(4).fill([0, clock.now()]));
    expect(await deliver({ signal: AbortSignal.abort() })).toMatchObject({ claimed: 0 });
    expect((await deliver()).delivered).toBe(4);
  });

  describe('with two deliverers (worker replicas) on their own connections', () => {
    let replica: MikroORM;
    beforeAll(async () => {
      replica = await openOrm(db.url, { poolSize: 2 });
    });
    afterAll(() => replica.close(true));

    it('delivers each of 1,000 notices exactly once', async () => {
      const ids = await notices(await partner(), 1000);

      const drain = async (orm: MikroORM) => {
        let total = 0;
        for (;;) {
          const report = await deliverDueNotices({ orm, clock, keyring: db.keyring, batchSize: 50, concurrency: 10 });
          total += report.claimed;
          if (report.claimed < 50) return total;
        }
      };
      const [first, second] = await Promise.all([drain(db.orm), drain(replica)]);

      expect(first + second).toBe(1000);
      expect(first).toBeGreaterThan(0);
      expect(second).toBeGreaterThan(0);
      expect(receiver.requests).toHaveLength(1000);
      expect(receiver.requests.filter((request) => request.verdict !== 'accepted')).toEqual([]);
      expect(receiver.notices.map((notice) => notice.id).sort()).toEqual([...ids].sort());
      const delivered = await db.orm.em.fork().count(Notice, { id: { $in: ids }, status: 'DELIVERED', attempts: 1 });
      expect(delivered).toBe(1000);
    });
  });
});
