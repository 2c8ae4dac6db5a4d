import { DEMO_CLIENT_IDS, openWebhookSecret, Partner, PREVIOUS_WEBHOOK_SECRET_COLUMN } from '@provision/db';
import { useSeededGateway } from './gateway.harness.js';
import { loadOperation } from './operations.harness.js';

const NOW = '2026-03-01T03:00:00Z';
const REGISTER = loadOperation('admin/register-partner');
const ROTATE = loadOperation('admin/rotate-webhook-secret');

interface Rotation {
  webhookSecret: string;
  webhookSigningSecret: string;
  previousSignsUntil: string;
}

describe('rotateWebhookSecret over HTTP', () => {
  const suite = useSeededGateway(NOW);
  const admin = async <TData>(query: string, variables: Record<string, unknown>) =>
    (await suite.harness.post<TData>({ query, variables }, await suite.harness.token(DEMO_CLIENT_IDS.privacyAdmin, ['admin:read', 'admin:write']))).body;

  it('returns a new secret once, and keeps the old one sealed, signing until the overlap ends', async () => {
    const registered = await admin<{ registerPartner: { webhookSecret: string; partner: { id: string } } }>(REGISTER, {
      input: {
        code: 'rotation-outlet',
        nameKo: '(주)로테이션아울렛',
        nameEn: 'Rotation Outlet Co., Ltd.',
        kind: 'RECIPIENT',
        role: 'SELLER',
        privacyContact: { name: 'Privacy Officer', email: 'privacy@rotation-outlet.example', phone: '02-000-0000' },
        webhookUrl: 'https://hooks.rotation-outlet.example/provision',
        clientIds: ['seller-rotation-outlet'],
      },
    });
    expect(registered.errors).toBeUndefined();
    const { webhookSecret: first, partner } = registered.data!.registerPartner;

    const rotated = await admin<{ rotateWebhookSecret: Rotation }>(ROTATE, { partnerId: partner.id, overlapHours: 48 });
    expect(rotated.errors).toBeUndefined();
    const { webhookSecret, webhookSigningSecret, previousSignsUntil } = rotated.data!.rotateWebhookSecret;
    expect(webhookSecret).not.toBe(first);
    expect(webhookSigningSecret).toBe(`whsec_${Buffer.from(webhookSecret).toString('base64')}`);
    expect(previousSignsUntil).toBe('2026-03-03T03:00:00.000Z');

    const row = await suite.db.orm.em.fork().findOneOrFail(Partner, partner.id);
    expect([row.webhookSecret, row.webhookSecretPrevious].every((sealed) => sealed?.startsWith('v1.'))).toBe(true);
    expect(openWebhookSecret(suite.db.keyring, partner.id, row.webhookSecret!)).toBe(webhookSecret);
    expect(openWebhookSecret(suite.db.keyring, partner.id, row.webhookSecretPrevious!, PREVIOUS_WEBHOOK_SECRET_COLUMN)).toBe(first);
  });

  it('refuses an overlap beyond a week and a partner without a webhook, naming the field', async () => {
    const [partner] = await suite.db.orm.em.fork().find(Partner, { webhookSecret: null }, { limit: 1 });
    const tooLong = await admin(ROTATE, { partnerId: partner!.id, overlapHours: 169 });
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'overlapHours' });
    const none = await admin(ROTATE, { partnerId: partner!.id });
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'partnerId' });
  });
});
