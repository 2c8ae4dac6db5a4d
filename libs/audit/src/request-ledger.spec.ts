import { ledgerEntriesOf } from './request-ledger.js';

describe('ledgerEntriesOf', () => {
  it('makes one entry per purpose, subject and order, however its decisions interleave, items sorted', () => {
    const event = (subjectId: string, orderId: string | null, item: string, denied: 'WINDOW_CLOSED' | null = null, purpose = 'order.delivery') => ({
      purpose,
      subjectId,
      orderId,
      item,
      denied,
    });
    const entries = ledgerEntriesOf([
      event('s1', 'o1', 'receiver.phone'),
      event('s2', 'o2', 'receiver.name'),
      event('s1', 'o1', 'receiver.name'),
      event('s1', 'o1', 'customsCode', 'WINDOW_CLOSED'),
      event('s1', 'o9', 'receiver.name'),
      event('s1', 'o1', 'receiver.address', 'WINDOW_CLOSED'),
      event('s1', 'o1', 'receiver.name', null, 'order.cs'),
    ]);
    expect(entries).toEqual([
      {
        purpose: 'order.delivery',
        subjectId: 's1',
        orderId: 'o1',
        itemsReleased: ['receiver.name', 'receiver.phone'],
        itemsDenied: [
          { item: 'customsCode', reason: 'WINDOW_CLOSED' },
          { item: 'receiver.address', reason: 'WINDOW_CLOSED' },
        ],
      },
      { purpose: 'order.delivery', subjectId: 's2', orderId: 'o2', itemsReleased: ['receiver.name'], itemsDenied: [] },
      { purpose: 'order.delivery', subjectId: 's1', orderId: 'o9', itemsReleased: ['receiver.name'], itemsDenied: [] },
      { purpose: 'order.cs', subjectId: 's1', orderId: 'o1', itemsReleased: ['receiver.name'], itemsDenied: [] },
    ]);
  });
});
