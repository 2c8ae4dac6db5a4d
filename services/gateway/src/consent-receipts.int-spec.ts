import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Consent, DEMO_CLIENT_IDS, Subject } from '@provision/db';
import { useSeededGateway } from './gateway.harness.js';

// A subject's consents as Kantara Consent Receipts v1.1 over HTTP, each checked against the schema
// written from the specification into the repository (libs/reports, see its description for the source).
const NOW = '2026-03-01T03:00:00Z';
const SCHEMA = new URL('../../../libs/reports/src/kantara-consent-receipt-v1.1.schema.json', import.meta.url);
const receiptSchema = z.fromJSONSchema(JSON.parse(readFileSync(SCHEMA, 'utf8')));

interface Receipt {
  consentReceiptID: string;
  piiPrincipalId: string;
  services: { service: string; purposes: { purposeCategory: string[]; piiCategory: string[]; thirdPartyName: string; termination: string }[] }[];
}

describe('consent receipts (Kantara v1.1)', () => {
  const suite = useSeededGateway(NOW);

  async function receipts(shopSubjectId: string, scopes = ['admin:read'], query = '') {
    const token = await suite.harness.token(DEMO_CLIENT_IDS.privacyAdmin, scopes);
    return fetch(`${suite.harness.base}/admin/subjects/${shopSubjectId}/consent-receipts${query}`, { headers: { authorization: `Bearer ${token}` } });
  }

  it("exports every consent of the subject as a receipt the specification's schema accepts", async () => {
    const response = await receipts('member-0001', ['admin:read'], '?lang=en');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as Receipt[];
    const subject = await suite.db.orm.em.fork().findOneOrFail(Subject, { shopSubjectId: 'member-0001' });
    const consents = await suite.db.orm.em.fork().find(Consent, { subject: subject.id }, { orderBy: { givenAt: 'asc' } });
    expect(body.map((receipt) => receipt.consentReceiptID)).toEqual(consents.map((consent) => consent.id));
    for (const receipt of body) expect(receiptSchema.safeParse(receipt).error?.issues ?? []).toEqual([]);
    const hanbok = body.find((receipt) => receipt.services[0]!.service.includes('Hanbok House'));
    expect(new Set(hanbok?.services[0]!.purposes.map((purpose) => purpose.thirdPartyName))).toEqual(new Set(['Hanbok House']));
    expect(hanbok?.services[0]!.purposes[0]!.termination).toMatch(/after purchase confirmation/);
    // Items are named, never valued.
    expect(JSON.stringify(body)).not.toContain(subject.name!);
  });

  it('answers in Korean by default, 404 for an unknown subject, 400 for a malformed id, 403 without admin:read', async () => {
    const korean = (await (await receipts('member-0001')).json()) as Receipt[];
    expect(korean[0]!.services[0]!.service).toMatch(/^개인정보 제공:/);
    expect((await receipts('nobody-0001')).status).toBe(404);
    expect((await receipts('bad%20id')).status).toBe(400);
    expect((await receipts('member-0001', ['shop:read'])).status).toBe(403);
  });
});
