import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { appendLedgerEntries, type LedgerEntry } from '@provision/audit';
import { Agreement, Client, nativePool, Order, Partner, PartnerStatusChange, Subscription, SupportCase } from '@provision/db';
import { agreementInForce, seoulDayOf, statusAt } from '@provision/domain';
import { checkHarvest, type RaisedHarvestAlert } from '@provision/quotas';

const DAY_MS = 24 * 3600_000;
/** Days of history written, the most the overview shows by default. */
const DAYS = 30;
/** The partner that "harvests" on one day, and which day (days ago). */
const HARVESTER = 'hanbok-house';
const HARVEST_DAYS_AGO = 2;
/** Requests on the harvest day, each with a denied item beside its releases: well above the worker's default minimum volume. */
const HARVEST_REQUESTS = 40;
/** The worker's default harvest thresholds (HARVEST_FACTOR, HARVEST_MIN_VOLUME). */
const THRESHOLDS = { factor: 3, minVolume: 100 };

/** One engagement of the demo seed: who may read whom, for which purpose. */
interface Engagement {
  partner: Partner;
  subjectId: string;
  orderId: string | null;
  purpose: string;
}

export interface DemoActivity {
  ledgerRows: number;
  harvestAlerts: RaisedHarvestAlert[];
}

/**
 * A month of partner activity for `npm start`, so that the console's overview has releases and
 * denials to chart and a harvest alert to show. Every active partner reads its seeded engagements
 * (orders, subscriptions, support cases) every other day, with the items its agreement in force
 * grants for the purpose and now and then a denied one; {@link HARVESTER} reads far more than
 * usual, each time with a denial, two days ago. Rows go through the ledger's own append (hash
 * chained per partner, as a request writes them) and the alert is raised by the worker's own
 * harvest check, so nothing here is shaped by hand. Runs once: nothing on a ledger that already
 * holds a partner's row.
 */
export async function seedDemoActivity(em: EntityManager, now: Date): Promise<DemoActivity> {
  const [{ present }] = await em.execute<{ present: boolean }[]>('select exists (select 1 from provision_records where partner_id is not null) as present');
  if (present) return { ledgerRows: 0, harvestAlerts: [] };
  return writeDemoActivity(em, now);
}

/** The month of activity of {@link seedDemoActivity}, written whatever the ledger holds already (tests). */
export async function writeDemoActivity(em: EntityManager, now: Date): Promise<DemoActivity> {
  const engagements = await activeEngagements(em, now);
  const pool = await nativePool(em);
  const partners = [...new Set(engagements.map((engagement) => engagement.partner))];
  let ledgerRows = 0;
  for (const [index, partner] of partners.entries()) {
    const client = await em.findOne(Client, { partner, revokedAt: null }, { orderBy: { clientId: 'asc' } });
    if (!client) continue;
    const grants = agreementInForce(await em.find(Agreement, { partner }, { populate: ['grants'] }), now)?.grants.getItems() ?? [];
    const itemsFor = (purpose: string) =>
      [...new Set(grants.filter((grant) => purpose === grant.purpose || purpose.startsWith(`${grant.purpose}.`)).map((grant) => grant.item))].sort();
    const mine = engagements.filter((engagement) => engagement.partner === partner && itemsFor(engagement.purpose).length > 0);
    for (let daysAgo = DAYS - 1; daysAgo >= 1; daysAgo -= 1) {
      const harvest = partner.code === HARVESTER && daysAgo === HARVEST_DAYS_AGO;
      if (!harvest && (daysAgo + index) % 2 !== 0) continue;
      const requests = harvest ? HARVEST_REQUESTS : 1;
      const denied = harvest || daysAgo % 7 === index % 7 ? [{ item: 'ci', reason: 'ITEM_NOT_GRANTED' }] : [];
      for (let request = 0; request < requests; request += 1) {
        // Seoul office hours: 10:00 plus an hour per partner, a minute apart within the day.
        const at = new Date(startOfDayAgo(now, daysAgo) + (10 + (index % 8)) * 3600_000 + request * 60_000);
        const entries: LedgerEntry[] = mine.map((engagement, row) => ({
          purpose: engagement.purpose,
          subjectId: engagement.subjectId,
          orderId: engagement.orderId,
          itemsReleased: itemsFor(engagement.purpose),
          itemsDenied: row === 0 ? denied : [],
        }));
        const caller = { actorKind: 'PARTNER' as const, partnerId: partner.id, clientId: client.clientId, tokenId: null, requestId: randomUUID() };
        ledgerRows += await appendLedgerEntries(pool, caller, at, entries);
      }
    }
  }
  const harvestDay = seoulDayOf(new Date(now.getTime() - HARVEST_DAYS_AGO * DAY_MS));
  const harvestAlerts = await checkHarvest(em, { ...THRESHOLDS, now, day: harvestDay });
  return { ledgerRows, harvestAlerts };
}

/** Midnight in Seoul, `daysAgo` Seoul days before `now`, in epoch milliseconds. */
function startOfDayAgo(now: Date, daysAgo: number): number {
  const day = seoulDayOf(new Date(now.getTime() - daysAgo * DAY_MS));
  return Date.parse(`${day}T00:00:00+09:00`);
}

/** The seeded engagements of partners active now. */
async function activeEngagements(em: EntityManager, now: Date): Promise<Engagement[]> {
  const [orders, subscriptions, cases, changes] = await Promise.all([
    em.find(Order, {}, { populate: ['seller', 'customsBroker'], orderBy: { shopOrderId: 'asc' } }),
    em.find(Subscription, {}, { populate: ['partner'], orderBy: { shopSubscriptionId: 'asc' } }),
    em.find(SupportCase, {}, { populate: ['partner'], orderBy: { shopCaseId: 'asc' } }),
    em.find(PartnerStatusChange, {}, { orderBy: { effectiveAt: 'asc', recordedAt: 'asc' } }),
  ]);
  const active = (partner: Partner) => statusAt(changes.filter((change) => change.partner.id === partner.id), now) === 'ACTIVE';
  const all: Engagement[] = [
    ...orders.map((order) => ({ partner: order.seller.getEntity(), subjectId: order.receiver.id, orderId: order.id, purpose: 'order.delivery' })),
    ...orders.flatMap((order) =>
      order.customsBroker ? [{ partner: order.customsBroker.getEntity(), subjectId: order.receiver.id, orderId: order.id, purpose: 'customs.clearance' }] : [],
    ),
    ...subscriptions.map((subscription) => ({ partner: subscription.partner.getEntity(), subjectId: subscription.subject.id, orderId: null, purpose: subscription.purpose })),
    ...cases.map((supportCase) => ({
      partner: supportCase.partner.getEntity(),
      subjectId: supportCase.subject.id,
      orderId: supportCase.order?.id ?? null,
      purpose: supportCase.purpose,
    })),
  ];
  return all.filter((engagement) => active(engagement.partner));
}
