import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { type Order, type Partner, type Subject, Subscription, SupportCase } from '@provision/db';
import { InputError, isPurposeKey } from '@provision/domain';
import type { Clock } from '@provision/util';
import type {
  CloseSupportCaseInput,
  EndSubscriptionInput,
  OpenSupportCaseInput,
  StartSubscriptionInput,
} from './engagement.input.js';
import { assertNotBefore, assertSameTime, eventTime } from './event-time.js';
import { writeIdempotently } from './idempotent-write.js';
import { findActivePartner, findOrder, findSubject } from './shop.repository.js';

export interface SubscriptionRecord {
  subscription: Subscription;
  subject: Subject;
  partner: Partner;
}

export interface SupportCaseRecord {
  supportCase: SupportCase;
  subject: Subject;
  partner: Partner;
  order: Order | null;
}

/**
 * Subscriptions to partner services and support cases handed to consignees: the engagements that
 * let service providers and consignees see a subject at all. Each is started once (a replay with
 * the same content is a no-op, a different one is refused) and ended once.
 */
export class EngagementService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  async startSubscription(input: StartSubscriptionInput): Promise<SubscriptionRecord> {
    return writeIdempotently(this.em, async (em) => {
      const now = this.clock.now();
      const startedAt = eventTime(input.startedAt, 'startedAt', now);
      const existing = await em.findOne(Subscription, { shopSubscriptionId: input.shopSubscriptionId });
      if (existing) {
        const record = await this.subscriptionRecord(em, existing);
        assertSameEngagement(
          [
            [record.subject.shopSubjectId !== input.shopSubjectId, 'shopSubjectId'],
            [record.partner.code !== input.partnerCode, 'partnerCode'],
            [existing.purpose !== input.purpose, 'purpose'],
          ],
          'subscription',
        );
        assertSameTime(input.startedAt, existing.startedAt, 'startedAt', 'subscription already recorded with another startedAt');
        return record;
      }

      const subject = await findSubject(em, input.shopSubjectId, 'shopSubjectId');
      const partner = await findActivePartner(em, input.partnerCode, now, {
        field: 'partnerCode',
        role: 'SERVICE_PROVIDER',
        expected: 'a service provider',
      });
      assertPurpose(input.purpose);
      const subscription = em.create(Subscription, {
        shopSubscriptionId: input.shopSubscriptionId,
        subject,
        partner,
        purpose: input.purpose,
        startedAt,
      });
      await em.flush();
      return { subscription, subject, partner };
    });
  }

  /** Ends a subscription; the end anchors rules such as `P6M after subscription-end`, so it is set once. */
  async endSubscription(input: EndSubscriptionInput): Promise<SubscriptionRecord> {
    return writeIdempotently(this.em, async (em) => {
      const endedAt = eventTime(input.endedAt, 'endedAt', this.clock.now());
      const subscription = await em.findOne(
        Subscription,
        { shopSubscriptionId: input.shopSubscriptionId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!subscription) throw new InputError('shopSubscriptionId', 'no subscription with this shop subscription id');
      if (subscription.endedAt) {
        assertSameTime(input.endedAt, subscription.endedAt, 'endedAt', 'subscription already ended at another time');
      } else {
        assertNotBefore(endedAt, subscription.startedAt, 'endedAt', 'the start of the subscription');
        subscription.endedAt = endedAt;
        await em.flush();
      }
      return this.subscriptionRecord(em, subscription);
    });
  }

  async openSupportCase(input: OpenSupportCaseInput): Promise<SupportCaseRecord> {
    return writeIdempotently(this.em, async (em) => {
      const now = this.clock.now();
      const openedAt = eventTime(input.openedAt, 'openedAt', now);
      const existing = await em.findOne(SupportCase, { shopCaseId: input.shopCaseId });
      if (existing) {
        const record = await this.supportCaseRecord(em, existing);
        assertSameEngagement(
          [
            [record.subject.shopSubjectId !== input.shopSubjectId, 'shopSubjectId'],
            [record.partner.code !== input.partnerCode, 'partnerCode'],
            [existing.purpose !== input.purpose, 'purpose'],
            [(record.order?.shopOrderId ?? null) !== (input.shopOrderId ?? null), 'shopOrderId'],
          ],
          'support case',
        );
        assertSameTime(input.openedAt, existing.openedAt, 'openedAt', 'support case already recorded with another openedAt');
        return record;
      }

      const subject = await findSubject(em, input.shopSubjectId, 'shopSubjectId');
      const partner = await findActivePartner(em, input.partnerCode, now, {
        field: 'partnerCode',
        kind: 'CONSIGNEE',
        expected: 'a consignee',
      });
      assertPurpose(input.purpose);
      const order = input.shopOrderId ? await findOrder(em, input.shopOrderId, 'shopOrderId') : null;
      // The case would bind the consignee to the order's parties; it must be about this subject.
      if (order && order.buyer.id !== subject.id && order.receiver.id !== subject.id) {
        throw new InputError('shopOrderId', 'the subject is neither the buyer nor the receiver of this order');
      }
      const supportCase = em.create(SupportCase, {
        shopCaseId: input.shopCaseId,
        subject,
        partner,
        order,
        purpose: input.purpose,
        openedAt,
      });
      await em.flush();
      return { supportCase, subject, partner, order };
    });
  }

  async closeSupportCase(input: CloseSupportCaseInput): Promise<SupportCaseRecord> {
    return writeIdempotently(this.em, async (em) => {
      const closedAt = eventTime(input.closedAt, 'closedAt', this.clock.now());
      const supportCase = await em.findOne(
        SupportCase,
        { shopCaseId: input.shopCaseId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!supportCase) throw new InputError('shopCaseId', 'no support case with this shop case id');
      if (supportCase.closedAt) {
        assertSameTime(input.closedAt, supportCase.closedAt, 'closedAt', 'support case already closed at another time');
      } else {
        assertNotBefore(closedAt, supportCase.openedAt, 'closedAt', 'the opening of the case');
        supportCase.closedAt = closedAt;
        await em.flush();
      }
      return this.supportCaseRecord(em, supportCase);
    });
  }

  async findSubscription(shopSubscriptionId: string): Promise<SubscriptionRecord | null> {
    const subscription = await this.em.findOne(Subscription, { shopSubscriptionId });
    return subscription ? this.subscriptionRecord(this.em, subscription) : null;
  }

  async findSupportCase(shopCaseId: string): Promise<SupportCaseRecord | null> {
    const supportCase = await this.em.findOne(SupportCase, { shopCaseId });
    return supportCase ? this.supportCaseRecord(this.em, supportCase) : null;
  }

  private async subscriptionRecord(em: EntityManager, subscription: Subscription): Promise<SubscriptionRecord> {
    await em.populate(subscription, ['subject', 'partner']);
    return { subscription, subject: subscription.subject.getEntity(), partner: subscription.partner.getEntity() };
  }

  private async supportCaseRecord(em: EntityManager, supportCase: SupportCase): Promise<SupportCaseRecord> {
    await em.populate(supportCase, ['subject', 'partner', 'order']);
    return {
      supportCase,
      subject: supportCase.subject.getEntity(),
      partner: supportCase.partner.getEntity(),
      order: supportCase.order?.getEntity() ?? null,
    };
  }
}

function assertPurpose(purpose: string): void {
  if (!isPurposeKey(purpose)) throw new InputError('purpose', 'not a purpose of the purpose catalog');
}

function assertSameEngagement(differs: [boolean, string][], what: string): void {
  for (const [different, field] of differs) {
    if (different) throw new InputError(field, `${what} already recorded with another ${field}`);
  }
}
