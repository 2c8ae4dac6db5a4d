import fc from 'fast-check';
import { decide, type ProvisionFacts, type ProvisionGrant, withoutCeilingPlace } from './decision.js';
import { DENIAL_REASONS, type DenialReason } from './errors.js';
import { ITEM_KEYS } from './item.catalog.js';
import { PURPOSE_KEYS } from './purpose.catalog.js';
import { parseRetentionRule } from './retention-rule.js';
import { PARTNER_STATUSES } from './vocabulary.js';

// Property tests of the decision (fast-check). `FC_SEED=<n>` replays a failing run; `FC_RUNS` sets
// how many cases each property tries (default 500: the decision is pure and fast).
const params = {
  numRuns: Number(process.env['FC_RUNS'] ?? 500),
  ...(process.env['FC_SEED'] ? { seed: Number(process.env['FC_SEED']) } : {}),
};

const RULES = [
  'P3M after purchase-confirmation',
  'P1D after delivery-completion',
  'P6M after subscription-end',
  'P1Y after case-closure',
  'P30D after provision',
  'until partnership-termination',
  'until 2027-12-31',
].map(parseRetentionRule);

// Valid instants from year 1 to 9999: the database cannot hold anything else (an invalid Date is a
// bug upstream, and the retention rules refuse it with a RangeError rather than guess).
const instant = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true });
const maybeInstant = fc.option(instant, { nil: null });
// Catalog keys, near misses and hostile text: the decision must never trust a key it is given.
const key = fc.oneof(
  fc.constantFrom(...ITEM_KEYS, ...PURPOSE_KEYS),
  fc.string(),
  fc.constantFrom('', ' receiver.name', 'receiver.nаme' /* Cyrillic а */, "name'; drop table subjects; --", '<script>'),
);
const grant: fc.Arbitrary<ProvisionGrant> = fc.record({ item: key, purpose: key });

const anyFacts: fc.Arbitrary<ProvisionFacts> = fc.record({
  purpose: key,
  item: key,
  scopes: fc.array(fc.oneof(key, key.map((text) => `pii:${text}`))).map((scopes) => new Set(scopes)),
  partner: fc.record({
    status: fc.constantFrom(...PARTNER_STATUSES),
    country: fc.oneof(fc.constantFrom('KR', 'US', 'kr', ''), fc.string()),
    overseasTransferBasis: fc.option(fc.string(), { nil: null }),
    terminatedAt: maybeInstant,
  }),
  agreement: fc.option(
    fc.record({ grants: fc.array(grant, { maxLength: 6 }), rule: fc.constantFrom(...RULES), consentRequired: fc.boolean() }),
    { nil: null },
  ),
  consents: fc.array(
    fc.record({ grants: fc.array(grant, { maxLength: 4 }), givenAt: instant, withdrawnAt: maybeInstant, legalRepresentative: fc.boolean() }),
    { maxLength: 3 },
  ),
  consentingSubject: fc.record({
    birthDate: fc.option(fc.oneof(fc.string(), instant.map((date) => date.toISOString().slice(0, 10))), { nil: null }),
    under14: fc.boolean(),
  }),
  membershipWithdrawnAt: maybeInstant,
  anchors: fc.record(
    {
      purchaseConfirmedAt: maybeInstant,
      deliveredAt: maybeInstant,
      subscriptionEndedAt: maybeInstant,
      caseClosedAt: maybeInstant,
      providedAt: maybeInstant,
    },
    { requiredKeys: [] },
  ),
  suspensions: fc.array(fc.record({ requestedAt: instant, resumedAt: maybeInstant }), { maxLength: 2 }),
  corrections: fc.array(fc.record({ items: fc.array(key, { maxLength: 3 }), requestedAt: instant, appliedAt: maybeInstant }), {
    maxLength: 2,
  }),
  dailyCeiling: fc.option(fc.record({ ceiling: fc.integer({ min: 1 }), admitted: fc.boolean() }), { nil: null }),
  now: instant,
});

// A seller asking for a receiver's address for delivery, with every check passing.
const grants: readonly ProvisionGrant[] = [{ item: 'receiver.address', purpose: 'order.delivery' }];
const now = new Date('2026-03-01T00:00:00Z');
const before = new Date('2026-02-20T00:00:00Z');
const passing: ProvisionFacts = {
  purpose: 'order.delivery',
  item: 'receiver.address',
  scopes: new Set(['partner:read', 'pii:receiver.address']),
  partner: { status: 'ACTIVE', country: 'KR', overseasTransferBasis: null, terminatedAt: null },
  agreement: { grants, rule: parseRetentionRule('P3M after purchase-confirmation'), consentRequired: true },
  consents: [{ grants, givenAt: new Date('2026-01-10T00:00:00Z'), withdrawnAt: null, legalRepresentative: false }],
  consentingSubject: { birthDate: '1990-04-12', under14: false },
  membershipWithdrawnAt: null,
  anchors: { purchaseConfirmedAt: new Date('2026-01-31T15:00:00Z') },
  suspensions: [],
  corrections: [],
  dailyCeiling: { ceiling: 10, admitted: true },
  now,
};

type Break = (facts: ProvisionFacts) => ProvisionFacts;
/**
 * Ways to fail each check, listed in DESIGN.md's order of the checks. Breaks in one group touch the
 * same fact, so a case applies at most one per group.
 */
const BREAKS: readonly { reason: DenialReason; group: string; apply: Break }[] = [
  { reason: 'SCOPE_MISSING', group: 'scopes', apply: (f) => ({ ...f, scopes: new Set(['partner:read']) }) },
  { reason: 'PARTNERSHIP_ENDED', group: 'status', apply: (f) => ({ ...f, partner: { ...f.partner, status: 'TERMINATED' } }) },
  { reason: 'PARTNER_SUSPENDED', group: 'status', apply: (f) => ({ ...f, partner: { ...f.partner, status: 'SUSPENDED' } }) },
  { reason: 'ITEM_NOT_GRANTED', group: 'agreement', apply: (f) => ({ ...f, agreement: null }) },
  {
    reason: 'PURPOSE_NOT_PERMITTED',
    group: 'agreement',
    apply: (f) => ({ ...f, agreement: f.agreement && { ...f.agreement, grants: [{ item: 'receiver.address', purpose: 'order.returns' }] } }),
  },
  { reason: 'CONSENT_MISSING', group: 'consents', apply: (f) => ({ ...f, consents: [] }) },
  {
    reason: 'CONSENT_WITHDRAWN',
    group: 'consents',
    apply: (f) => ({ ...f, consents: f.consents.map((consent) => ({ ...consent, withdrawnAt: before })) }),
  },
  { reason: 'GUARDIAN_CONSENT_MISSING', group: 'age', apply: (f) => ({ ...f, consentingSubject: { birthDate: '2016-05-01', under14: false } }) },
  { reason: 'WINDOW_CLOSED', group: 'anchors', apply: (f) => ({ ...f, anchors: { purchaseConfirmedAt: new Date('2025-10-01T00:00:00Z') } }) },
  { reason: 'PROCESSING_SUSPENDED', group: 'suspensions', apply: (f) => ({ ...f, suspensions: [{ requestedAt: before, resumedAt: null }] }) },
  {
    reason: 'UNDER_CORRECTION',
    group: 'corrections',
    apply: (f) => ({ ...f, corrections: [{ items: [f.item], requestedAt: before, appliedAt: null }] }),
  },
  { reason: 'OVERSEAS_TRANSFER_NOT_PERMITTED', group: 'country', apply: (f) => ({ ...f, partner: { ...f.partner, country: 'US' } }) },
  { reason: 'DAILY_CEILING_REACHED', group: 'ceiling', apply: (f) => ({ ...f, dailyCeiling: { ceiling: 10, admitted: false } }) },
];

/** Any set of breaks with at most one per group, in random order of application. */
const someBreaks = fc
  .shuffledSubarray([...BREAKS.keys()])
  .map((indexes) => indexes.filter((index, at) => !indexes.slice(0, at).some((other) => BREAKS[other]?.group === BREAKS[index]?.group)));

// Random facts almost never pass every check; these pass all but the broken ones (none, at times).
const brokenFacts = someBreaks.map((indexes) => indexes.reduce((facts, index) => BREAKS[index]!.apply(facts), passing));

describe('decide (properties)', () => {
  it('is total: any facts give a release or one of the listed reasons, never an exception', () => {
    fc.assert(
      fc.property(anyFacts, (facts) => {
        const decision = decide(facts);
        expect(decision.release || DENIAL_REASONS.includes(decision.reason)).toBe(true);
      }),
      params,
    );
  });

  it('never releases when a check fails, and names the first failing check in the order of DESIGN.md', () => {
    fc.assert(
      fc.property(someBreaks, (indexes) => {
        const applied = indexes.map((index) => BREAKS[index]!);
        const facts = applied.reduce((current, { apply }) => apply(current), passing);
        const first = [...applied].sort((a, b) => BREAKS.indexOf(a) - BREAKS.indexOf(b))[0];
        expect(decide(facts)).toEqual(first ? { release: false, reason: first.reason } : { release: true });
      }),
      params,
    );
  });

  it('releases only what the token scope, the agreement and the ceiling all allow', () => {
    fc.assert(
      fc.property(anyFacts, (facts) => {
        if (!decide(facts).release) return;
        expect(facts.scopes.has(`pii:${facts.item}`)).toBe(true);
        expect(facts.partner.status).toBe('ACTIVE');
        expect(facts.agreement?.grants.some((granted) => granted.item === facts.item)).toBe(true);
        expect(facts.dailyCeiling?.admitted ?? true).toBe(true);
      }),
      params,
    );
  });

  it('withoutCeilingPlace gives, from the decision, what decide gives the same facts without a place under a ceiling', () => {
    fc.assert(
      fc.property(fc.oneof(anyFacts, brokenFacts, fc.constant({ ...passing, dailyCeiling: null })), fc.integer({ min: 1 }), (facts, ceiling) => {
        const withoutPlace = decide({ ...facts, dailyCeiling: { ceiling, admitted: false } });
        expect(withoutCeilingPlace(decide(facts))).toEqual(withoutPlace);
      }),
      params,
    );
  });

  it('is deterministic: the same facts give the same answer', () => {
    fc.assert(
      fc.property(anyFacts, (facts) => {
        expect(decide(facts)).toEqual(decide(facts));
      }),
      params,
    );
  });
});
