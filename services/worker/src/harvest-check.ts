import type { MikroORM } from '@mikro-orm/postgresql';
import { checkHarvest, pruneDailySubjects, type HarvestThresholds, type RaisedHarvestAlert } from '@provision/quotas';
import type { Clock } from '@provision/util';
import type { Logger } from 'pino';

/**
 * One harvest check: compares every partner's Seoul day (`day`, default today so far) with its own
 * baseline, records the alerts and logs one `harvest alert` event each (partner code, day, kind and
 * the two numbers; no personal data). Then drops the daily ceiling's rows of past days. The worker
 * runs it on HARVEST_CRON; `npm run harvest:check` runs it on demand.
 */
export async function runHarvestCheck(
  { orm, clock, logger }: { orm: MikroORM; clock: Clock; logger: Logger },
  thresholds: HarvestThresholds,
  day?: string,
): Promise<RaisedHarvestAlert[]> {
  const now = clock.now();
  const alerts = await checkHarvest(orm.em.fork(), { ...thresholds, now, ...(day ? { day } : {}) });
  for (const alert of alerts) {
    logger.warn(
      { event: 'harvest-alert', partner: alert.partnerCode, day: alert.day, kind: alert.kind, observed: alert.observed, baseline: alert.baseline },
      'harvest alert: partner above its own baseline',
    );
  }
  const pruned = await pruneDailySubjects(orm.em.fork(), now);
  logger.info({ alerts: alerts.length, prunedCeilingRows: pruned }, 'harvest check finished');
  return alerts;
}
