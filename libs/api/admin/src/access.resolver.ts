import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { actorOf, type RequestContext } from '@provision/api-core';
import { AccessHistoryArgs } from './access-history.input.js';
import { toAccessChangeView, toClientView } from './access-history.mapper.js';
import { AccessHistoryService } from './access-history.service.js';
import { AccessChangeConnection } from './access-history.type.js';
import { ClientView } from './client.type.js';
import { AddClientInput, ChangeClientScopesInput, RevokeClientInput } from './client.input.js';
import { ClientRegistryService } from './client-registry.service.js';

const clients = (ctx: RequestContext) => new ClientRegistryService(ctx.em, ctx.clock, actorOf(ctx.principal));

/** Clients and the permission history (PIPA Safety Standards Art. 5): `admin:write` to change, `admin:read` to read. */
@Resolver()
export class AccessResolver {
  @Authorized('admin:write')
  @Mutation(() => ClientView, { description: "Adds a client: a partner's system (PARTNER), the shop's backend (SHOP) or an admin (ADMIN)." })
  async addClient(@Ctx() ctx: RequestContext, @Arg('input', () => AddClientInput) input: AddClientInput): Promise<ClientView> {
    return toClientView(await clients(ctx).addClient(input));
  }

  @Authorized('admin:write')
  @Mutation(() => ClientView, { description: "Replaces a client's scopes; tokens carry only scopes the client holds at the time of the request." })
  async changeClientScopes(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ChangeClientScopesInput) input: ChangeClientScopesInput,
  ): Promise<ClientView> {
    return toClientView(await clients(ctx).changeScopes(input));
  }

  @Authorized('admin:write')
  @Mutation(() => ClientView, { description: "Revokes a client; its tokens are refused from the next request on. Final." })
  async revokeClient(@Ctx() ctx: RequestContext, @Arg('input', () => RevokeClientInput) input: RevokeClientInput): Promise<ClientView> {
    return toClientView(await clients(ctx).revoke(input));
  }

  @Authorized('admin:read')
  @Query(() => AccessChangeConnection, {
    description: "The permission history: every grant, change and revocation of partners' and admins' access, newest first.",
  })
  async accessHistory(@Ctx() ctx: RequestContext, @Args(() => AccessHistoryArgs) args: AccessHistoryArgs): Promise<AccessChangeConnection> {
    const page = await new AccessHistoryService(ctx.em).list(args);
    return {
      nodes: page.entries.map(toAccessChangeView),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }
}
