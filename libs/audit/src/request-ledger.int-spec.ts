import { nativePool, Order, ProvisionRecord, seedDemo } from '@provision/db';
import { createTestDatabase, type TestDatabase } from '@provision/testing';
import { ManualClock } from '@provision/util';
import { RequestLedger } from './request-ledger.js';

describe('RequestLedger', () => {
  let db: TestDatabase;
  let order: Order;
  const at = new Date('2026-03-01T03:00:00Z');

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.orm.em.fork(), new ManualClock(at), db.keyring);
    order = await db.orm.em.fork().findOneOrFail(Order, { shopOrderId: { $like: '%' } }, { orderBy: { shopOrderId: 'asc' } });
  });

  afterAll(async () => {
    await db?.drop();
  });

  const caller = () => ({ actorKind: 'PARTNER' as const, partnerId: order.seller.id, clientId: 'seller-x', tokenId: 'jti-1', requestId: 'req-ledger-1' });

  it('writes one row per subject and order, with released items and denied items with reasons', async () => {
    const ledger = new RequestLedger(caller());
    const base = { purpose: 'order.delivery', orderId: order.id };
    ledger.record({ ...base, subjectId: order.receiver.id, item: 'receiver.name', denied: null });
    ledger.record({ ...base, subjectId: order.receiver.id, item: 'receiver.address', denied: null });
    ledger.record({ ...base, subjectId: order.receiver.id, item: 'receiver.address', denied: null });
    ledger.record({ ...base, subjectId: order.receiver.id, item: 'customsCode', denied: 'WINDOW_CLOSED' });
    ledger.record({ ...base, subjectId: order.buyer.id, item: 'name', denied: 'ITEM_NOT_GRANTED' });
    expect(await ledger.flush(await nativePool(db.orm.em.fork()), at)).toBe(order.receiver.id === order.buyer.id ? 1 : 2);
    const rows = await db.orm.em.fork().find(ProvisionRecord, { requestId: 'req-ledger-1', subject: order.receiver.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      occurredAt: at,
      clientId: 'seller-x',
      tokenId: 'jti-1',
      purpose: 'order.delivery',
      itemsReleased: ['receiver.address', 'receiver.name'],
      itemsDenied: expect.arrayContaining([{ item: 'customsCode', reason: 'WINDOW_CLOSED' }]),
    });
    expect(rows[0]?.order?.id).toBe(order.id);
  });

  it('writes nothing for a request that touched no personal data, and refuses late records', async () => {
    const ledger = new RequestLedger(caller());
    const before = await db.orm.em.fork().count(ProvisionRecord);
    expect(await ledger.flush(await nativePool(db.orm.em.fork()), at)).toBe(0);
    expect(await db.orm.em.fork().count(ProvisionRecord)).toBe(before);
    expect(() =>
      ledger.record({ purpose: 'order.delivery', subjectId: order.buyer.id, orderId: null, item: 'name', denied: null }),
    ).toThrow(/already written/);
  });

  it('refuses to record for a caller that is neither a partner nor an admin', () => {
    expect(() =>
      new RequestLedger(null).record({ purpose: 'order', subjectId: order.buyer.id, orderId: null, item: 'name', denied: null }),
    ).toThrow(/only a partner or admin/);
  });
});
