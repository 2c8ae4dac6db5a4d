import { type EntityManager } from '@mikro-orm/postgresql';
import { type Principal } from '@provision/auth';
import { type Clock } from '@provision/util';

export { type Principal } from '@provision/auth';

/**
 * What every resolver receives. Made once per request by the gateway's `context.ts` and never
 * shared: the entity manager is a fork, so no identity map leaks between callers.
 */
export interface RequestContext {
  requestId: string;
  principal: Principal;
  em: EntityManager;
  clock: Clock;
}
