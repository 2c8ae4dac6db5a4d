import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CONSENT_RECEIPT_VERSION, consentReceiptOf, globalNumber, type ReceiptPurpose } from './consent-receipt.js';
import { TEST_CONTROLLER } from './controller.harness.js';

// The receipt's JSON checked against the schema written from the Kantara specification (see the
// schema file's description for its source), turned into a validator by zod's `fromJSONSchema`.
const schemaText = readFileSync(new URL('./kantara-consent-receipt-v1.1.schema.json', import.meta.url), 'utf8');
const receiptSchema = z.fromJSONSchema(JSON.parse(schemaText));
const problems = (value: unknown) => receiptSchema.safeParse(value).error?.issues.map((issue) => issue.path.join('.')) ?? [];

const controller = TEST_CONTROLLER;
const row = {
  id: '6f1c1f52-3f7b-4f2e-9c59-0f0e5d0c7a11',
  channel: 'APP' as const,
  givenAt: '2026-02-09T03:00:00.000Z',
  withdrawnAt: null,
  legalRepresentative: false,
  retentionRule: 'P3M after purchase-confirmation',
  version: 1,
  partnerKind: 'RECIPIENT' as const,
  partnerNameEn: 'Hanbok House',
  partnerNameKo: '한복하우스',
  grants: [
    { item: 'receiver.name', purpose: 'order.delivery' },
    { item: 'receiver.address', purpose: 'order.delivery' },
    { item: 'customsCode', purpose: 'customs.clearance' },
  ],
};

describe('consentReceiptOf (Kantara Consent Receipt v1.1)', () => {
  it('gives a receipt the schema accepts, in English and in Korean', () => {
    for (const language of ['en', 'ko'] as const) {
      expect(problems(consentReceiptOf(row, 'member-0001', controller, language))).toEqual([]);
    }
  });

  it('names the recipient as third party, the purposes, the items as PII categories and the termination as text', () => {
    const receipt = consentReceiptOf(row, 'member-0001', controller, 'en');
    expect(receipt).toMatchObject({
      version: CONSENT_RECEIPT_VERSION,
      jurisdiction: 'KR',
      consentTimestamp: 1_770_606_000,
      collectionMethod: 'mobile app',
      consentReceiptID: row.id,
      piiPrincipalId: 'member-0001',
      policyUrl: controller.policyUrl,
      sensitive: true,
      spiCat: ['personal customs clearance code'],
    });
    expect(receipt.services).toHaveLength(1);
    expect(receipt.services[0]!.purposes.map((purpose) => [purpose.purposeCategory, purpose.piiCategory, purpose.thirdPartyName])).toEqual([
      [['order.delivery'], ["receiver's name", 'delivery address'], 'Hanbok House'],
      [['customs.clearance'], ['personal customs clearance code'], 'Hanbok House'],
    ]);
    expect(receipt.services[0]!.purposes[0]!.termination).toMatch(/^Provision ends 3 months after purchase confirmation, or when consent is withdrawn/);
    expect(consentReceiptOf(row, 'member-0001', controller, 'ko').services[0]!.purposes[0]!.thirdPartyName).toBe('한복하우스');
  });

  it('says in the termination who consented for a child and when the consent was withdrawn', () => {
    const withdrawn = consentReceiptOf({ ...row, legalRepresentative: true, withdrawnAt: '2026-03-01T00:00:00.000Z' }, 'member-0001', controller, 'en');
    expect(withdrawn.services[0]!.purposes[0]!.termination).toMatch(/legal representative \(PIPA Art\. 22-2\)\. Consent withdrawn at 2026-03-01T00:00:00\.000Z\.$/);
    expect(problems(withdrawn)).toEqual([]);
  });

  it('the schema refuses what the specification requires: a missing field, a wrong version, a third party without a name', () => {
    const receipt = consentReceiptOf(row, 'member-0001', controller, 'en');
    const withoutPrincipal: Partial<typeof receipt> = { ...receipt };
    delete withoutPrincipal.piiPrincipalId;
    expect(problems(withoutPrincipal)).toEqual(['piiPrincipalId']);
    expect(problems({ ...receipt, version: 'KI-CR-v1.0.0' })).toEqual(['version']);
    expect(problems({ ...receipt, consentTimestamp: new Date().toISOString() })).toEqual(['consentTimestamp']);
    const nameless: Partial<ReceiptPurpose> = { ...receipt.services[0]!.purposes[0]! };
    delete nameless.thirdPartyName;
    expect(problems({ ...receipt, services: [{ ...receipt.services[0]!, purposes: [nameless] }] })).not.toEqual([]);
    expect(problems({ ...receipt, services: [{ ...receipt.services[0]!, purposes: [{ ...nameless, thirdPartyDisclosure: false }] }] })).toEqual([]);
    expect(problems({ ...receipt, piiControllers: [] })).toEqual(['piiControllers']);
    // 4.5.13: sensitive PII names its categories; 4.4.8: the telephone is an RFC 3966 global number.
    expect(problems({ ...receipt, spiCat: [] })).not.toEqual([]);
    expect(problems({ ...receipt, sensitive: false, spiCat: [] })).toEqual([]);
    expect(problems({ ...receipt, piiControllers: [{ ...receipt.piiControllers[0]!, phone: '02-123-4567' }] })).toEqual(['piiControllers.0.phone']);
  });

  it("gives the controller's domestic telephone number as a global one", () => {
    expect(globalNumber('02-123-4567')).toBe('+82-2-123-4567');
    expect(globalNumber('+82-2-123-4567')).toBe('+82-2-123-4567');
    expect(consentReceiptOf(row, 'member-0001', { ...controller, phone: '1588-0000' }, 'en').piiControllers[0]!.phone).toBe('+82-1588-0000');
  });
});
