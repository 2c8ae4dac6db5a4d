import type { EntityManager } from '@mikro-orm/postgresql';
import { RequestLedger } from '@provision/audit';
import { Client, type DeniedItem, nativePool, Partner, recordAccessChange, Subject } from '@provision/db';
import type { DenialReason } from '@provision/domain';

// A known ledger history for hanbok-house, reviewed for October 2026 (Seoul), shared by the
// review library's and the gateway's tests. Times are Seoul wall-clock times.

/** The clock of the tests: 2 November 2026, 09:00 in Seoul — October is over. */
export const REVIEW_NOW = '2026-11-02T00:00:00Z';
export const REVIEWED_MONTH = '2026-10';

interface Entry {
  at: string;
  subject: string;
  request: string;
  purpose?: string;
  released?: string[];
  denied?: DeniedItem[];
  partner?: string;
}

const NAME_ADDRESS = ['receiver.name', 'receiver.address'];
const CUSTOMS_MISSING: DeniedItem[] = [{ item: 'customsCode', reason: 'SCOPE_MISSING' }];
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => `S${from + index}`);

/**
 * March: S14. April: S1–S5 (April is the first month of October's 6-month lookback).
 * July (baseline): S6–S9, 2 items each. August: S1, S6, S10, S11, 1 item each, S10 also a denial.
 * September: S12, S13, 1 item each.
 * October: S1 at 02:00 on the 1st (17:00 UTC on 30 September), S6 at 05:59, S12 at 06:00, S14 at
 * 02:30, S20–S22 at 03:00, S23–S31 at 14:00 each with a SCOPE_MISSING denial, S40 only denied
 * (WINDOW_CLOSED × 2) at 23:30 on the 31st; then S1 at 00:30 on 1 November (not October) and one
 * record of another partner.
 */
export const REVIEW_HISTORY: readonly Entry[] = [
  { at: '2026-03-20T10:00', subject: 'S14', request: 'mar', released: ['receiver.name'] },
  ...range(1, 5).map((subject) => ({ at: '2026-04-15T12:00', subject, request: 'apr', released: ['receiver.name'] })),
  ...range(6, 9).map((subject) => ({ at: '2026-07-10T11:00', subject, request: 'jul', released: NAME_ADDRESS })),
  ...['S1', 'S6', 'S11'].map((subject) => ({ at: '2026-08-12T15:00', subject, request: 'aug', released: ['receiver.name'] })),
  { at: '2026-08-12T15:00', subject: 'S10', request: 'aug', released: ['receiver.name'], denied: CUSTOMS_MISSING },
  ...['S12', 'S13'].map((subject) => ({ at: '2026-09-30T23:59', subject, request: 'sep', released: ['receiver.phone'], purpose: 'order.customer-service' })),
  { at: '2026-10-01T02:00', subject: 'S1', request: 'oct-1', released: NAME_ADDRESS },
  { at: '2026-10-05T05:59', subject: 'S6', request: 'oct-2', released: ['receiver.name'] },
  { at: '2026-10-05T06:00', subject: 'S12', request: 'oct-3', released: ['receiver.phone'], purpose: 'order.customer-service' },
  { at: '2026-10-10T02:30', subject: 'S14', request: 'oct-4', released: ['receiver.name'] },
  ...range(20, 22).map((subject) => ({ at: '2026-10-20T03:00', subject, request: 'oct-5', released: NAME_ADDRESS })),
  ...range(23, 31).map((subject) => ({ at: '2026-10-15T14:00', subject, request: 'oct-6', released: NAME_ADDRESS, denied: CUSTOMS_MISSING })),
  {
    at: '2026-10-31T23:30',
    subject: 'S40',
    request: 'oct-7',
    denied: [
      { item: 'receiver.name', reason: 'WINDOW_CLOSED' },
      { item: 'receiver.address', reason: 'WINDOW_CLOSED' },
    ],
  },
  { at: '2026-11-01T00:30', subject: 'S1', request: 'nov-1', released: ['receiver.name'] },
  { at: '2026-10-12T10:00', subject: 'S1', request: 'other', released: ['receiver.name'], partner: 'seoul-sneakers' },
];

const seoul = (wall: string) => new Date(`${wall}:00+09:00`);

/**
 * Writes the history (subjects, ledger records) and one access change in October (hanbok-house's
 * client loses the customs-code scope on 7 October) into a seeded database.
 */
export async function writeReviewHistory(em: EntityManager): Promise<void> {
  const partners = new Map((await em.find(Partner, {})).map((partner) => [partner.code, partner]));
  const subjects = new Map<string, Subject>();
  for (const entry of REVIEW_HISTORY) {
    if (subjects.has(entry.subject)) continue;
    const at = seoul('2026-01-01T00:00');
    subjects.set(entry.subject, em.create(Subject, { shopSubjectId: `review-${entry.subject}`, kind: 'MEMBER', createdAt: at, updatedAt: at }));
  }
  await em.flush();
  // Through the real RequestLedger, in time order: each entry joins its partner's hash chain as a request would.
  const chronological = [...REVIEW_HISTORY].sort((a, b) => a.at.localeCompare(b.at));
  for (const entry of chronological) {
    const partner = partners.get(entry.partner ?? 'hanbok-house') as Partner;
    const ledger = new RequestLedger({
      actorKind: 'PARTNER',
      partnerId: partner.id,
      clientId: `client-of-${partner.code}`,
      tokenId: null,
      requestId: entry.request,
    });
    const recorded = { purpose: entry.purpose ?? 'order.delivery', subjectId: (subjects.get(entry.subject) as Subject).id, orderId: null };
    for (const item of entry.released ?? []) ledger.record({ ...recorded, item, denied: null });
    for (const { item, reason } of entry.denied ?? []) ledger.record({ ...recorded, item, denied: reason as DenialReason });
    await ledger.flush(await nativePool(em), seoul(entry.at));
  }
  const client = await em.findOneOrFail(Client, { clientId: 'seller-hanbok-house' });
  const before = [...client.allowedScopes];
  client.allowedScopes = before.filter((scope) => scope !== 'pii:customsCode');
  recordAccessChange(em, seoul('2026-10-07T10:00'), 'privacy-admin', {
    kind: 'CLIENT_SCOPES_CHANGED',
    client,
    detail: { before, after: client.allowedScopes, reason: 'customs code not needed' },
  });
  await em.flush();
}
