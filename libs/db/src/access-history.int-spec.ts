import { createTestDatabase, type TestDatabase } from '@provision/testing';
import { AccessChange } from './entities/index.js';

// The migration that introduces the permission history backfills it from the registry's rows.
const BEFORE_HISTORY = 'Migration20261122075427_notice_acknowledged_by';

describe('access_changes', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
  });
  afterAll(() => db?.drop());

  it('is backfilled from partners, status changes, agreements and clients, and is append-only', async () => {
    // Migrations and the rows of an older schema version are the owner's to write.
    const owner = await db.owner();
    await owner.migrator.up({ to: BEFORE_HISTORY });
    const sql = (text: string) => owner.em.getConnection().execute(text);
    await sql(`
      insert into partners (id, code, name, kind, role, parent_id, consigned_task, privacy_contact_name, privacy_contact_email, registered_at, registered_by)
      values ('00000000-0000-4000-8000-000000000001', 'call-co', 'Call Co', 'CONSIGNEE', 'SUPPORT', null, 'calls', 'P', 'p@call.example', '2025-01-01T00:00:00Z', 'admin-a'),
             ('00000000-0000-4000-8000-000000000002', 'call-sub', 'Call Sub', 'CONSIGNEE', 'SUPPORT', '00000000-0000-4000-8000-000000000001', 'calls', 'P', 'p@sub.example', '2025-02-01T00:00:00Z', 'admin-b')`);
    await sql(`
      insert into partner_status_changes (id, partner_id, status, reason, effective_at, recorded_at, recorded_by)
      values ('00000000-0000-4000-8000-000000000011', '00000000-0000-4000-8000-000000000001', 'ACTIVE', 'registered', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 'admin-a'),
             ('00000000-0000-4000-8000-000000000012', '00000000-0000-4000-8000-000000000001', 'SUSPENDED', 'audit', '2025-03-01T00:00:00Z', '2025-02-20T00:00:00Z', 'admin-b')`);
    await sql(`
      insert into agreements (id, partner_id, version, retention_rule, legal_basis, consent_required, effective_from, published_at, published_by)
      values ('00000000-0000-4000-8000-000000000021', '00000000-0000-4000-8000-000000000001', 1, 'until partnership-termination', 'CONTRACT', false, '2025-01-02T00:00:00Z', '2025-01-02T00:00:00Z', 'admin-a')`);
    await sql(`
      insert into agreement_grants (id, agreement_id, item, purpose)
      values ('00000000-0000-4000-8000-000000000031', '00000000-0000-4000-8000-000000000021', 'name', 'support.call-center'),
             ('00000000-0000-4000-8000-000000000032', '00000000-0000-4000-8000-000000000021', 'mobile', 'support.call-center')`);
    await sql(`
      insert into clients (client_id, kind, partner_id, allowed_scopes, added_at, revoked_at, added_by)
      values ('call-co-app', 'PARTNER', '00000000-0000-4000-8000-000000000001', '{partner:read,pii:name}', '2025-01-03T00:00:00Z', '2025-04-01T00:00:00Z', 'admin-a'),
             ('ops-admin', 'ADMIN', null, '{admin:read}', '2025-01-04T00:00:00Z', null, 'seed')`);

    await owner.migrator.up();

    const em = owner.em.fork();
    const rows = await em.find(AccessChange, {}, { orderBy: { id: 'asc' } });
    expect(rows.map((row) => [row.at.toISOString().slice(0, 10), row.actor, row.kind, row.partner?.id.slice(-2) ?? null, row.clientId])).toEqual([
      ['2025-01-01', 'admin-a', 'PARTNER_REGISTERED', '01', null],
      ['2025-01-01', 'admin-a', 'STATUS_CHANGED', '01', null],
      ['2025-01-02', 'admin-a', 'AGREEMENT_PUBLISHED', '01', null],
      ['2025-01-03', 'admin-a', 'CLIENT_ADDED', '01', 'call-co-app'],
      ['2025-01-04', 'seed', 'CLIENT_ADDED', null, 'ops-admin'],
      ['2025-02-01', 'admin-b', 'PARTNER_REGISTERED', '02', null],
      ['2025-02-20', 'admin-b', 'STATUS_CHANGED', '01', null],
      ['2025-04-01', 'unrecorded', 'CLIENT_REVOKED', '01', 'call-co-app'],
    ]);
    expect(rows.map((row) => row.detail)).toEqual([
      { code: 'call-co', partnerKind: 'CONSIGNEE', role: 'SUPPORT', parentPartnerCode: null, country: 'KR', backfilled: true },
      { status: 'ACTIVE', reason: 'registered', effectiveAt: '2025-01-01T00:00:00.000Z', backfilled: true },
      {
        version: 1,
        retentionRule: 'until partnership-termination',
        legalBasis: 'CONTRACT',
        consentRequired: false,
        effectiveFrom: '2025-01-02T00:00:00.000Z',
        grants: [
          { item: 'mobile', purpose: 'support.call-center' },
          { item: 'name', purpose: 'support.call-center' },
        ],
        backfilled: true,
      },
      { clientKind: 'PARTNER', scopes: ['partner:read', 'pii:name'], backfilled: true },
      { clientKind: 'ADMIN', scopes: ['admin:read'], backfilled: true },
      { code: 'call-sub', partnerKind: 'CONSIGNEE', role: 'SUPPORT', parentPartnerCode: 'call-co', country: 'KR', backfilled: true },
      { status: 'SUSPENDED', reason: 'audit', effectiveAt: '2025-03-01T00:00:00.000Z', backfilled: true },
      { clientKind: 'PARTNER', scopes: ['partner:read', 'pii:name'], reason: 'unrecorded', backfilled: true },
    ]);

    // No role can edit or erase the history, not even the owner.
    await expect(sql(`update access_changes set actor = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(sql(`delete from access_changes`)).rejects.toThrow(/append-only/);
    await expect(sql(`truncate access_changes`)).rejects.toThrow(/append-only/);
    expect(await em.count(AccessChange)).toBe(8);
  });
});
