import {
  decide,
  type Decision,
  type ProvisionConsent,
  type ProvisionFacts,
  type ProvisionGrant,
  withoutCeilingPlace,
} from './decision.js';
import { DENIAL_REASONS, type DenialReason } from './errors.js';
import { parseRetentionRule, type RetentionAnchors } from './retention-rule.js';

const at = (iso: string) => new Date(iso);
const ms = (date: Date, delta: number) => new Date(date.getTime() + delta);
const released: Decision = { release: true };
const denied = (reason: DenialReason): Decision => ({ release: false, reason });

const sellerGrants: readonly ProvisionGrant[] = [
  { item: 'receiver.name', purpose: 'order.delivery' },
  { item: 'receiver.address', purpose: 'order.delivery' },
  { item: 'receiver.phone', purpose: 'order' },
];

// Purchase confirmed at 2026-02-01 00:00 KST; `P3M after purchase-confirmation` closes the window
// at 2026-05-01 00:00 KST = 2026-04-30T15:00:00Z.
const confirmedAt = at('2026-01-31T15:00:00Z');
const closesAt = at('2026-04-30T15:00:00Z');
const now = at('2026-03-01T00:00:00Z');
const consentedAt = at('2026-01-10T00:00:00Z');
const withdrawnBefore = at('2026-02-01T00:00:00Z');

/** A consent to the seller grants, given before now and not withdrawn, unless `patch` says otherwise. */
const consent = (patch: Partial<ProvisionConsent> = {}): ProvisionConsent => ({
  grants: sellerGrants,
  givenAt: consentedAt,
  withdrawnAt: null,
  legalRepresentative: false,
  ...patch,
});

/** Every check passes: a seller asking for the receiver's address of a confirmed order, for delivery. */
const baseline: ProvisionFacts = {
  purpose: 'order.delivery',
  item: 'receiver.address',
  scopes: new Set(['partner:read', 'pii:receiver.name', 'pii:receiver.address', 'pii:receiver.phone']),
  partner: { status: 'ACTIVE', country: 'KR', overseasTransferBasis: null, terminatedAt: null },
  agreement: {
    grants: sellerGrants,
    rule: parseRetentionRule('P3M after purchase-confirmation'),
    consentRequired: true,
  },
  consents: [consent()],
  consentingSubject: { birthDate: '1990-04-12', under14: false },
  membershipWithdrawnAt: null,
  anchors: { purchaseConfirmedAt: confirmedAt },
  suspensions: [],
  corrections: [],
  dailyCeiling: null,
  now,
};

type Change = (facts: ProvisionFacts) => ProvisionFacts;

// Each change rewrites one fact and keeps the rest of `facts` as it finds it, so changes compose.
const withPartner =
  (patch: Partial<ProvisionFacts['partner']>): Change =>
  (facts) => ({ ...facts, partner: { ...facts.partner, ...patch } });
const withGrants =
  (grants: readonly ProvisionGrant[]): Change =>
  (facts) => ({ ...facts, agreement: facts.agreement && { ...facts.agreement, grants } });
const withRule =
  (text: string): Change =>
  (facts) => ({ ...facts, agreement: facts.agreement && { ...facts.agreement, rule: parseRetentionRule(text) } });
const withConsents =
  (consents: ProvisionFacts['consents']): Change =>
  (facts) => ({ ...facts, consents });
const withoutConsentRequirement: Change = (facts) => ({
  ...facts,
  agreement: facts.agreement && { ...facts.agreement, consentRequired: false },
});
const set =
  (patch: Partial<ProvisionFacts>): Change =>
  (facts) => ({ ...facts, ...patch });

/** The consenting subject's age facts. */
const aged =
  (birthDate: string | null, under14 = false): Change =>
  (facts) => ({ ...facts, consentingSubject: { birthDate, under14 } });
/** The shop flags the consenting subject as under 14. */
const flaggedChild = aged(null, true);

/** Today's ceiling of distinct subjects is used up by others: this subject got no place. */
const overCeiling: Change = set({ dailyCeiling: { ceiling: 3, admitted: false } });

const requestedBefore = at('2026-02-20T00:00:00Z');
/** The subject suspends processing (in force from `requestedAt` until `resumedAt`). */
const suspended = (resumedAt: Date | null = null, requestedAt = requestedBefore): Change =>
  set({ suspensions: [{ requestedAt, resumedAt }] });
/** The subject asks to correct `items` (pending from `requestedAt` until `appliedAt`). */
const correcting = (items: readonly string[], appliedAt: Date | null = null, requestedAt = requestedBefore): Change =>
  set({ corrections: [{ items, requestedAt, appliedAt }] });

const decideWith = (...changes: Change[]): Decision =>
  decide(changes.reduce((facts, change) => change(facts), baseline));

describe('decide', () => {
  it('releases when every check passes', () => {
    expect(decide(baseline)).toEqual(released);
  });

  describe('one broken fact gives its reason', () => {
    it.each<[string, Change, DenialReason]>([
      ['no scope for any item', set({ scopes: new Set(['partner:read']) }), 'SCOPE_MISSING'],
      ['scopes for other items only', set({ scopes: new Set(['pii:receiver.name']) }), 'SCOPE_MISSING'],
      ['the scope of the item group, not the item', set({ scopes: new Set(['pii:receiver']) }), 'SCOPE_MISSING'],
      ['the bare item as a scope', set({ scopes: new Set(['receiver.address']) }), 'SCOPE_MISSING'],
      ['partner terminated', withPartner({ status: 'TERMINATED' }), 'PARTNERSHIP_ENDED'],
      ['partner suspended', withPartner({ status: 'SUSPENDED' }), 'PARTNER_SUSPENDED'],
      ['no agreement in force', set({ agreement: null }), 'ITEM_NOT_GRANTED'],
      [
        'agreement grants other items only',
        withGrants([{ item: 'receiver.name', purpose: 'order.delivery' }]),
        'ITEM_NOT_GRANTED',
      ],
      [
        'item granted for a sibling purpose only',
        withGrants([{ item: 'receiver.address', purpose: 'order.returns' }]),
        'PURPOSE_NOT_PERMITTED',
      ],
      [
        'item granted for an unrelated purpose only',
        withGrants([{ item: 'receiver.address', purpose: 'customs.clearance' }]),
        'PURPOSE_NOT_PERMITTED',
      ],
      ['item granted for a child of the purpose only', set({ purpose: 'order' }), 'PURPOSE_NOT_PERMITTED'],
      ['no consent', withConsents([]), 'CONSENT_MISSING'],
      [
        'consent to grants without the item',
        withConsents([consent({ grants: [{ item: 'receiver.name', purpose: 'order.delivery' }] })]),
        'CONSENT_MISSING',
      ],
      [
        'consent to the item for another purpose',
        withConsents([consent({ grants: [{ item: 'receiver.address', purpose: 'order.returns' }] })]),
        'CONSENT_MISSING',
      ],
      ['consent given later than now', withConsents([consent({ givenAt: ms(now, 1) })]), 'CONSENT_MISSING'],
      ['consent withdrawn before now', withConsents([consent({ withdrawnAt: withdrawnBefore })]), 'CONSENT_WITHDRAWN'],
      ['membership withdrawn before now', set({ membershipWithdrawnAt: withdrawnBefore }), 'CONSENT_WITHDRAWN'],
      ['the shop flags the consenting subject as under 14', flaggedChild, 'GUARDIAN_CONSENT_MISSING'],
      ['the birth date makes the consenting subject under 14', aged('2016-05-01'), 'GUARDIAN_CONSENT_MISSING'],
      ['window closed by the rule', set({ now: at('2026-06-01T00:00:00Z') }), 'WINDOW_CLOSED'],
      ['window closed by a past termination', withPartner({ terminatedAt: withdrawnBefore }), 'WINDOW_CLOSED'],
      ['processing suspended', suspended(), 'PROCESSING_SUSPENDED'],
      ['item under a pending correction', correcting(['receiver.address']), 'UNDER_CORRECTION'],
      ['overseas partner without a basis', withPartner({ country: 'US' }), 'OVERSEAS_TRANSFER_NOT_PERMITTED'],
      [
        'overseas partner with a blank basis',
        withPartner({ country: 'JP', overseasTransferBasis: '  ' }),
        'OVERSEAS_TRANSFER_NOT_PERMITTED',
      ],
      ['country code not in upper case', withPartner({ country: 'kr' }), 'OVERSEAS_TRANSFER_NOT_PERMITTED'],
      ['no place left under the daily ceiling', overCeiling, 'DAILY_CEILING_REACHED'],
    ])('%s → %s', (_name, change, reason) => {
      expect(decideWith(change)).toEqual(denied(reason));
    });

    it('every denial reason is reachable', () => {
      // A reason added to DENIAL_REASONS fails the typecheck here until it has a way to be reached.
      const breaks: Record<DenialReason, Change> = {
        SCOPE_MISSING: set({ scopes: new Set() }),
        PARTNERSHIP_ENDED: withPartner({ status: 'TERMINATED' }),
        PARTNER_SUSPENDED: withPartner({ status: 'SUSPENDED' }),
        ITEM_NOT_GRANTED: set({ agreement: null }),
        PURPOSE_NOT_PERMITTED: withGrants([{ item: 'receiver.address', purpose: 'order.returns' }]),
        CONSENT_MISSING: withConsents([]),
        CONSENT_WITHDRAWN: set({ membershipWithdrawnAt: confirmedAt }),
        GUARDIAN_CONSENT_MISSING: flaggedChild,
        WINDOW_CLOSED: set({ now: closesAt }),
        PROCESSING_SUSPENDED: suspended(),
        UNDER_CORRECTION: correcting(['receiver.address']),
        OVERSEAS_TRANSFER_NOT_PERMITTED: withPartner({ country: 'US' }),
        DAILY_CEILING_REACHED: overCeiling,
      };
      const reached = DENIAL_REASONS.map((reason) => decideWith(breaks[reason]));
      expect(reached).toEqual(DENIAL_REASONS.map(denied));
    });
  });

  describe('two broken facts give the reason of the earlier check', () => {
    // One way to break each check, in the order the checks run. Breaks of the same check share a
    // `fact`: they cannot both hold (a partner is not both suspended and terminated).
    const ordered: readonly { reason: DenialReason; fact: string; change: Change }[] = [
      { reason: 'SCOPE_MISSING', fact: 'scopes', change: set({ scopes: new Set(['partner:read']) }) },
      { reason: 'PARTNERSHIP_ENDED', fact: 'status', change: withPartner({ status: 'TERMINATED' }) },
      { reason: 'PARTNER_SUSPENDED', fact: 'status', change: withPartner({ status: 'SUSPENDED' }) },
      { reason: 'ITEM_NOT_GRANTED', fact: 'agreement', change: set({ agreement: null }) },
      {
        reason: 'PURPOSE_NOT_PERMITTED',
        fact: 'agreement',
        change: withGrants([{ item: 'receiver.address', purpose: 'order.returns' }]),
      },
      { reason: 'CONSENT_MISSING', fact: 'consents', change: withConsents([]) },
      { reason: 'CONSENT_WITHDRAWN', fact: 'consents', change: withConsents([consent({ withdrawnAt: withdrawnBefore })]) },
      { reason: 'GUARDIAN_CONSENT_MISSING', fact: 'age', change: flaggedChild },
      {
        reason: 'WINDOW_CLOSED',
        fact: 'anchors',
        change: set({ anchors: { purchaseConfirmedAt: at('2025-10-01T00:00:00Z') } }),
      },
      { reason: 'PROCESSING_SUSPENDED', fact: 'suspensions', change: suspended() },
      { reason: 'UNDER_CORRECTION', fact: 'corrections', change: correcting(['receiver.address']) },
      { reason: 'OVERSEAS_TRANSFER_NOT_PERMITTED', fact: 'country', change: withPartner({ country: 'US' }) },
      { reason: 'DAILY_CEILING_REACHED', fact: 'dailyCeiling', change: overCeiling },
    ];
    const pairs = ordered.flatMap((earlier, index) =>
      ordered
        .slice(index + 1)
        .filter((later) => later.fact !== earlier.fact)
        .map((later) => [earlier.reason, later.reason, earlier.change, later.change] as const),
    );

    it('covers every pair of checks', () => {
      expect(pairs).toHaveLength(75);
    });

    it.each(pairs)('%s before %s', (earlier, _later, earlierChange, laterChange) => {
      expect(decideWith(earlierChange, laterChange)).toEqual(denied(earlier));
      expect(decideWith(laterChange, earlierChange)).toEqual(denied(earlier));
    });

    it('a withdrawn membership is reported as withdrawn even when there never was a consent', () => {
      expect(decideWith(withConsents([]), set({ membershipWithdrawnAt: withdrawnBefore }))).toEqual(denied('CONSENT_WITHDRAWN'));
    });

    it('a withdrawn consent that covers the item outweighs a live one that does not', () => {
      expect(
        decideWith(
          withConsents([
            consent({ grants: [{ item: 'receiver.name', purpose: 'order.delivery' }] }),
            consent({ withdrawnAt: withdrawnBefore }),
          ]),
        ),
      ).toEqual(denied('CONSENT_WITHDRAWN'));
    });
  });

  describe('purposes', () => {
    it('a grant for a parent purpose covers its child', () => {
      // `receiver.phone` is granted for `order`; asked for `order.delivery`.
      expect(decideWith(set({ item: 'receiver.phone' }))).toEqual(released);
      expect(decideWith(set({ item: 'receiver.phone', purpose: 'order.customer-service' }))).toEqual(released);
    });

    it('a grant for a child purpose does not cover its parent or a sibling', () => {
      expect(decideWith(set({ purpose: 'order' }))).toEqual(denied('PURPOSE_NOT_PERMITTED'));
      expect(decideWith(set({ purpose: 'order.customer-service' }))).toEqual(denied('PURPOSE_NOT_PERMITTED'));
    });

    it('a consent to a parent purpose covers its child', () => {
      const grants = [{ item: 'receiver.address', purpose: 'order' }];
      expect(decideWith(withGrants(grants), withConsents([consent({ grants })]))).toEqual(released);
    });
  });

  describe('consent', () => {
    it('counts from the instant it is given', () => {
      expect(decideWith(withConsents([consent({ givenAt: now })]))).toEqual(released);
      expect(decideWith(withConsents([consent({ givenAt: ms(now, 1) })]))).toEqual(
        denied('CONSENT_MISSING'),
      );
    });

    it('is withdrawn from the instant of withdrawal on', () => {
      expect(decideWith(withConsents([consent({ withdrawnAt: now })]))).toEqual(denied('CONSENT_WITHDRAWN'));
      expect(decideWith(withConsents([consent({ withdrawnAt: ms(now, 1) })]))).toEqual(released);
    });

    it('a later consent after a withdrawn one counts', () => {
      expect(
        decideWith(
          withConsents([
            consent({ withdrawnAt: withdrawnBefore }),
            consent({ givenAt: at('2026-02-10T00:00:00Z') }),
          ]),
        ),
      ).toEqual(released);
    });

    describe('to an older agreement version (PIPA Art. 17(2))', () => {
      // Version 1 granted the address; version 2, in force now, adds the phone number.
      const version1 = [{ item: 'receiver.address', purpose: 'order.delivery' }];
      const version2 = [...version1, { item: 'receiver.phone', purpose: 'order.delivery' }];
      const onVersion2 = withGrants(version2);
      const askPhone = set({ item: 'receiver.phone' });

      it('still covers what version 1 granted', () => {
        expect(decideWith(onVersion2, withConsents([consent({ grants: version1 })]))).toEqual(released);
      });

      it('does not cover what version 2 added', () => {
        const consents = [consent({ grants: version1 })];
        expect(decideWith(onVersion2, askPhone, withConsents(consents))).toEqual(denied('CONSENT_MISSING'));
      });

      it('a consent to version 2 covers the added item', () => {
        const consents = [
          consent({ grants: version1 }),
          consent({ grants: version2, givenAt: at('2026-02-10T00:00:00Z') }),
        ];
        expect(decideWith(onVersion2, askPhone, withConsents(consents))).toEqual(released);
      });

      it('withdrawing the consent to version 2 withdraws the added item', () => {
        const consents = [
          consent({ grants: version1 }),
          consent({ grants: version2, givenAt: at('2026-02-10T00:00:00Z'), withdrawnAt: at('2026-02-20T00:00:00Z') }),
        ];
        expect(decideWith(onVersion2, askPhone, withConsents(consents))).toEqual(denied('CONSENT_WITHDRAWN'));
      });
    });

    describe('membership withdrawal', () => {
      it('withdraws consent from its instant on', () => {
        expect(decideWith(set({ membershipWithdrawnAt: now }))).toEqual(denied('CONSENT_WITHDRAWN'));
        expect(decideWith(set({ membershipWithdrawnAt: ms(now, 1) }))).toEqual(released);
      });

      it('ends provision on a statute or contract basis too', () => {
        const withdrawn = set({ membershipWithdrawnAt: withdrawnBefore });
        expect(decideWith(withoutConsentRequirement, withdrawn)).toEqual(denied('CONSENT_WITHDRAWN'));
      });
    });

    describe('of a child (PIPA Art. 22-2)', () => {
      const byRepresentative = withConsents([consent({ legalRepresentative: true })]);
      // Born 2012-03-01 (Seoul): 14 from 2026-03-01 00:00 KST = 2026-02-28T15:00Z; `now` is 09:00 KST that day.
      const turning14Today = aged('2012-03-01');
      const turns14At = at('2026-02-28T15:00:00Z');

      it("covers a child only with a legal representative's consent, by flag or by birth date", () => {
        expect(decideWith(flaggedChild, byRepresentative)).toEqual(released);
        expect(decideWith(aged('2016-05-01'), byRepresentative)).toEqual(released);
        expect(decideWith(aged('2016-05-01'))).toEqual(denied('GUARDIAN_CONSENT_MISSING'));
      });

      it('fails closed on either fact: the flag wins over an adult birth date', () => {
        expect(decideWith(aged('1990-04-12', true))).toEqual(denied('GUARDIAN_CONSENT_MISSING'));
      });

      it('turns 14 at 00:00 of the birthday on the Seoul calendar, not the UTC one', () => {
        // A consent of the subject given at 14 or older covers from 00:00 KST of the birthday on.
        const ownConsentAt14 = withConsents([consent({ givenAt: turns14At })]);
        expect(decideWith(turning14Today, ownConsentAt14, set({ now: ms(turns14At, -1) }))).toEqual(denied('CONSENT_MISSING'));
        expect(decideWith(turning14Today, ownConsentAt14, set({ now: turns14At }))).toEqual(released);
        expect(decideWith(turning14Today, withConsents([consent({ givenAt: ms(turns14At, -1) })]), set({ now: ms(turns14At, -1) }))).toEqual(
          denied('GUARDIAN_CONSENT_MISSING'),
        );
      });

      it('a child born on 29 February turns 14 on 1 March of a common year (Civil Act Art. 160(3))', () => {
        const leapling = aged('2012-02-29');
        const own = withConsents([consent({ givenAt: at('2026-01-01T00:00:00Z') })]);
        const ownAt14 = withConsents([consent({ givenAt: turns14At })]);
        expect(decideWith(leapling, ownAt14, set({ now: ms(turns14At, -1) }))).toEqual(denied('CONSENT_MISSING'));
        expect(decideWith(leapling, ownAt14, set({ now: turns14At }))).toEqual(released);
        expect(decideWith(leapling, own, set({ now: at('2026-02-28T14:59:59Z') }))).toEqual(denied('GUARDIAN_CONSENT_MISSING'));
      });

      it("a representative's consent keeps covering after the 14th birthday, until withdrawn", () => {
        const givenAsChild = withConsents([consent({ legalRepresentative: true, givenAt: at('2025-06-01T00:00:00Z') })]);
        expect(decideWith(turning14Today, givenAsChild, set({ now: ms(turns14At, -1) }))).toEqual(released);
        expect(decideWith(turning14Today, givenAsChild, set({ now: at('2030-01-01T00:00:00Z') }), withRule('until partnership-termination'))).toEqual(
          released,
        );
      });

      it("the child's own consent does not start to cover at the 14th birthday; one given at 14 does", () => {
        const givenAsChild = withConsents([consent({ givenAt: at('2025-06-01T00:00:00Z') })]);
        expect(decideWith(turning14Today, givenAsChild, set({ now: at('2026-03-10T00:00:00Z') }))).toEqual(
          denied('GUARDIAN_CONSENT_MISSING'),
        );
        const renewed = withConsents([consent({ givenAt: at('2025-06-01T00:00:00Z') }), consent({ givenAt: at('2026-03-05T00:00:00Z') })]);
        expect(decideWith(turning14Today, renewed, set({ now: at('2026-03-10T00:00:00Z') }))).toEqual(released);
      });

      it('with the flag only, a consent without a representative covers once the shop clears the flag', () => {
        expect(decideWith(aged(null, false))).toEqual(released);
      });

      it('a flag set after the consent was recorded denies from then on (the rule is checked at read time)', () => {
        expect(decideWith(flaggedChild)).toEqual(denied('GUARDIAN_CONSENT_MISSING'));
      });

      it('a withdrawn representative consent is a withdrawal; a live one without a representative is a missing guardian', () => {
        expect(decideWith(flaggedChild, withConsents([consent({ legalRepresentative: true, withdrawnAt: withdrawnBefore })]))).toEqual(
          denied('CONSENT_WITHDRAWN'),
        );
        const both = withConsents([consent({ legalRepresentative: true, withdrawnAt: withdrawnBefore }), consent({ givenAt: at('2026-02-10T00:00:00Z') })]);
        expect(decideWith(flaggedChild, both)).toEqual(denied('GUARDIAN_CONSENT_MISSING'));
      });

      it('an unreadable birth date counts as a child (fail closed)', () => {
        expect(decideWith(aged('2012-02-30'))).toEqual(denied('GUARDIAN_CONSENT_MISSING'));
        expect(decideWith(aged('12.3.2010'))).toEqual(denied('GUARDIAN_CONSENT_MISSING'));
      });

      it('does not apply where the agreement needs no consent (consignment, statute)', () => {
        expect(decideWith(withoutConsentRequirement, flaggedChild, withConsents([]))).toEqual(released);
      });
    });

    it('is not needed when the agreement does not require it', () => {
      expect(decideWith(withoutConsentRequirement, withConsents([]))).toEqual(released);
      expect(
        decideWith(withoutConsentRequirement, withConsents([consent({ withdrawnAt: withdrawnBefore })])),
      ).toEqual(released);
    });
  });

  describe('provision window', () => {
    it('is open 3 months minus 1 ms after purchase confirmation and closed at exactly 3 months', () => {
      expect(decideWith(set({ now: ms(closesAt, -1) }))).toEqual(released);
      expect(decideWith(set({ now: closesAt }))).toEqual(denied('WINDOW_CLOSED'));
      expect(decideWith(set({ now: ms(closesAt, 1) }))).toEqual(denied('WINDOW_CLOSED'));
    });

    it('counts months on the Seoul calendar, clamped to the end of a shorter month', () => {
      // 2026-11-30 12:00 KST + 3 months = 2027-02-30, clamped to 2027-02-28 12:00 KST.
      const confirmed = set({ anchors: { purchaseConfirmedAt: at('2026-11-30T03:00:00Z') } });
      const close = at('2027-02-28T03:00:00Z');
      expect(decideWith(confirmed, set({ now: ms(close, -1) }))).toEqual(released);
      expect(decideWith(confirmed, set({ now: close }))).toEqual(denied('WINDOW_CLOSED'));
    });

    it('counts from the Seoul date, not the UTC date', () => {
      // 2026-02-28T15:00Z is 2026-03-01 00:00 KST, so the window runs to 2026-06-01 00:00 KST,
      // not to 2026-05-28 as UTC arithmetic would have it.
      const confirmed = set({ anchors: { purchaseConfirmedAt: at('2026-02-28T15:00:00Z') } });
      const close = at('2026-05-31T15:00:00Z');
      expect(decideWith(confirmed, set({ now: at('2026-05-28T15:00:00Z') }))).toEqual(released);
      expect(decideWith(confirmed, set({ now: ms(close, -1) }))).toEqual(released);
      expect(decideWith(confirmed, set({ now: close }))).toEqual(denied('WINDOW_CLOSED'));
    });

    it('under a rule anchored on delivery completion, is open until a day after delivery and closed from then on', () => {
      // Dr.esthetique+ Art. 4: shipping information is kept until the goods are delivered.
      const onDelivery = set({
        agreement: { grants: sellerGrants, rule: parseRetentionRule('P1D after delivery-completion'), consentRequired: true },
      });
      const deliveredAt = at('2026-02-27T23:30:00Z');
      const delivered = set({ anchors: { purchaseConfirmedAt: null, deliveredAt } });
      const close = at('2026-02-28T23:30:00Z');
      expect(decideWith(onDelivery, delivered, set({ now: ms(close, -1) }))).toEqual(released);
      expect(decideWith(onDelivery, delivered, set({ now: close }))).toEqual(denied('WINDOW_CLOSED'));
      // Purchase confirmation is not the anchor of this rule; undelivered, the window has not started.
      expect(decideWith(onDelivery, set({ anchors: { purchaseConfirmedAt: deliveredAt }, now: ms(close, 1) }))).toEqual(released);
    });

    it('stays open while the purchase is not confirmed', () => {
      const later = set({ now: at('2027-01-01T00:00:00Z') });
      expect(decideWith(set({ anchors: {} }), later)).toEqual(released);
      expect(decideWith(set({ anchors: { purchaseConfirmedAt: null } }), later)).toEqual(released);
    });

    it('stays open until a termination still to come', () => {
      expect(decideWith(withPartner({ terminatedAt: ms(now, 1) }))).toEqual(released);
    });

    it('closes at the instant of a termination, even when the status passed is still ACTIVE', () => {
      expect(decideWith(withPartner({ status: 'ACTIVE', terminatedAt: now }))).toEqual(denied('WINDOW_CLOSED'));
      expect(decideWith(withPartner({ status: 'ACTIVE', terminatedAt: at('2026-02-15T00:00:00Z') }))).toEqual(
        denied('WINDOW_CLOSED'),
      );
    });

    it('ignores a termination date passed among the anchors: the partner decides', () => {
      const anchors: RetentionAnchors = { purchaseConfirmedAt: confirmedAt, partnershipTerminatedAt: withdrawnBefore };
      const stale = set({ anchors });
      expect(decideWith(stale)).toEqual(released);
    });

    it('a rule until termination is open until the partnership ends', () => {
      const untilTermination = withRule('until partnership-termination');
      expect(decideWith(untilTermination, set({ now: at('2030-01-01T00:00:00Z') }))).toEqual(released);
      expect(decideWith(untilTermination, withPartner({ terminatedAt: at('2026-02-15T00:00:00Z') }))).toEqual(
        denied('WINDOW_CLOSED'),
      );
    });

    it('a rule after subscription end reads the subscription end, not the purchase confirmation', () => {
      const subscription = withRule('P6M after subscription-end');
      const longConfirmed = at('2025-01-01T00:00:00Z');
      const stillSubscribed = set({ anchors: { purchaseConfirmedAt: longConfirmed, subscriptionEndedAt: null } });
      const endedLongAgo = set({ anchors: { purchaseConfirmedAt: now, subscriptionEndedAt: at('2025-08-01T00:00:00Z') } });
      expect(decideWith(subscription, stillSubscribed)).toEqual(released);
      expect(decideWith(subscription, endedLongAgo)).toEqual(denied('WINDOW_CLOSED'));
    });
  });

  describe('processing suspension (PIPA Art. 37)', () => {
    it('applies from the instant it is requested', () => {
      expect(decideWith(suspended(null, now))).toEqual(denied('PROCESSING_SUSPENDED'));
      expect(decideWith(suspended(null, ms(now, 1)))).toEqual(released);
    });

    it('ends at the instant processing resumes', () => {
      expect(decideWith(suspended(now))).toEqual(released);
      expect(decideWith(suspended(ms(now, 1)))).toEqual(denied('PROCESSING_SUSPENDED'));
      expect(decideWith(suspended(at('2026-02-25T00:00:00Z')))).toEqual(released);
    });

    it('one suspension in force among ended ones is enough', () => {
      const suspensions = [
        { requestedAt: at('2026-02-01T00:00:00Z'), resumedAt: at('2026-02-05T00:00:00Z') },
        { requestedAt: requestedBefore, resumedAt: null },
      ];
      expect(decideWith(set({ suspensions }))).toEqual(denied('PROCESSING_SUSPENDED'));
    });
  });

  describe('correction (PIPA Art. 36)', () => {
    it('withholds only the items being corrected', () => {
      expect(decideWith(correcting(['receiver.name', 'receiver.address'], null))).toEqual(denied('UNDER_CORRECTION'));
      expect(decideWith(correcting(['receiver.name'], null))).toEqual(released);
    });

    it('applies from the instant it is requested', () => {
      expect(decideWith(correcting(['receiver.address'], null, now))).toEqual(denied('UNDER_CORRECTION'));
      expect(decideWith(correcting(['receiver.address'], null, ms(now, 1)))).toEqual(released);
    });

    it('ends at the instant the correction is applied', () => {
      expect(decideWith(correcting(['receiver.address'], now))).toEqual(released);
      expect(decideWith(correcting(['receiver.address'], ms(now, 1)))).toEqual(denied('UNDER_CORRECTION'));
      expect(decideWith(correcting(['receiver.address'], at('2026-02-25T00:00:00Z')))).toEqual(released);
    });
  });

  describe('overseas transfer (PIPA Art. 28-8)', () => {
    it('releases to an overseas partner with a basis on file', () => {
      const basis = 'consent to overseas transfer (Art. 28-8(1)1)';
      expect(decideWith(withPartner({ country: 'US', overseasTransferBasis: basis }))).toEqual(released);
    });

    it('needs no basis for a domestic partner', () => {
      expect(decideWith(withPartner({ country: 'KR', overseasTransferBasis: null }))).toEqual(released);
    });
  });
});

describe('withoutCeilingPlace', () => {
  it('turns a release into DAILY_CEILING_REACHED, as decide does for a subject with no place', () => {
    expect(withoutCeilingPlace(decideWith())).toEqual(decideWith(overCeiling));
    expect(withoutCeilingPlace(released)).toEqual(denied('DAILY_CEILING_REACHED'));
  });

  it('keeps a denial: every other check comes before the ceiling', () => {
    expect(withoutCeilingPlace(decideWith(withConsents([])))).toEqual(denied('CONSENT_MISSING'));
    expect(withoutCeilingPlace(decideWith(overCeiling))).toEqual(denied('DAILY_CEILING_REACHED'));
  });
});
