import { agreementInForce, grantCovers, validateAgreementDraft, type AgreementContext, type AgreementDraft } from './agreement.js';
import { inputErrorOf } from './input-error.harness.js';

const now = new Date('2026-03-01T00:00:00Z');

const draft = (overrides: Partial<AgreementDraft> = {}): AgreementDraft => ({
  grants: [
    { item: 'receiver.name', purpose: 'order.delivery' },
    { item: 'receiver.address', purpose: 'order.delivery' },
  ],
  retentionRule: 'P3M after purchase-confirmation',
  legalBasis: 'CONSENT',
  consentRequired: true,
  effectiveFrom: now,
  ...overrides,
});

const recipient: AgreementContext = { partnerKind: 'RECIPIENT', partnerStatusAtEffectiveFrom: 'ACTIVE', now };
const consignee: AgreementContext = { ...recipient, partnerKind: 'CONSIGNEE' };


describe('validateAgreementDraft', () => {
  it('returns the parsed rule and the grants sorted by item, then purpose', () => {
    const result = validateAgreementDraft(
      draft({
        grants: [
          { item: 'receiver.phone', purpose: 'order.delivery' },
          { item: 'customsCode', purpose: 'customs.clearance' },
          { item: 'receiver.name', purpose: 'order.customer-service' },
          { item: 'receiver.name', purpose: 'order.delivery' },
        ],
      }),
      recipient,
    );
    expect(result).toEqual({
      grants: [
        { item: 'customsCode', purpose: 'customs.clearance' },
        { item: 'receiver.name', purpose: 'order.customer-service' },
        { item: 'receiver.name', purpose: 'order.delivery' },
        { item: 'receiver.phone', purpose: 'order.delivery' },
      ],
      rule: { kind: 'after-event', anchor: 'purchase-confirmation', duration: expect.objectContaining({ months: 3 }) },
      legalBasis: 'CONSENT',
      statute: null,
      consentRequired: true,
      effectiveFrom: now,
      quota: { dailySubjectCeiling: null, rateCapacity: null, rateRefillPerMinute: null },
    });
  });

  describe('statute', () => {
    const statutory = (statute: string | null | undefined) =>
      draft({ legalBasis: 'STATUTE', consentRequired: false, statute, grants: [{ item: 'customsCode', purpose: 'customs.clearance' }] });

    it('keeps the article a STATUTE basis rests on', () => {
      expect(validateAgreementDraft(statutory('customs-act.art-241'), recipient).statute).toBe('customs-act.art-241');
    });

    it.each([
      [undefined, 'a STATUTE legal basis names the article of the statute it rests on'],
      [null, 'a STATUTE legal basis names the article of the statute it rests on'],
      ['customs-act', 'names an act; cite one of its articles'],
      ['customs-act.art-9999', 'is not an article of the statute catalog'],
    ])('refuses a STATUTE basis citing %j', (statute, message) => {
      expect(inputErrorOf(() => validateAgreementDraft(statutory(statute), recipient))).toMatchObject({ field: 'statute', message });
    });

    it('refuses a statute under any other basis: it would name a law the provision does not rest on', () => {
      expect(inputErrorOf(() => validateAgreementDraft(draft({ statute: 'customs-act.art-241' }), recipient))).toMatchObject({
        field: 'statute',
        message: 'is cited only by a STATUTE legal basis',
      });
    });
  });

  describe('quota', () => {
    it('keeps the limits given and leaves the others unset', () => {
      const { quota } = validateAgreementDraft(draft({ quota: { dailySubjectCeiling: 500, rateCapacity: 100 } }), recipient);
      expect(quota).toEqual({ dailySubjectCeiling: 500, rateCapacity: 100, rateRefillPerMinute: null });
    });

    it.each([
      ['dailySubjectCeiling', 0],
      ['dailySubjectCeiling', -1],
      ['rateCapacity', 1.5],
      ['rateRefillPerMinute', Number.NaN],
      ['rateRefillPerMinute', 10_000_001],
    ] as const)('refuses %s = %d, naming the field', (field, value) => {
      expect(inputErrorOf(() => validateAgreementDraft(draft({ quota: { [field]: value } }), recipient))).toMatchObject({
        field,
        message: 'must be an integer from 1 to 10000000, or null',
      });
    });
  });

  it('drops duplicate grants, including ones that differ only by surrounding spaces', () => {
    const { grants } = validateAgreementDraft(
      draft({
        grants: [
          { item: 'name', purpose: 'service.gift-voucher' },
          { item: ' name ', purpose: 'service.gift-voucher\t' },
          { item: 'name', purpose: 'service.gift-voucher' },
        ],
      }),
      recipient,
    );
    expect(grants).toEqual([{ item: 'name', purpose: 'service.gift-voucher' }]);
  });

  it('keeps a grant for a parent purpose next to one for its child: both were agreed', () => {
    const { grants } = validateAgreementDraft(
      draft({ grants: [{ item: 'name', purpose: 'order.delivery' }, { item: 'name', purpose: 'order' }] }),
      recipient,
    );
    expect(grants).toEqual([
      { item: 'name', purpose: 'order' },
      { item: 'name', purpose: 'order.delivery' },
    ]);
  });

  describe('grants', () => {
    it('needs at least one', () => {
      expect(inputErrorOf(() => validateAgreementDraft(draft({ grants: [] }), recipient))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'grants',
        message: 'at least one item × purpose grant is required',
      });
    });

    it.each([
      ['unknown', 'password', 'is not an item of the item catalog'],
      ['misspelt', 'reciever.name', 'is not an item of the item catalog'],
      ['wrong case', 'Name', 'is not an item of the item catalog'],
      ['empty', '', 'is not an item of the item catalog'],
      ['a group', 'receiver', 'is a group of items; grant its items one by one'],
    ])('refuses an item that is %s, naming its index', (_, item, message) => {
      const grants = [
        { item: 'name', purpose: 'order' },
        { item: 'mobile', purpose: 'order' },
        { item, purpose: 'order' },
      ];
      expect(inputErrorOf(() => validateAgreementDraft(draft({ grants }), recipient))).toMatchObject({
        field: 'grants[2].item',
        message,
      });
    });

    it.each(['marketing', 'order.shipping', 'Order', ''])('refuses the unknown purpose %j, naming its index', (purpose) => {
      expect(
        inputErrorOf(() => validateAgreementDraft(draft({ grants: [{ item: 'name', purpose }] }), recipient)),
      ).toMatchObject({ field: 'grants[0].purpose', message: 'is not a purpose of the purpose catalog' });
    });

    it.each(['subject-rights.access', 'statutory', 'statutory.investigation'])(
      "refuses %j: the shop's own duties are never granted to a partner",
      (purpose) => {
        expect(
          inputErrorOf(() => validateAgreementDraft(draft({ grants: [{ item: 'name', purpose }] }), recipient)),
        ).toMatchObject({ field: 'grants[0].purpose', message: expect.stringContaining('never granted to a partner') });
      },
    );

    it('accepts a group purpose, which covers its children', () => {
      expect(validateAgreementDraft(draft({ grants: [{ item: 'name', purpose: 'support' }] }), recipient).grants).toEqual([
        { item: 'name', purpose: 'support' },
      ]);
    });

    it('does not echo the rejected value in the message', () => {
      const error = inputErrorOf(() =>
        validateAgreementDraft(draft({ grants: [{ item: 'kim.minsu@example.com', purpose: 'order' }] }), recipient),
      );
      expect(error.message).not.toContain('kim');
    });
  });

  describe('retentionRule', () => {
    it("refuses a rule that does not parse, with the parser's message", () => {
      expect(
        inputErrorOf(() => validateAgreementDraft(draft({ retentionRule: 'P3M after delivery' }), recipient)),
      ).toMatchObject({
        field: 'retentionRule',
        message: expect.stringMatching(/^does not parse: unknown anchor "delivery"; expected one of purchase-confirmation/),
      });
    });

    it.each(['until partnership-termination', 'until 2027-12-31', 'P6M after subscription-end'])('accepts %j', (retentionRule) => {
      expect(() => validateAgreementDraft(draft({ retentionRule }), recipient)).not.toThrow();
    });
  });

  describe('legal basis and consent', () => {
    it.each([
      ['RECIPIENT', 'CONSENT', true],
      ['RECIPIENT', 'CONTRACT', false],
      ['RECIPIENT', 'CONTRACT', true],
      ['RECIPIENT', 'STATUTE', false],
      ['CONSIGNEE', 'CONTRACT', false],
      ['CONSIGNEE', 'STATUTE', false],
    ] as const)('accepts a %s on %s with consentRequired = %s', (partnerKind, legalBasis, consentRequired) => {
      const context = partnerKind === 'RECIPIENT' ? recipient : consignee;
      const statute = legalBasis === 'STATUTE' ? 'customs-act.art-241' : null;
      expect(validateAgreementDraft(draft({ legalBasis, consentRequired, statute }), context)).toMatchObject({ legalBasis, consentRequired });
    });

    it('refuses CONSENT without per-subject consent', () => {
      expect(
        inputErrorOf(() => validateAgreementDraft(draft({ legalBasis: 'CONSENT', consentRequired: false }), recipient)),
      ).toMatchObject({ field: 'consentRequired', message: 'must be true when the legal basis is CONSENT' });
    });

    it.each([true, false])('refuses CONSENT as the basis of a consignee (consentRequired = %s)', (consentRequired) => {
      expect(
        inputErrorOf(() => validateAgreementDraft(draft({ legalBasis: 'CONSENT', consentRequired }), consignee)),
      ).toMatchObject({ field: 'legalBasis', message: expect.stringContaining('must be CONTRACT or STATUTE') });
    });

    it('refuses a basis outside the vocabulary', () => {
      const legalBasis = 'LEGITIMATE_INTEREST' as unknown as AgreementDraft['legalBasis'];
      expect(inputErrorOf(() => validateAgreementDraft(draft({ legalBasis }), recipient))).toMatchObject({
        field: 'legalBasis',
        message: 'must be one of CONSENT, STATUTE, CONTRACT',
      });
    });
  });

  describe('partner status', () => {
    it('refuses a partner terminated by the time the version takes effect', () => {
      expect(
        inputErrorOf(() => validateAgreementDraft(draft(), { ...recipient, partnerStatusAtEffectiveFrom: 'TERMINATED' })),
      ).toMatchObject({ field: 'partnerId', message: 'partner is terminated; no agreement can be published to it' });
    });

    it('accepts a suspended partner: the agreement waits for the resumption', () => {
      expect(() => validateAgreementDraft(draft(), { ...recipient, partnerStatusAtEffectiveFrom: 'SUSPENDED' })).not.toThrow();
    });
  });

  describe('effectiveFrom', () => {
    it.each([
      ['now', 0],
      ['5 minutes ago', -5 * 60_000],
      ['next month', 31 * 24 * 60 * 60_000],
    ])('accepts %s', (_, offset) => {
      const effectiveFrom = new Date(now.getTime() + offset);
      expect(validateAgreementDraft(draft({ effectiveFrom }), recipient).effectiveFrom).toEqual(effectiveFrom);
    });

    it('refuses more than 5 minutes in the past', () => {
      const effectiveFrom = new Date(now.getTime() - 5 * 60_000 - 1);
      expect(inputErrorOf(() => validateAgreementDraft(draft({ effectiveFrom }), recipient))).toMatchObject({
        field: 'effectiveFrom',
        message: 'must not be more than 5 minutes in the past',
      });
    });

    it('refuses an invalid date', () => {
      expect(
        inputErrorOf(() => validateAgreementDraft(draft({ effectiveFrom: new Date(Number.NaN) }), recipient)),
      ).toMatchObject({ field: 'effectiveFrom', message: 'must be a valid date' });
    });
  });

  it('reports the partner before anything else, then effectiveFrom, grants, retention rule, legal basis', () => {
    const everythingWrong = draft({
      grants: [],
      retentionRule: 'forever',
      legalBasis: 'CONSENT',
      consentRequired: false,
      effectiveFrom: new Date(0),
    });
    const fields = [
      { partnerStatusAtEffectiveFrom: 'TERMINATED' as const },
      {},
    ].map((context) => inputErrorOf(() => validateAgreementDraft(everythingWrong, { ...recipient, ...context })).field);
    expect(fields).toEqual(['partnerId', 'effectiveFrom']);
    expect(inputErrorOf(() => validateAgreementDraft({ ...everythingWrong, effectiveFrom: now }, recipient)).field).toBe('grants');
    expect(
      inputErrorOf(() => validateAgreementDraft({ ...everythingWrong, effectiveFrom: now, grants: draft().grants }, recipient)).field,
    ).toBe('retentionRule');
    expect(
      inputErrorOf(() =>
        validateAgreementDraft(
          { ...everythingWrong, effectiveFrom: now, grants: draft().grants, retentionRule: 'until partnership-termination' },
          recipient,
        ),
      ).field,
    ).toBe('consentRequired');
  });
});

describe('grantCovers', () => {
  const grants = [
    { item: 'receiver.name', purpose: 'order' },
    { item: 'customsCode', purpose: 'customs.clearance' },
  ];

  it.each([
    ['receiver.name', 'order', true],
    ['receiver.name', 'order.delivery', true],
    ['receiver.name', 'order.customer-service', true],
    ['customsCode', 'customs.clearance', true],
    ['customsCode', 'customs', false],
    ['customsCode', 'order.delivery', false],
    ['receiver.name', 'customs.clearance', false],
    ['receiver.phone', 'order.delivery', false],
    ['receiver', 'order.delivery', false],
    ['receiver.name', 'order.unknown', false],
  ])('%s for %s: %s', (item, purpose, expected) => {
    expect(grantCovers(grants, item, purpose)).toBe(expected);
  });

  it('covers nothing without grants', () => {
    expect(grantCovers([], 'name', 'order')).toBe(false);
  });
});

describe('agreementInForce', () => {
  const version = (number: number, iso: string) => ({ version: number, effectiveFrom: new Date(iso), label: `v${number}` });
  const v1 = version(1, '2026-01-01T00:00:00Z');
  const v2 = version(2, '2026-03-01T00:00:00Z');

  it('is null before the first version takes effect', () => {
    expect(agreementInForce([v1, v2], new Date('2025-12-31T23:59:59.999Z'))).toBeNull();
    expect(agreementInForce([], now)).toBeNull();
  });

  it('switches to a new version at the instant it takes effect', () => {
    expect(agreementInForce([v1, v2], new Date('2026-02-28T23:59:59.999Z'))).toBe(v1);
    expect(agreementInForce([v1, v2], new Date('2026-03-01T00:00:00Z'))).toBe(v2);
  });

  it('does not depend on the order the versions are listed in', () => {
    expect(agreementInForce([v2, v1], new Date('2026-06-01T00:00:00Z'))).toBe(v2);
  });

  it('keeps a newer version in force when an older one was dated later', () => {
    // Version 1 was published to start in May; version 2 replaced it before that, starting in March.
    const late1 = version(1, '2026-05-01T00:00:00Z');
    expect(agreementInForce([late1, v2], new Date('2026-04-01T00:00:00Z'))).toBe(v2);
    expect(agreementInForce([late1, v2], new Date('2026-06-01T00:00:00Z'))).toBe(v2);
  });
});
