import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { actorOf, type RequestContext } from '@provision/api-core';
import { ConfirmDestructionInput } from './destruction.input.js';
import { DestructionService, type ConfirmedDestruction } from './destruction.service.js';
import { DestructionConfirmationView } from './destruction.type.js';
import { provisionSession } from './provision-session.js';

/** Maps a recorded confirmation to its view; the admin API's `recordDestruction` shares it. */
export function toConfirmationView({ notice, destroyedAt, method }: ConfirmedDestruction): DestructionConfirmationView {
  return Object.assign(new DestructionConfirmationView(), {
    noticeId: notice.id,
    type: notice.type,
    noticeCreatedAt: notice.createdAt,
    acknowledgedAt: notice.acknowledgedAt,
    acknowledgedBy: notice.acknowledgedBy,
    destroyedAt,
    method,
  });
}

/**
 * Partners confirm destruction (scope `partner:read`). Like every partner operation it declares a
 * purpose; any catalog purpose is accepted, since it releases nothing — by convention the purpose
 * the data was received for.
 */
@Resolver()
export class DestructionResolver {
  @Authorized('partner:read')
  @Mutation(() => DestructionConfirmationView, {
    description:
      'Confirms that the data a window-closed, partnership-terminated or consent-withdrawn notice named was destroyed, when and how. Idempotent.',
  })
  async confirmDestruction(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ConfirmDestructionInput) input: ConfirmDestructionInput,
  ): Promise<DestructionConfirmationView> {
    const service = new DestructionService(ctx.em, ctx.clock, provisionSession(ctx).partner.facts.id, actorOf(ctx.principal));
    return toConfirmationView(await service.confirmDestruction(input));
  }
}
