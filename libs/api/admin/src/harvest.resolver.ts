import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@provision/api-core';
import { HarvestAlert } from '@provision/db';
import { InputError, isCalendarDate } from '@provision/domain';
import { HarvestAlertsArgs } from './harvest.input.js';
import { HarvestAlertView } from './harvest.type.js';

function dayArg(field: 'from' | 'to', value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (!isCalendarDate(value)) throw new InputError(field, `${field} must be a day of the calendar`);
  return value;
}

/** Harvest alerts raised by the worker's check (scope `admin:read`). */
@Resolver()
export class HarvestResolver {
  @Authorized('admin:read')
  @Query(() => [HarvestAlertView], {
    description: 'Days on which a partner released far more distinct subjects, or was denied far more often, than its own baseline; newest first.',
  })
  async harvestAlerts(
    @Ctx() ctx: RequestContext,
    @Args(() => HarvestAlertsArgs) { partnerCode, from, to, first }: HarvestAlertsArgs,
  ): Promise<HarvestAlertView[]> {
    const fromDay = dayArg('from', from);
    const toDay = dayArg('to', to);
    const day = { ...(fromDay ? { $gte: fromDay } : {}), ...(toDay ? { $lte: toDay } : {}) };
    const alerts = await ctx.em.find(
      HarvestAlert,
      {
        ...(partnerCode ? { partner: { code: partnerCode } } : {}),
        ...(Object.keys(day).length > 0 ? { day } : {}),
      },
      { populate: ['partner'], orderBy: { day: 'desc', createdAt: 'desc' }, limit: first },
    );
    return alerts.map((alert) =>
      Object.assign(new HarvestAlertView(), {
        id: alert.id,
        partnerCode: alert.partner.getEntity().code,
        day: alert.day,
        kind: alert.kind,
        observed: alert.observed,
        baseline: alert.baseline,
        createdAt: alert.createdAt,
      }),
    );
  }
}
