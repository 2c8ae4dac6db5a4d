import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { DomainError } from '@provision/domain';

/**
 * Runs one shop mutation in one transaction, so it applies whole or changes nothing.
 *
 * Each mutation first looks its record up by the shop's id and only inserts when it finds none.
 * Two concurrent duplicates can both find none; the unique constraint on the shop's id then lets
 * only one insert commit, and the other fails with a unique violation. That one is run once more,
 * in a fresh transaction: it now finds the committed row and takes the replay path, so it gets
 * the idempotent answer (or the refusal a conflicting replay gets) instead of an error.
 */
export async function writeIdempotently<T>(em: EntityManager, work: (em: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await em.transactional(work);
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
  }
  try {
    return await em.transactional(work);
  } catch (error) {
    // A second collision means the rows keep changing under us; the caller may simply retry.
    if (error instanceof UniqueConstraintViolationException) {
      throw new DomainError('CONFLICT', 'a concurrent request recorded the same id; retry');
    }
    throw error;
  }
}
