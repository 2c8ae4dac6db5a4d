import { type EntityManager } from '@mikro-orm/postgresql';
import { type Principal } from '@provision/auth';
import { type RequestLedger } from '@provision/audit';
import { type Keyring } from '@provision/crypto';
import { type Actor } from '@provision/domain';
import { type Clock } from '@provision/util';

export { type Principal } from '@provision/auth';

/** Who is acting in this request, as records keep it: the client, and the person when one signed in. */
export function actorOf(principal: Principal): Actor {
  return { clientId: principal.clientId, person: principal.person };
}

/**
 * What every resolver receives. Made once per request by the gateway's `context.ts` and never
 * shared: the entity manager is a fork, so no identity map leaks between callers.
 */
export interface RequestContext {
  requestId: string;
  principal: Principal;
  em: EntityManager;
  clock: Clock;
  /**
   * The purpose the operation declared with `@purpose`, set by the gateway once the operation is
   * known and before any resolver runs; null for operations of the shop backend and admins.
   */
  purpose: string | null;
  /** Releases and denials of personal data made by this request, written before the response leaves. */
  ledger: RequestLedger;
  /**
   * Seals unique identifiers and secrets as they are written, and opens them only where they are
   * released or sent (partner release, correction notices).
   */
  keyring: Keyring;
  /**
   * Four-eyes publishing (AGREEMENT_FOUR_EYES): agreement versions are drafted by one officer and
   * published only when a different officer approves them.
   */
  fourEyesPublishing: boolean;
}
